// Classic pcap: both byte orders, µs and ns, the modified (Kuznetzov) format, FCS bits in the
// link-type field, and every way the tail of a file can be cut or corrupt.
#include <gtest/gtest.h>

#include "sources/capture_builders.h"
#include "sources/capture_file.h"

namespace sovscan {
namespace {

using test::Bytes;
using test::PcapFlavor;
using test::PcapPacket;
using test::payload;

std::vector<PcapPacket> three_packets() {
    return {{1700000000, 1, payload(60, 1), 0},
            {1700000000, 999999, payload(1514, 2), 1514},
            {1700000001, 500000, payload(40, 3), 9000}};  // captured 40 of 9000 bytes
}

struct FlavorCase {
    bool big;
    PcapFlavor flavor;
};

class PcapFlavors : public ::testing::TestWithParam<FlavorCase> {};

TEST_P(PcapFlavors, ReadsEveryPacketWithExactTimestamps) {
    const auto [big, flavor] = GetParam();
    const Bytes file = test::pcap_file(big, flavor, kLinkEthernet, three_packets());
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "mem.pcap", 7, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->format(), "pcap");
    const auto got = test::read_all(*reader);
    ASSERT_EQ(got.size(), 3u);
    const int64_t unit = flavor == PcapFlavor::nano ? 1 : 1000;
    EXPECT_EQ(got[0].raw.ts_ns, 1700000000LL * 1'000'000'000 + 1 * unit);
    EXPECT_EQ(got[1].raw.ts_ns, 1700000000LL * 1'000'000'000 + 999999 * unit);
    EXPECT_EQ(got[2].raw.ts_ns, 1700000001LL * 1'000'000'000 + 500000 * unit);
    const auto want = three_packets();
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(got[i].data, want[i].data) << i;
        EXPECT_EQ(got[i].raw.caplen, want[i].data.size());
        EXPECT_EQ(got[i].raw.link_type, kLinkEthernet);
        EXPECT_EQ(got[i].raw.input_index, 7);
    }
    EXPECT_EQ(got[0].raw.wire_len, 60u);
    EXPECT_EQ(got[2].raw.wire_len, 9000u);
    EXPECT_EQ(reader->packets_read(), 3u);
    EXPECT_EQ(reader->offset(), file.size());
    EXPECT_EQ(reader->size_bytes(), file.size());
    EXPECT_FALSE(reader->partial());
    EXPECT_TRUE(diag.problems().empty());
    RawPacket p;
    EXPECT_FALSE(reader->next(p));  // stays at the end
}

INSTANTIATE_TEST_SUITE_P(AllMagics, PcapFlavors,
                         ::testing::Values(FlavorCase{false, PcapFlavor::micro}, FlavorCase{true, PcapFlavor::micro},
                                           FlavorCase{false, PcapFlavor::nano}, FlavorCase{true, PcapFlavor::nano},
                                           FlavorCase{false, PcapFlavor::kuznetzov},
                                           FlavorCase{true, PcapFlavor::kuznetzov}));

TEST(PcapFile, PointsIntoTheFileWithoutCopying) {
    const Bytes file = test::pcap_file(false, PcapFlavor::micro, kLinkEthernet, three_packets());
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "mem.pcap", 0, diag);
    ASSERT_TRUE(reader);
    RawPacket p;
    ASSERT_TRUE(reader->next(p));
    EXPECT_EQ(p.data, file.data() + 24 + 16);
}

TEST(PcapFile, LinkTypeIsTheLow16BitsOfTheField) {
    // 0x14000000 = FCS present (bit 28 "F") with 4-byte FCS (bits 26-27 = 1): still Ethernet.
    const Bytes file = test::pcap_file(false, PcapFlavor::micro, 0x14000000u | kLinkEthernet, three_packets());
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "fcs.pcap", 0, diag);
    ASSERT_TRUE(reader);
    RawPacket p;
    ASSERT_TRUE(reader->next(p));
    EXPECT_EQ(p.link_type, kLinkEthernet);
    EXPECT_EQ(reader->link_types(), std::vector<uint16_t>{kLinkEthernet});
}

TEST(PcapFile, UnsupportedLinkTypeIsReadAndReported) {
    const Bytes file = test::pcap_file(true, PcapFlavor::micro, 147 /* USER0 */, three_packets());
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "user0.pcap", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(test::read_all(*reader).size(), 3u);
    EXPECT_EQ(reader->link_types(), std::vector<uint16_t>{147});
    EXPECT_TRUE(diag.problems().empty());
}

TEST(PcapFile, CutInTheMiddleOfAPacketKeepsEarlierPackets) {
    Bytes file = test::pcap_file(false, PcapFlavor::micro, kLinkEthernet, three_packets());
    file.resize(file.size() - 10);  // the third packet loses 10 of its 40 bytes
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "cut.pcap", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(test::read_all(*reader).size(), 2u);
    EXPECT_TRUE(reader->partial());
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0], "truncated capture: packet 3 cut after 30 of 40 bytes at byte 1630; results up to packet 2");
    EXPECT_EQ(diag.partial_inputs(), std::vector<std::string>{"cut.pcap"});
    EXPECT_FALSE(diag.has_errors());
    RawPacket p;
    EXPECT_FALSE(reader->next(p));
    EXPECT_EQ(diag.problems().size(), 1u);  // said once
}

TEST(PcapFile, CutInARecordHeader) {
    Bytes file = test::pcap_file(false, PcapFlavor::micro, kLinkEthernet, three_packets());
    file.resize(24 + 16 + 60 + 5);
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "cut.pcap", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(test::read_all(*reader).size(), 1u);
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("truncated capture: record header cut after 5 of 16 bytes", 0), 0u) << warnings[0];
}

TEST(PcapFile, HugeCaplenIsCorruption) {
    std::vector<PcapPacket> packets = three_packets();
    Bytes file = test::pcap_file(false, PcapFlavor::micro, kLinkEthernet, packets);
    // caplen of the second record (offset 24 + 16 + 60 + 8) = 300000
    const size_t at = 24 + 16 + 60 + 8;
    const uint32_t huge = 300000;
    for (int i = 0; i < 4; ++i) file[at + i] = static_cast<uint8_t>(huge >> (8 * i));
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "huge.pcap", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_EQ(test::read_all(*reader).size(), 1u);
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("claims 300000 captured bytes (more than 262144, corrupt)"), std::string::npos)
        << warnings[0];
    EXPECT_TRUE(reader->partial());
}

TEST(PcapFile, HeaderOnlyFileWarnsNoPackets) {
    const Bytes file = test::pcap_file(false, PcapFlavor::micro, kLinkEthernet, {});
    Diagnostics diag;
    auto reader = CaptureFile::open_memory(file, "none.pcap", 0, diag);
    ASSERT_TRUE(reader);
    EXPECT_TRUE(test::read_all(*reader).empty());
    EXPECT_EQ(test::messages(diag, ProblemLevel::warning), std::vector<std::string>{"capture has no packets"});
    EXPECT_FALSE(reader->partial());
    EXPECT_FALSE(diag.has_errors());
}

TEST(PcapFile, ShortHeaderIsAnError) {
    Bytes file = test::pcap_file(false, PcapFlavor::micro, kLinkEthernet, {});
    file.resize(20);
    Diagnostics diag;
    EXPECT_FALSE(CaptureFile::open_memory(file, "short.pcap", 0, diag));
    EXPECT_EQ(test::messages(diag, ProblemLevel::error),
              std::vector<std::string>{"truncated pcap file header (20 of 24 bytes)"});
}

TEST(PcapFile, UnsupportedVersionIsAnError) {
    Bytes file = test::pcap_file(false, PcapFlavor::micro, kLinkEthernet, three_packets());
    file[4] = 3;  // version 3.4
    Diagnostics diag;
    EXPECT_FALSE(CaptureFile::open_memory(file, "v3.pcap", 0, diag));
    ASSERT_EQ(diag.problems().size(), 1u);
    EXPECT_EQ(diag.problems()[0].input, "v3.pcap");
    EXPECT_EQ(diag.problems()[0].message, "unsupported pcap version 3.4 (only 2.x)");
}

TEST(PcapFile, EveryPrefixOfAFileIsSafe) {
    // Cut a file at every length: never a crash, packets are a prefix of the whole, and a cut file
    // says why (error before the header is complete, warning after).
    const Bytes whole = test::pcap_file(true, PcapFlavor::nano, kLinkRaw, three_packets());
    for (size_t n = 1; n < whole.size(); ++n) {
        Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(n));
        Diagnostics diag;
        auto reader = CaptureFile::open_memory(cut, "prefix.pcap", 0, diag);
        if (n < 24) {
            EXPECT_FALSE(reader) << n;
            EXPECT_TRUE(diag.has_errors()) << n;
            continue;
        }
        ASSERT_TRUE(reader) << n;
        const auto got = test::read_all(*reader);
        EXPECT_LE(got.size(), 3u);
        // Either the cut fell between records (a shorter, clean file) or the reader says it was cut.
        const bool boundary = n == 24 || n == 24 + 76 || n == 24 + 76 + 1530;
        EXPECT_EQ(reader->partial(), !boundary) << n;
        EXPECT_EQ(got.size(), n < 24 + 76 ? 0u : n < 24 + 76 + 1530 ? 1u : 2u) << n;
    }
}

}  // namespace
}  // namespace sovscan
