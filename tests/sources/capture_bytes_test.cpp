// CaptureBytes: views of a capture's bytes at file offsets, whether the file is read whole (small,
// FIFO, borrowed memory) or streamed in chunks (large); how long a view stays valid; a file that
// shrinks under the reader. And the readers over a streamed file: packets cut by chunk ends, blocks
// longer than a view, a file cut while read.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <deque>
#include <filesystem>

#include "sources/capture_builders.h"
#include "sources/capture_bytes.h"
#include "sources/capture_file.h"

namespace sovscan {
namespace {

using test::Bytes;

// Byte i of the pattern file: varies within and across chunks, so a misplaced view shows.
uint8_t pattern(uint64_t i) { return static_cast<uint8_t>((i * 2654435761u) >> 13); }

Bytes pattern_bytes(size_t n) {
    Bytes b(n);
    for (size_t i = 0; i < n; ++i) b[i] = pattern(i);
    return b;
}

bool matches(const uint8_t* view, uint64_t offset, size_t n) {
    for (size_t i = 0; i < n; ++i)
        if (view[i] != pattern(offset + i)) return false;
    return true;
}

TEST(CaptureBytes, SmallFileIsReadWhole) {
    test::TempDir dir;
    const std::string path = dir.write("small", pattern_bytes(1000));
    CaptureBytes bytes;
    std::string error;
    ASSERT_TRUE(bytes.open(path, error)) << error;
    EXPECT_EQ(bytes.size(), 1000u);
    const uint8_t* all = bytes.view(0, 1000);
    ASSERT_NE(all, nullptr);
    EXPECT_TRUE(matches(all, 0, 1000));
    EXPECT_EQ(bytes.view(500, 10), all + 500);  // one buffer: every view points into it
}

TEST(CaptureBytes, LargeFileViewsMatchTheFileAcrossChunkEnds) {
    test::TempDir dir;
    const size_t size = 8 * 1024 * 1024 + 17;
    const std::string path = dir.write("large", pattern_bytes(size));
    CaptureBytes bytes;
    std::string error;
    ASSERT_TRUE(bytes.open(path, error)) << error;
    ASSERT_EQ(bytes.size(), size);
    // Records of changing sizes, small to the largest view, straddling every chunk end.
    uint64_t offset = 0;
    size_t views = 0;
    for (size_t i = 0; offset < size; ++i) {
        size_t n = i % 200 == 199 ? CaptureBytes::kMaxView : 1 + (i * 7919) % 3000;
        n = std::min<uint64_t>(n, size - offset);
        const uint8_t* v = bytes.view(offset, n);
        ASSERT_NE(v, nullptr) << "offset " << offset;
        ASSERT_TRUE(matches(v, offset, n)) << "offset " << offset << " length " << n;
        bytes.handed_out();
        offset += n;
        ++views;
    }
    EXPECT_GT(views, 1000u);
    EXPECT_LE(bytes.buffer_count(), 3u);  // small records: the spare buffer is always free again
    // A view that skips ahead (a pcapng trailing length) and one that goes back both read right.
    ASSERT_TRUE(matches(bytes.view(size - 4, 4), size - 4, 4));
    ASSERT_TRUE(matches(bytes.view(12345, 100), 12345, 100));
}

TEST(CaptureBytes, ViewsStayValidForTheKeptPackets) {
    test::TempDir dir;
    const size_t size = 12 * 1024 * 1024;
    const std::string path = dir.write("large", pattern_bytes(size));
    CaptureBytes bytes;
    std::string error;
    ASSERT_TRUE(bytes.open(path, error)) << error;
    // Packets large enough that nearly each one needs a read: the worst case for reuse.
    struct Held {
        const uint8_t* view;
        uint64_t offset;
        size_t n;
    };
    std::deque<Held> held;
    uint64_t offset = 0;
    for (size_t i = 0; offset < size; ++i) {
        const size_t n = std::min<uint64_t>(i % 2 ? 300 * 1024 : 1500, size - offset);
        const uint8_t* v = bytes.view(offset, n);
        ASSERT_NE(v, nullptr);
        bytes.handed_out();
        held.push_back({v, offset, n});
        if (held.size() > CaptureBytes::kKeepPackets) held.pop_front();
        for (const Held& h : held) ASSERT_TRUE(matches(h.view, h.offset, h.n)) << "packet at " << h.offset;
        offset += n;
    }
    EXPECT_LE(bytes.buffer_count(), CaptureBytes::kKeepPackets + 2);
}

TEST(CaptureBytes, BorrowedBytesAreUsedInPlace) {
    const Bytes b = pattern_bytes(100);
    CaptureBytes bytes = CaptureBytes::borrow(b);
    EXPECT_EQ(bytes.size(), 100u);
    EXPECT_EQ(bytes.view(10, 90), b.data() + 10);
}

TEST(CaptureBytes, FileThatShrinksWhileReadGivesNoView) {
    test::TempDir dir;
    const std::string path = dir.write("large", pattern_bytes(4 * 1024 * 1024));
    CaptureBytes bytes;
    std::string error;
    ASSERT_TRUE(bytes.open(path, error)) << error;
    ASSERT_NE(bytes.view(0, 100), nullptr);
    std::filesystem::resize_file(path, 2 * 1024 * 1024);
    EXPECT_EQ(bytes.view(3 * 1024 * 1024, 100), nullptr);
    EXPECT_EQ(bytes.error(), "file shrank while it was read");
}

// A pcap larger than a whole read, with packets of every size up to the largest, reads exactly as
// the same bytes in memory do.
TEST(CaptureBytes, StreamedPcapReadsLikeTheSameBytesInMemory) {
    std::vector<test::PcapPacket> packets;
    for (uint32_t i = 0; i < 6000; ++i) {
        const size_t n = i % 500 == 499 ? kMaxCaplen : 40 + (i * 37) % 1500;
        packets.push_back({1700000000 + i, i, test::payload(n, uint8_t(i)), 0});
    }
    const Bytes file = test::pcap_file(false, test::PcapFlavor::nano, kLinkEthernet, packets);
    ASSERT_GT(file.size(), CaptureBytes::kReadWholeUpTo * 4);
    test::TempDir dir;
    const std::string path = dir.write("big.pcap", file);
    Diagnostics diag;
    auto streamed = CaptureFile::open(path, 0, diag);
    auto in_memory = CaptureFile::open_memory(file, "mem.pcap", 0, diag);
    ASSERT_TRUE(streamed && in_memory);
    const auto a = test::read_all(*streamed);
    const auto b = test::read_all(*in_memory);
    ASSERT_EQ(a.size(), packets.size());
    ASSERT_EQ(b.size(), packets.size());
    for (size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].data, packets[i].data) << i;
        ASSERT_EQ(a[i].raw.ts_ns, b[i].raw.ts_ns) << i;
        ASSERT_EQ(a[i].raw.wire_len, b[i].raw.wire_len) << i;
    }
    EXPECT_EQ(streamed->offset(), file.size());
    EXPECT_TRUE(diag.problems().empty());
}

// pcapng over a streamed file: a skipped block longer than any view (its trailing length checked
// on its own) between packets, and a packet of the largest captured length.
TEST(CaptureBytes, StreamedPcapngSkipsBlocksLongerThanAView) {
    test::PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0, 9);
    std::vector<Bytes> want;
    for (uint32_t i = 0; i < 3000; ++i) {
        want.push_back(test::payload(i % 1000 == 999 ? kMaxCaplen : 60 + i % 1400, uint8_t(i)));
        b.enhanced(0, 1'000'000'000ull * i, want.back());
        if (i % 700 == 1) b.other(4, Bytes(CaptureBytes::kMaxView + 4096 + i, 0xab));  // name resolution
    }
    const Bytes file = b.bytes();
    ASSERT_GT(file.size(), CaptureBytes::kReadWholeUpTo * 2);
    test::TempDir dir;
    const std::string path = dir.write("big.pcapng", file);
    Diagnostics diag;
    auto reader = CaptureFile::open(path, 0, diag);
    ASSERT_TRUE(reader);
    const auto got = test::read_all(*reader);
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i].data, want[i]) << i;
        ASSERT_EQ(got[i].raw.ts_ns, int64_t(i) * 1'000'000'000) << i;
    }
    EXPECT_TRUE(diag.problems().empty());
}

TEST(CaptureBytes, StreamedCaptureCutWhileReadKeepsEarlierPackets) {
    std::vector<test::PcapPacket> packets;
    for (uint32_t i = 0; i < 4000; ++i) packets.push_back({i, 0, test::payload(1000, uint8_t(i)), 0});
    const Bytes file = test::pcap_file(false, test::PcapFlavor::micro, kLinkEthernet, packets);
    test::TempDir dir;
    const std::string path = dir.write("cut.pcap", file);
    Diagnostics diag;
    auto reader = CaptureFile::open(path, 0, diag);
    ASSERT_TRUE(reader);
    RawPacket p;
    ASSERT_TRUE(reader->next(p));
    std::filesystem::resize_file(path, 2 * 1024 * 1024);  // size was taken at open: now it lies
    uint64_t n = 1;
    while (reader->next(p)) ++n;
    EXPECT_GT(n, 1000u);
    EXPECT_LT(n, 4000u);
    EXPECT_TRUE(reader->partial());
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("truncated capture: read failed (file shrank while it was read) at byte"),
              std::string::npos)
        << warnings[0];
}

}  // namespace
}  // namespace sovscan
