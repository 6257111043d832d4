// Streams: a FIFO, a pipe, a character device or a terminal as input. They are read forward as the
// bytes come, in bounded buffers (packets come out before the writer is done), their format is told
// from the first bytes, and their end is judged as a file's: a clean end, or a record cut by it.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

#include "sources/capture_builders.h"
#include "sources/capture_bytes.h"
#include "sources/capture_file.h"
#include "sources/capture_set.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

using test::Bytes;
using namespace std::chrono_literals;

Bytes file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

// Writes `bytes` into a FIFO from a thread: the first `before_gate` bytes, then it waits (up to 10 s)
// until the reader says it has packets already (gate_open()), then the rest, then closes. A reader
// that waited for the whole stream before handing out anything leaves `reader_was_incremental()`
// false.
class GatedFifoWriter {
public:
    GatedFifoWriter(const std::string& fifo, Bytes bytes, size_t before_gate) : bytes_(std::move(bytes)) {
        ::signal(SIGPIPE, SIG_IGN);  // a reader that stops early ends the write with EPIPE, not the test
        thread_ = std::thread([this, fifo, before_gate] { run(fifo, before_gate); });
    }
    ~GatedFifoWriter() { thread_.join(); }
    void open_gate() { gate_ = true; }
    bool reader_was_incremental() const { return incremental_; }

private:
    void run(const std::string& fifo, size_t before_gate) {
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) return;
        write_all(fd, 0, std::min(before_gate, bytes_.size()));
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (!gate_ && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
        incremental_ = gate_.load();
        write_all(fd, std::min(before_gate, bytes_.size()), bytes_.size());
        ::close(fd);
    }
    void write_all(int fd, size_t from, size_t to) {
        while (from < to) {
            const ssize_t n = ::write(fd, bytes_.data() + from, to - from);
            if (n <= 0) return;  // the reader went away
            from += static_cast<size_t>(n);
        }
    }
    Bytes bytes_;
    std::atomic<bool> gate_{false};
    std::atomic<bool> incremental_{false};
    std::thread thread_;
};

std::string make_fifo(const test::TempDir& dir, const std::string& name) {
    const std::string path = (dir.path() / name).string();
    EXPECT_EQ(::mkfifo(path.c_str(), 0600), 0);
    return path;
}

// Every packet of `reader`, opening the writer's gate once `gate_after` packets were read.
std::vector<test::ReadPacket> read_gated(CaptureFile& reader, GatedFifoWriter& writer, size_t gate_after) {
    std::vector<test::ReadPacket> out;
    RawPacket p;
    while (reader.next(p)) {
        out.push_back({p, Bytes(p.data, p.data + p.caplen)});
        if (out.size() == gate_after) writer.open_gate();
    }
    writer.open_gate();
    return out;
}

void expect_same_packets(const std::vector<test::ReadPacket>& a, const std::vector<test::ReadPacket>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].data, b[i].data) << "packet " << i;
        ASSERT_EQ(a[i].raw.ts_ns, b[i].raw.ts_ns) << "packet " << i;
        ASSERT_EQ(a[i].raw.wire_len, b[i].raw.wire_len) << "packet " << i;
        ASSERT_EQ(a[i].raw.link_type, b[i].raw.link_type) << "packet " << i;
    }
}

// A real capture through a FIFO gives exactly the packets of the file, and the first of them before
// the writer has written it all.
void check_corpus_capture_through_fifo(const std::string& relative) {
    const std::string path = test::corpus_file(relative);
    const Bytes bytes = file_bytes(path);
    ASSERT_GT(bytes.size(), 4 * CaptureBytes::kChunk);
    Diagnostics file_diag, fifo_diag;
    auto file = CaptureFile::open(path, 0, file_diag);
    ASSERT_TRUE(file);
    const auto want = test::read_all(*file);

    test::TempDir dir;
    const std::string fifo = make_fifo(dir, "capture.fifo");
    GatedFifoWriter writer(fifo, bytes, bytes.size() / 2);
    auto stream = CaptureFile::open(fifo, 0, fifo_diag);
    ASSERT_TRUE(stream);
    EXPECT_EQ(stream->format(), file->format());
    EXPECT_FALSE(stream->size_known());  // nothing says how long a stream is before its end
    const auto got = read_gated(*stream, writer, 20);
    expect_same_packets(got, want);
    EXPECT_EQ(stream->size_bytes(), bytes.size());  // known at the end
    EXPECT_EQ(stream->offset(), bytes.size());
    EXPECT_EQ(stream->link_types(), file->link_types());
    EXPECT_EQ(fifo_diag.problems().size(), file_diag.problems().size());
    EXPECT_FALSE(stream->partial());
    EXPECT_TRUE(writer.reader_was_incremental()) << "the reader waited for the whole stream";
}

TEST(CaptureStream, CorpusPcapThroughAFifoReadsLikeTheFile) { check_corpus_capture_through_fifo("ndpi/1kxun.pcap"); }

TEST(CaptureStream, CorpusPcapngThroughAFifoReadsLikeTheFile) {
    check_corpus_capture_through_fifo("ndpi/opera-vpn.pcapng");
}

void put32(Bytes& b, uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

// The body of a little-endian Enhanced Packet Block longer than a view: a small packet followed by
// comment options (a hostile or unusual writer).
Bytes long_epb_body(uint64_t ts, const Bytes& data) {
    Bytes body;
    put32(body, 0);
    put32(body, static_cast<uint32_t>(ts >> 32));
    put32(body, static_cast<uint32_t>(ts));
    put32(body, static_cast<uint32_t>(data.size()));
    put32(body, static_cast<uint32_t>(data.size()));
    body.insert(body.end(), data.begin(), data.end());
    while (body.size() % 4) body.push_back(0);
    while (body.size() < CaptureBytes::kMaxView + 8192) {
        put32(body, 1u | (60000u << 16));  // opt_comment, 60000 bytes
        body.insert(body.end(), 60000, 'c');
    }
    put32(body, 0);  // opt_endofopt
    return body;
}

// pcapng blocks longer than a view, skipped or holding a packet (many options), are read forward
// only: their trailing length after their start.
TEST(CaptureStream, PcapngBlocksLongerThanAViewReadForwardOnly) {
    test::PcapngBuilder b;
    b.section(false).interface(kLinkEthernet, 0, 9);
    for (uint32_t i = 0; i < 2000; ++i) {
        b.enhanced(0, 1'000'000'000ull * i, test::payload(i % 500 == 499 ? kMaxCaplen : 60 + i % 1400, uint8_t(i)));
        if (i % 400 == 1) b.other(4, Bytes(CaptureBytes::kMaxView + 4096 + i, 0xab));
        if (i % 400 == 2) b.other(6, long_epb_body(1'000'000'000ull * i + 1, test::payload(300, uint8_t(i))));
    }
    const Bytes file = b.bytes();
    Diagnostics mem_diag, diag;
    auto in_memory = CaptureFile::open_memory(file, "mem.pcapng", 0, mem_diag);
    ASSERT_TRUE(in_memory);
    const auto want = test::read_all(*in_memory);
    ASSERT_EQ(want.size(), 2005u);

    test::TempDir dir;
    const std::string fifo = make_fifo(dir, "long-blocks.fifo");
    GatedFifoWriter writer(fifo, file, file.size() / 2);
    auto stream = CaptureFile::open(fifo, 0, diag);
    ASSERT_TRUE(stream);
    const auto got = read_gated(*stream, writer, 20);
    expect_same_packets(got, want);
    EXPECT_TRUE(diag.problems().empty()) << test::messages(diag, ProblemLevel::warning).front();
    EXPECT_TRUE(writer.reader_was_incremental());
}

// A stream that ends in the middle of a record: the packets before it stand, and the warning is
// the one the same bytes give as a file.
TEST(CaptureStream, StreamCutMidRecordIsTruncatedAndPartial) {
    std::vector<test::PcapPacket> packets;
    for (uint32_t i = 0; i < 3000; ++i) packets.push_back({1'700'000'000 + i, i, test::payload(1000, uint8_t(i)), 0});
    Bytes file = test::pcap_file(false, test::PcapFlavor::micro, kLinkEthernet, packets);
    file.resize(file.size() - 400);  // the last record's bytes end 600 of 1000 in

    Diagnostics mem_diag, diag;
    auto in_memory = CaptureFile::open_memory(file, "cut.pcap", 0, mem_diag);
    ASSERT_TRUE(in_memory);
    const auto want = test::read_all(*in_memory);
    ASSERT_EQ(want.size(), 2999u);

    test::TempDir dir;
    const std::string fifo = make_fifo(dir, "cut.pcap");
    GatedFifoWriter writer(fifo, file, file.size() / 2);
    auto stream = CaptureFile::open(fifo, 0, diag);
    ASSERT_TRUE(stream);
    const auto got = read_gated(*stream, writer, 20);
    expect_same_packets(got, want);
    EXPECT_TRUE(stream->partial());
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0], test::messages(mem_diag, ProblemLevel::warning).at(0));
    EXPECT_NE(warnings[0].find("truncated capture: packet 3000 cut after 600 of 1000 bytes"), std::string::npos)
        << warnings[0];
    EXPECT_EQ(diag.partial_inputs(), std::vector<std::string>{fifo});
    EXPECT_TRUE(writer.reader_was_incremental());
}

// A stream that ends cleanly between records, inside a record, inside the file header or a pcapng
// block header: judged as the same bytes in a file, though a long stream's size is not known
// before its end.
TEST(CaptureStream, StreamEndsAreJudgedAsInAFile) {
    std::vector<test::PcapPacket> packets;
    test::PcapngBuilder ng;
    ng.section(false).interface(kLinkEthernet, 0, 9);
    for (uint32_t i = 0; i < 2000; ++i) {
        packets.push_back({i, i, test::payload(300 + i % 7, uint8_t(i)), 0});
        ng.enhanced(0, i, test::payload(300 + i % 7, uint8_t(i)));
    }
    const Bytes pcap = test::pcap_file(false, test::PcapFlavor::nano, kLinkEthernet, packets);
    for (const Bytes& whole : {pcap, ng.bytes()}) {
        for (size_t len : {whole.size(), whole.size() - 1, whole.size() - 30, whole.size() - 300, size_t{30},
                           size_t{20}, size_t{3}}) {
            const Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(len));
            Diagnostics mem_diag, diag;
            auto in_memory = CaptureFile::open_memory(cut, "x", 0, mem_diag);
            std::vector<test::ReadPacket> want;
            if (in_memory) want = test::read_all(*in_memory);

            test::TempDir dir;
            const std::string fifo = make_fifo(dir, "x");
            GatedFifoWriter writer(fifo, cut, cut.size());
            writer.open_gate();
            auto stream = CaptureFile::open(fifo, 0, diag);
            ASSERT_EQ(bool(stream), bool(in_memory)) << len;
            if (stream) {
                if (len > 2 * CaptureBytes::kChunk) EXPECT_FALSE(stream->size_known()) << len;
                expect_same_packets(test::read_all(*stream), want);
                EXPECT_EQ(stream->size_bytes(), len);
            }
            EXPECT_EQ(test::messages(diag, ProblemLevel::warning), test::messages(mem_diag, ProblemLevel::warning))
                << len;
            EXPECT_EQ(test::messages(diag, ProblemLevel::error), test::messages(mem_diag, ProblemLevel::error))
                << len;
        }
    }
}

// Streaming a large input keeps a bounded number of buffers of bounded size, whatever its length.
TEST(CaptureStream, BuffersStayBoundedWhileStreamingALargeInput) {
    constexpr size_t kTotal = 64 * 1024 * 1024;
    auto pattern = [](uint64_t i) { return static_cast<uint8_t>((i * 2654435761u) >> 13); };
    Bytes data(kTotal);
    for (size_t i = 0; i < kTotal; ++i) data[i] = pattern(i);
    test::TempDir dir;
    const std::string fifo = make_fifo(dir, "big.fifo");
    GatedFifoWriter writer(fifo, std::move(data), kTotal);
    writer.open_gate();
    CaptureBytes bytes;
    std::string error;
    ASSERT_TRUE(bytes.open(fifo, error)) << error;
    EXPECT_TRUE(bytes.is_stream());
    uint64_t offset = 0;
    size_t peak_buffered = 0;
    for (size_t i = 0; offset < kTotal; ++i) {
        const size_t n = std::min<uint64_t>(i % 97 == 96 ? CaptureBytes::kMaxView : 60 + (i * 7919) % 1500,
                                            kTotal - offset);
        const uint8_t* v = bytes.view(offset, n);
        ASSERT_NE(v, nullptr) << "offset " << offset << ": " << bytes.error();
        ASSERT_EQ(v[0], pattern(offset));
        ASSERT_EQ(v[n - 1], pattern(offset + n - 1));
        bytes.handed_out();
        offset += n;
        peak_buffered = std::max(peak_buffered, bytes.buffered_bytes());
    }
    EXPECT_EQ(bytes.view(offset, 1), nullptr);  // the end
    EXPECT_EQ(bytes.size(), kTotal);
    EXPECT_LE(bytes.buffer_count(), CaptureBytes::kKeepPackets + 2);
    EXPECT_LE(peak_buffered, (CaptureBytes::kKeepPackets + 2) * (CaptureBytes::kMaxView + CaptureBytes::kChunk));
    EXPECT_LT(peak_buffered, kTotal / 8);
}

// A view before the bytes still held is a read error in a stream, never a crash or a wrong view.
TEST(CaptureStream, GoingBackInAStreamIsAReadError) {
    Bytes data(4 * 1024 * 1024);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i);
    test::TempDir dir;
    const std::string fifo = make_fifo(dir, "back.fifo");
    GatedFifoWriter writer(fifo, data, data.size());
    writer.open_gate();
    CaptureBytes bytes;
    std::string error;
    ASSERT_TRUE(bytes.open(fifo, error)) << error;
    ASSERT_NE(bytes.view(0, 100), nullptr);
    const uint8_t* far = bytes.view(3 * 1024 * 1024, 100);  // forward: what lies between is skipped
    ASSERT_NE(far, nullptr);
    EXPECT_EQ(far[5], static_cast<uint8_t>(3 * 1024 * 1024 + 5));
    EXPECT_EQ(bytes.view(1000, 10), nullptr);
    EXPECT_NE(bytes.error().find("a stream cannot be read backwards (byte 1000 wanted"), std::string::npos)
        << bytes.error();
}

// Runs `check` in a child process with 10 s and 1 GiB of memory: a reader that reads a stream
// without end (or waits on a terminal) is stopped instead of taking the machine with it. The
// child's exit code: 0 = passed.
int in_bounded_child(const std::function<bool()>& check) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        test::cap_memory_of_this_process(1024);
        ::alarm(10);
        ::_exit(check() ? 0 : 1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(CaptureStream, DevZeroIsNotACaptureAtOnce) {
    const auto started = std::chrono::steady_clock::now();
    const int result = in_bounded_child([] {
        Diagnostics diag;
        auto reader = CaptureFile::open("/dev/zero", 0, diag);
        const auto errors = test::messages(diag, ProblemLevel::error);
        return !reader && errors == std::vector<std::string>{"not a pcap or pcapng file (starts with 00 00 00 00)"};
    });
    EXPECT_EQ(result, 0) << "1 = wrong result, 134 = out of memory, 142 = still reading after 10 s";
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(CaptureStream, TerminalIsRefused) {
    const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
    ASSERT_GE(master, 0);
    ASSERT_EQ(::grantpt(master), 0);
    ASSERT_EQ(::unlockpt(master), 0);
    const std::string tty = ::ptsname(master);
    const int result = in_bounded_child([&tty] {
        CaptureBytes bytes;
        std::string error;
        return !bytes.open(tty, error) && error.find("is a terminal") == 0;
    });
    ::close(master);
    EXPECT_EQ(result, 0) << "1 = opened or wrong error, 142 = waited for keystrokes";
}

// Standard input named twice ("-" and /dev/stdin) is an error: it can be read once only. (In a
// child whose standard input is an empty pipe, not the test runner's.)
TEST(CaptureStream, StandardInputTwiceIsAnError) {
    const int result = in_bounded_child([] {
        int p[2];
        if (::pipe(p) != 0 || ::dup2(p[0], STDIN_FILENO) < 0) return false;
        ::close(p[1]);
        Diagnostics diag;
        CaptureSet set({"-", "/dev/stdin"}, diag);
        for (const std::string& e : test::messages(diag, ProblemLevel::error))
            if (e == "standard input given more than once (- and /dev/stdin); it can be read only once") return true;
        return false;
    });
    EXPECT_EQ(result, 0);
}

}  // namespace
}  // namespace sovscan
