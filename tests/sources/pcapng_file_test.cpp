// pcapng: sections with their own byte order and interfaces, per-interface resolution and offset,
// the three packet blocks, skipped blocks, and corrupt or cut blocks.
#include <gtest/gtest.h>

#include "sources/capture_builders.h"
#include "sources/capture_file.h"

namespace sovscan {
namespace {

using test::Bytes;
using test::PcapngBuilder;
using test::payload;

constexpr int64_t kSec = 1'000'000'000;

// Two sections (little-, then big-endian), two interfaces each, every packet block type and a few
// blocks that must be skipped.
Bytes two_sections() {
    PcapngBuilder b;
    b.section(false)
        .interface(kLinkEthernet, 0)                        // if 0: µs (no if_tsresol)
        .interface(kLinkRaw, 0, 9, 100)                     // if 1: ns, if_tsoffset +100 s
        .other(4, {1, 0, 4, 0, 10, 0, 0, 1, 0, 0, 0, 0})    // name resolution block
        .enhanced(0, 1700000000123456ull, payload(60, 1))
        .enhanced(1, 1600000000987654321ull, payload(41, 2), 1500)
        .other(5, Bytes(24, 0))                             // interface statistics
        .simple(payload(52, 3), 60)                         // if 0, time of the packet before
        .other(0x40000bad, payload(12, 9))                  // custom block
        .other(0x12345, payload(8, 9))                      // unknown type
        .obsolete(1, 1600000001000000000ull, payload(30, 4));
    b.section(true)
        .interface(kLinkLinuxSll, 64, 0x80 | 10)            // if 0: 2^-10 s, snaplen 64
        .interface(kLinkIpv4, 0, 3)                         // if 1: ms
        .enhanced(0, 1700000000ull * 1024 + 512, payload(44, 5))
        .enhanced(1, 1700000000123ull, payload(20, 6))
        .simple(payload(100, 7), 100);                      // cut to snaplen 64
    return b.bytes();
}

TEST(PcapngFile, TwoSectionsTwoInterfacesEachExactToTheNanosecond) {
    const Bytes file = two_sections();
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "two.pcapng", 3, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->format(), "pcapng");
    const auto got = test::read_all(*reader);
    ASSERT_EQ(got.size(), 7u);
    EXPECT_TRUE(diag.problems().empty());

    struct Want {
        int64_t ts_ns;
        uint16_t link_type;
        uint32_t caplen;
        uint32_t wire_len;
        uint8_t seed;
    };
    const Want want[] = {
        {1700000000123456000, kLinkEthernet, 60, 60, 1},
        {1600000100987654321, kLinkRaw, 41, 1500, 2},
        // SPB: caplen = what the block holds (it has no caplen field, so padding would count too:
        // 52 bytes are used here to keep the test exact)
        {1600000100987654321, kLinkEthernet, 52, 60, 3},
        {1600000101000000000, kLinkRaw, 30, 30, 4},
        {1700000000 * kSec + 500'000'000, kLinkLinuxSll, 44, 44, 5},
        {1700000000123000000, kLinkIpv4, 20, 20, 6},
        {1700000000123000000, kLinkLinuxSll, 64, 100, 7},  // SPB: caplen = snaplen
    };
    for (size_t i = 0; i < 7; ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(got[i].raw.ts_ns, want[i].ts_ns);
        EXPECT_EQ(got[i].raw.link_type, want[i].link_type);
        EXPECT_EQ(got[i].raw.caplen, want[i].caplen);
        EXPECT_EQ(got[i].raw.wire_len, want[i].wire_len);
        EXPECT_EQ(got[i].data, payload(want[i].caplen, want[i].seed));
        EXPECT_EQ(got[i].raw.input_index, 3);
    }
    EXPECT_EQ(reader->link_types(), (std::vector<uint16_t>{kLinkEthernet, kLinkRaw, kLinkLinuxSll, kLinkIpv4}));
    EXPECT_EQ(reader->offset(), file.size());
    EXPECT_EQ(reader->packets_read(), 7u);
}

TEST(PcapngFile, FineAndBinaryResolutions) {
    PcapngBuilder b;
    b.section(false)
        .interface(kLinkEthernet, 0, 12)         // picoseconds
        .interface(kLinkEthernet, 0, 0x80 | 20)  // 2^-20 s
        .interface(kLinkEthernet, 0, 0)          // whole seconds
        .enhanced(0, 1700000000123456789ull, payload(1))  // ps: 1700000.000123456789 s
        .enhanced(1, (1700000000ull << 20) | (1u << 19), payload(1))
        .enhanced(2, 1700000000ull, payload(1));
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(b.bytes(), "res.pcapng", 0, diag);
    ASSERT_TRUE(reader);
    const auto got = test::read_all(*reader);
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].raw.ts_ns, 1700000000123456);
    EXPECT_EQ(got[1].raw.ts_ns, 1700000000 * kSec + 500'000'000);
    EXPECT_EQ(got[2].raw.ts_ns, 1700000000 * kSec);
}

// Times beyond int64 nanoseconds (after 2262-04-11; before 1970 through a negative if_tsoffset)
// are clamped to the nearest end of the range, with one warning per file, never wrapped (they gave
// 1969 dates, and a last_seen of null). The packets, and the good times around them, stand.
TEST(PcapngFile, OverflowingTimestampsAreClampedWithAWarning) {
    constexpr int64_t kMax = INT64_MAX;
    PcapngBuilder b;
    b.section(false)
        .interface(kLinkEthernet, 0, 0)                      // if 0: whole seconds
        .interface(kLinkEthernet, 0, 9)                      // if 1: ns
        .interface(kLinkEthernet, 0, 9, INT64_MAX / 2)       // if 2: ns, an absurd if_tsoffset
        .interface(kLinkEthernet, 0, 0, -4'000'000'000)      // if 3: s, if_tsoffset before 1970
        .enhanced(1, 1700000000ull * kSec, payload(10, 1))    // fine
        .enhanced(0, 20'000'000'000ull, payload(10, 2))      // year 2603 in seconds: overflows ns
        .enhanced(1, UINT64_MAX, payload(10, 3))             // 1.8e19 ns > 9.2e18
        .enhanced(2, 1, payload(10, 4))                      // the offset alone overflows
        .enhanced(3, 1700000000ull, payload(10, 5))          // 1700000000 - 4000000000 s < 0
        .enhanced(0, 9'223'372'036ull, payload(10, 6))       // the last whole second that fits
        .enhanced(1, 1700000001ull * kSec, payload(10, 7));  // fine
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(b.bytes(), "overflow.pcapng", 0, diag);
    ASSERT_TRUE(reader);
    const auto got = test::read_all(*reader);
    ASSERT_EQ(got.size(), 7u);
    EXPECT_EQ(got[0].raw.ts_ns, 1700000000 * kSec);
    EXPECT_EQ(got[1].raw.ts_ns, kMax);
    EXPECT_EQ(got[2].raw.ts_ns, kMax);
    EXPECT_EQ(got[3].raw.ts_ns, kMax);
    EXPECT_EQ(got[4].raw.ts_ns, 0);
    EXPECT_EQ(got[5].raw.ts_ns, 9'223'372'036 * kSec);
    EXPECT_EQ(got[6].raw.ts_ns, 1700000001 * kSec);
    for (const auto& p : got) EXPECT_GE(p.raw.ts_ns, 0);
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0],
              "packet 2: timestamp 20000000000 does not fit in nanoseconds since 1970 (after 2262 or before 1970: a "
              "corrupt timestamp, if_tsresol or if_tsoffset); clamped to the nearest end of that range, and so are "
              "later ones");
    EXPECT_FALSE(reader->partial());  // a wrong clock loses no packet
}

TEST(PcapngFile, PacketForAnInterfaceOfAnEarlierSectionIsCorrupt) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0).interface(kLinkEthernet, 0).enhanced(1, 1, payload(10));
    b.section(false).interface(kLinkEthernet, 0).enhanced(1, 2, payload(10));  // section 2 has only if 0
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(b.bytes(), "sec.pcapng", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(test::read_all(*reader).size(), 1u);
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("truncated capture: enhanced packet block for interface 1, but the section "
                                "declares 1 at byte ", 0),
              0u)
        << warnings[0];
    EXPECT_TRUE(reader->partial());
}

TEST(PcapngFile, SimplePacketWithoutInterfaceIsCorrupt) {
    PcapngBuilder b;
    b.section(false).simple(payload(10), 10);
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(b.bytes(), "spb.pcapng", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_TRUE(test::read_all(*reader).empty());
    EXPECT_TRUE(reader->partial());
}

TEST(PcapngFile, CutInTheMiddleOfAPacketKeepsEarlierPackets) {
    Bytes file = two_sections();
    file.resize(file.size() - 30);  // into the last SPB
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "cut.pcapng", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(test::read_all(*reader).size(), 6u);
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("truncated capture: block of type 0x3 needs 116 bytes, 86 left at byte ", 0), 0u)
        << warnings[0];
    EXPECT_NE(warnings[0].find("results up to packet 6"), std::string::npos);
    EXPECT_EQ(diag.partial_inputs(), std::vector<std::string>{"cut.pcapng"});
}

TEST(PcapngFile, MismatchedTrailingLengthIsCorrupt) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0).enhanced(0, 1, payload(10)).enhanced(0, 2, payload(10));
    Bytes file = b.bytes();
    file[file.size() - 4] ^= 0x40;  // the last block's trailing length
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "trail.pcapng", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(test::read_all(*reader).size(), 1u);
    EXPECT_TRUE(reader->partial());
}

TEST(PcapngFile, SectionHeaderOnlyWarnsNoPackets) {
    PcapngBuilder b;
    b.section(true).interface(kLinkEthernet, 0);
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(b.bytes(), "empty.pcapng", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_TRUE(test::read_all(*reader).empty());
    EXPECT_EQ(test::messages(diag, ProblemLevel::warning), std::vector<std::string>{"capture has no packets"});
    EXPECT_EQ(reader->link_types(), std::vector<uint16_t>{kLinkEthernet});
}

TEST(PcapngFile, BadFirstSectionHeaderIsAnError) {
    PcapngBuilder b;
    b.section(false, 2);
    Diagnostics diag;
    EXPECT_FALSE(CaptureFile::open_memory(b.bytes(), "v2.pcapng", 0, diag));
    EXPECT_EQ(test::messages(diag, ProblemLevel::error),
              std::vector<std::string>{"not a usable pcapng file: unsupported pcapng version 2.0 (only 1.x)"});

    Bytes bad_bom = PcapngBuilder().section(false).bytes();
    bad_bom[8] = 0;
    Diagnostics diag2;
    EXPECT_FALSE(CaptureFile::open_memory(bad_bom, "bom.pcapng", 0, diag2));
    ASSERT_EQ(diag2.problems().size(), 1u);
    EXPECT_EQ(diag2.problems()[0].message,
              "not a usable pcapng file: section header has no byte-order magic (found 1a2b3c00)");
}

TEST(PcapngFile, BadLaterSectionHeaderEndsTheFile) {
    PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0).enhanced(0, 1, payload(10));
    b.section(false, 3).interface(kLinkEthernet, 0).enhanced(0, 2, payload(10));
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(b.bytes(), "v3.pcapng", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(test::read_all(*reader).size(), 1u);
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("truncated capture: unsupported pcapng version 3.0", 0), 0u) << warnings[0];
}

TEST(PcapngFile, EveryPrefixOfAFileIsSafe) {
    const Bytes whole = two_sections();
    for (size_t n = 1; n < whole.size(); ++n) {
        Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
        Diagnostics diag;
        auto reader = CaptureFile::open_memory(cut, "prefix.pcapng", 0, diag);
        if (!reader) {
            EXPECT_TRUE(diag.has_errors()) << n;
            continue;
        }
        EXPECT_LT(test::read_all(*reader).size(), 7u) << n;
        // Either the cut fell between blocks (a shorter, clean file) or the reader says it was cut.
        EXPECT_TRUE(reader->partial() || reader->offset() == n) << n;
        EXPECT_EQ(reader->partial(), !diag.partial_inputs().empty()) << n;
    }
}

TEST(PcapngFile, EverySingleByteCorruptionIsSafe) {
    // Flip each byte in turn: whatever the reader makes of it, it stays inside the buffer (ASan
    // builds check that) and never returns more packets than blocks there are.
    const Bytes whole = two_sections();
    for (size_t i = 0; i < whole.size(); ++i) {
        Bytes bad = whole;
        bad[i] ^= 0xff;
        Diagnostics diag;
        auto reader = CaptureFile::open_memory(bad, "flip.pcapng", 0, diag);
        if (!reader) continue;
        RawPacket p;
        size_t n = 0;
        while (reader->next(p)) {
            ASSERT_GE(p.data, bad.data());
            ASSERT_LE(p.data + p.caplen, bad.data() + bad.size());
            ++n;
        }
        EXPECT_LE(n, 7u) << i;
    }
}

}  // namespace
}  // namespace sovscan
