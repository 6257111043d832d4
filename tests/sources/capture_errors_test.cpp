// What the user sees when a path is not a readable capture: one error naming the file, no reader.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <thread>

#include "sources/capture_builders.h"
#include "sources/capture_file.h"

namespace sovscan {
namespace {

using test::Bytes;

// Opens `path` expecting failure; returns the single error's message.
std::string open_error(const std::string& path) {
    Diagnostics diag;
    auto reader = CaptureFile::open(path, 0, diag);
    EXPECT_FALSE(reader);
    EXPECT_EQ(diag.problems().size(), 1u);
    if (diag.problems().empty()) return "";
    EXPECT_EQ(diag.problems()[0].level, ProblemLevel::error);
    EXPECT_EQ(diag.problems()[0].input, path);
    return diag.problems()[0].message;
}

TEST(CaptureErrors, MissingFile) {
    test::TempDir dir;
    EXPECT_EQ(open_error((dir.path() / "nope.pcap").string()), "No such file or directory");
}

TEST(CaptureErrors, Directory) {
    test::TempDir dir;
    EXPECT_EQ(open_error(dir.path().string()), "is a directory");
}

TEST(CaptureErrors, EmptyFile) {
    test::TempDir dir;
    EXPECT_EQ(open_error(dir.write("empty.pcap", {})), "empty file");
}

TEST(CaptureErrors, NotACapture) {
    test::TempDir dir;
    EXPECT_EQ(open_error(dir.write("zip.pcap", {'P', 'K', 3, 4, 20, 0, 0, 0})),
              "not a pcap or pcapng file (starts with 50 4b 03 04: a zip archive)");
    EXPECT_EQ(open_error(dir.write("gz.pcap", {0x1f, 0x8b, 8, 0, 0, 0})),
              "not a pcap or pcapng file (starts with 1f 8b 08 00: gzip-compressed, decompress it first)");
    EXPECT_EQ(open_error(dir.write("text.pcap", {'h', 'e', 'l', 'l', 'o'})),
              "not a pcap or pcapng file (starts with 68 65 6c 6c)");
    EXPECT_EQ(open_error(dir.write("tiny.pcap", {0xd4, 0xc3})),
              "not a pcap or pcapng file (starts with d4 c3: only 2 bytes)");
}

TEST(CaptureErrors, HeaderWithoutPacketsIsOnlyAWarning) {
    test::TempDir dir;
    const std::string path = dir.write("none.pcap", test::pcap_file(false, test::PcapFlavor::micro, 1, {}));
    Diagnostics diag;
    auto reader = CaptureFile::open(path, 0, diag);
    ASSERT_TRUE(reader);
    RawPacket p;
    EXPECT_FALSE(reader->next(p));
    ASSERT_EQ(diag.problems().size(), 1u);
    EXPECT_EQ(diag.problems()[0].level, ProblemLevel::warning);
    EXPECT_EQ(diag.problems()[0].input, path);
    EXPECT_EQ(diag.problems()[0].message, "capture has no packets");
}

TEST(CaptureErrors, FifoIsReadThroughABuffer) {
    // A FIFO cannot be read at offsets (pread): it is read whole, like a small file.
    test::TempDir dir;
    const Bytes file = test::pcap_file(false, test::PcapFlavor::micro, 1, {{1, 2, test::payload(10), 0}});
    const std::string fifo = (dir.path() / "pipe.pcap").string();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::thread writer([&] { dir.write("pipe.pcap", file); });
    Diagnostics diag;
    auto reader = CaptureFile::open(fifo, 0, diag);
    writer.join();
    ASSERT_TRUE(reader);
    const auto got = test::read_all(*reader);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].data, test::payload(10));
    EXPECT_EQ(got[0].raw.ts_ns, 1'000'002'000);
}

}  // namespace
}  // namespace sovscan
