// Several inputs as one stream: argument expansion, the k-way merge by time, progress counters.
#include <gtest/gtest.h>

#include "sources/capture_builders.h"
#include "sources/capture_set.h"

namespace sovscan {
namespace {

using test::Bytes;
using test::PcapFlavor;
using test::PcapPacket;

// A pcap whose packets carry the given seconds; each packet's first byte is `tag`, its second the
// packet's position in the file, so the tests can tell where a packet came from.
Bytes timed_pcap(uint8_t tag, const std::vector<uint32_t>& seconds) {
    std::vector<PcapPacket> packets;
    for (size_t i = 0; i < seconds.size(); ++i) packets.push_back({seconds[i], 0, {tag, uint8_t(i), 0, 0}, 0});
    return test::pcap_file(false, PcapFlavor::micro, kLinkEthernet, packets);
}

std::vector<std::pair<uint8_t, uint8_t>> origins(const std::vector<test::ReadPacket>& got) {
    std::vector<std::pair<uint8_t, uint8_t>> out;
    for (const auto& p : got) out.emplace_back(p.data[0], p.data[1]);
    return out;
}

TEST(CaptureSet, MergesInterleavedFilesByTime) {
    test::TempDir dir;
    const std::string a = dir.write("a.pcap", timed_pcap('a', {10, 20, 30, 40}));
    const std::string b = dir.write("b.pcapng", test::PcapngBuilder()
                                                    .section(true)
                                                    .interface(kLinkRaw, 0, 9)
                                                    .enhanced(0, 15'000'000'000ull, {'b', 0, 0, 0})
                                                    .enhanced(0, 20'000'000'000ull, {'b', 1, 0, 0})
                                                    .enhanced(0, 35'000'000'000ull, {'b', 2, 0, 0})
                                                    .enhanced(0, 99'000'000'000ull, {'b', 3, 0, 0})
                                                    .bytes());
    Diagnostics diag;
    CaptureSet set({b, a}, diag);  // b is input 0: it wins the tie at 20 s
    ASSERT_EQ(set.open_count(), 2u);
    EXPECT_EQ(set.inputs(), (std::vector<std::string>{b, a}));
    const auto got = test::read_all(set);
    using O = std::pair<uint8_t, uint8_t>;
    EXPECT_EQ(origins(got), (std::vector<O>{{'a', 0}, {'b', 0}, {'b', 1}, {'a', 1}, {'a', 2}, {'b', 2}, {'a', 3},
                                            {'b', 3}}));
    for (const auto& p : got) EXPECT_EQ(p.raw.input_index, p.data[0] == 'b' ? 0 : 1);
    for (const auto& p : got) EXPECT_EQ(p.raw.link_type, p.data[0] == 'b' ? kLinkRaw : kLinkEthernet);
    EXPECT_EQ(set.packets_read(), 8u);
    EXPECT_EQ(set.bytes_consumed(), set.total_bytes());
    EXPECT_EQ(set.link_types(), (std::vector<uint16_t>{kLinkRaw, kLinkEthernet}));
    EXPECT_TRUE(diag.problems().empty());
}

TEST(CaptureSet, PacketsGoingBackInTimeStayInFileOrder) {
    test::TempDir dir;
    const std::string a = dir.write("a.pcap", timed_pcap('a', {10, 50, 5, 60}));
    const std::string b = dir.write("b.pcap", timed_pcap('b', {20, 30}));
    Diagnostics diag;
    CaptureSet set({a, b}, diag);
    using O = std::pair<uint8_t, uint8_t>;
    // a's 5 s packet is not pulled ahead of its 50 s packet: once a's head is at 50, b goes first.
    EXPECT_EQ(origins(test::read_all(set)), (std::vector<O>{{'a', 0}, {'b', 0}, {'b', 1}, {'a', 1}, {'a', 2}, {'a', 3}}));
}

TEST(CaptureSet, ManyFilesMergeLikeASort) {
    test::TempDir dir;
    std::vector<std::string> paths;
    for (uint8_t f = 0; f < 9; ++f) {
        std::vector<uint32_t> secs;
        for (uint32_t i = 0; i < 20; ++i) secs.push_back(i * 7 + f * 3);  // every file ascending
        paths.push_back(dir.write("f" + std::to_string(f) + ".pcap", timed_pcap(f, secs)));
    }
    Diagnostics diag;
    CaptureSet set(paths, diag);
    const auto got = test::read_all(set);
    ASSERT_EQ(got.size(), 180u);
    for (size_t i = 1; i < got.size(); ++i) {
        const auto& x = got[i - 1].raw;
        const auto& y = got[i].raw;
        ASSERT_TRUE(x.ts_ns < y.ts_ns || (x.ts_ns == y.ts_ns && x.input_index < y.input_index)) << i;
    }
}

// Every packet read in batches, its bytes checked only once the whole batch is in hand: the same
// packets, in the same order, as one at a time, and the first packet of a batch still readable when
// the reader has since moved on to its next read buffer (files over 1 MiB are read in chunks).
std::vector<test::ReadPacket> read_in_batches(CaptureSet& set, size_t batch) {
    std::vector<test::ReadPacket> out;
    std::vector<RawPacket> raw(batch);
    while (const size_t n = set.next_batch(raw.data(), batch)) {
        EXPECT_LE(n, batch);
        for (size_t i = 0; i < n; ++i) out.push_back({raw[i], test::Bytes(raw[i].data, raw[i].data + raw[i].caplen)});
    }
    return out;
}

TEST(CaptureSet, BatchesGiveTheSamePacketsAsOneAtATime) {
    test::TempDir dir;
    // 9000 packets of 200 bytes (1.9 MB, so read in chunks), each tagged with its index.
    std::vector<PcapPacket> big;
    for (uint32_t i = 0; i < 9000; ++i) {
        test::Bytes data = test::payload(200, uint8_t(i));
        data[0] = uint8_t(i >> 8), data[1] = uint8_t(i);
        big.push_back({1000 + i, 0, data, 0});
    }
    const std::string chunked = dir.write("chunked.pcap", test::pcap_file(true, PcapFlavor::nano, kLinkEthernet, big));
    // 40 packets of 100 kB (TSO-sized): a batch of them spans several reads, so the buffers of its
    // first packets must be kept while later ones are read.
    std::vector<PcapPacket> jumbo;
    for (uint32_t i = 0; i < 40; ++i) {
        test::Bytes data = test::payload(100'000, uint8_t(i * 7));
        data[0] = 'j', data[1] = uint8_t(i);
        jumbo.push_back({2000 + i * 100, 0, data, 0});
    }
    const std::string large = dir.write("jumbo.pcap", test::pcap_file(false, PcapFlavor::micro, kLinkRaw, jumbo));
    const std::string ng = dir.write("b.pcapng", test::PcapngBuilder()
                                                     .section(false)
                                                     .interface(kLinkRaw, 0, 9)
                                                     .enhanced(0, 1'500'000'000'000ull, {'b', 0})
                                                     .enhanced(0, 4'000'000'000'000ull, {'b', 1})
                                                     .enhanced(0, 9'999'000'000'000ull, {'b', 2})
                                                     .bytes());
    for (const std::vector<std::string>& inputs :
         {std::vector<std::string>{chunked}, std::vector<std::string>{large}, std::vector<std::string>{ng},
          std::vector<std::string>{chunked, ng, large}}) {
        Diagnostics d1, d2;
        CaptureSet one(inputs, d1);
        const auto expected = test::read_all(one);
        for (size_t batch : {1u, 3u, 8u}) {
            CaptureSet again(inputs, d2);
            const auto got = read_in_batches(again, batch);
            ASSERT_EQ(got.size(), expected.size()) << inputs.size() << " inputs, batch " << batch;
            for (size_t i = 0; i < got.size(); ++i) {
                ASSERT_EQ(got[i].data, expected[i].data) << "packet " << i << ", batch " << batch;
                ASSERT_EQ(got[i].raw.ts_ns, expected[i].raw.ts_ns) << i;
                ASSERT_EQ(got[i].raw.input_index, expected[i].raw.input_index) << i;
            }
            EXPECT_EQ(again.next_batch(nullptr, 0), 0u);
        }
        EXPECT_EQ(expected.size(), inputs.size() == 3 ? 9043u : inputs[0] == ng ? 3u : inputs[0] == large ? 40u : 9000u);
    }
}

TEST(CaptureSet, BatchesStopAtATruncatedTailWithItsWarning) {
    test::TempDir dir;
    test::Bytes file = test::pcap_file(false, PcapFlavor::micro, kLinkEthernet,
                                       {{1, 0, test::payload(60), 0}, {2, 0, test::payload(60), 0}, {3, 0, test::payload(60), 0}});
    file.resize(file.size() - 10);  // the third packet is cut
    const std::string path = dir.write("cut.pcap", file);
    Diagnostics diag;
    CaptureSet set({path}, diag);
    RawPacket raw[8];
    EXPECT_EQ(set.next_batch(raw, 8), 2u);
    EXPECT_EQ(set.next_batch(raw, 8), 0u);
    const auto warnings = test::messages(diag, ProblemLevel::warning);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("truncated capture: packet 3 cut after 50 of 60 bytes"), std::string::npos) << warnings[0];
}

TEST(CaptureSet, DirectoriesAreSearchedRecursivelyInPathOrder) {
    test::TempDir dir;
    dir.write("z/deep/er/c.PCAP", timed_pcap('c', {3}));
    dir.write("a.pcapng", test::PcapngBuilder().section(false).interface(1, 0).enhanced(0, 1, {'a', 0}).bytes());
    dir.write("m/b.cap", timed_pcap('b', {2}));
    dir.write("m/d.dmp", timed_pcap('d', {4}));
    dir.write("m/notes.txt", {'h', 'i'});
    dir.write("m/x.pcap.gz", {0x1f, 0x8b});
    Diagnostics diag;
    CaptureSet set({dir.path().string()}, diag);
    const std::string root = dir.path().string();
    EXPECT_EQ(set.inputs(), (std::vector<std::string>{root + "/a.pcapng", root + "/m/b.cap", root + "/m/d.dmp",
                                                      root + "/z/deep/er/c.PCAP"}));
    EXPECT_TRUE(diag.problems().empty());
    EXPECT_EQ(test::read_all(set).size(), 4u);
}

TEST(CaptureSet, DirectoryWithoutCapturesIsAnError) {
    test::TempDir dir;
    dir.write("sub/readme.txt", {'x'});
    Diagnostics diag;
    CaptureSet set({dir.path().string()}, diag);
    EXPECT_EQ(set.open_count(), 0u);
    ASSERT_EQ(diag.problems().size(), 1u);
    EXPECT_EQ(diag.problems()[0].level, ProblemLevel::error);
    EXPECT_EQ(diag.problems()[0].input, dir.path().string());
    EXPECT_EQ(diag.problems()[0].message, "no capture files (.pcap, .pcapng, .cap, .dmp) in directory");
    RawPacket p;
    EXPECT_FALSE(set.next(p));
}

TEST(CaptureSet, ProblemsAreReportedAndGoodFilesKept) {
    test::TempDir dir;
    const std::string good = dir.write("good.pcap", timed_pcap('g', {1, 2}));
    const std::string bad = dir.write("bad.pcap", {'n', 'o', 'p', 'e'});
    const std::string missing = (dir.path() / "missing.pcap").string();
    Diagnostics diag;
    CaptureSet set({missing, bad, good, good}, diag);
    EXPECT_EQ(set.inputs(), std::vector<std::string>{good});
    ASSERT_EQ(diag.problems().size(), 3u);
    EXPECT_EQ(diag.problems()[0].input, missing);
    EXPECT_EQ(diag.problems()[0].message, "No such file or directory");
    EXPECT_EQ(diag.problems()[1].input, bad);
    EXPECT_EQ(diag.problems()[1].message.rfind("not a pcap or pcapng file", 0), 0u);
    EXPECT_EQ(diag.problems()[2].level, ProblemLevel::warning);
    EXPECT_EQ(diag.problems()[2].message, "given more than once; read once");
    const auto got = test::read_all(set);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].raw.input_index, 0);  // indices follow the files that opened
}

TEST(CaptureSet, TruncatedFileInAMergeKeepsItsPackets) {
    test::TempDir dir;
    Bytes cut = timed_pcap('a', {1, 3, 5});
    cut.resize(cut.size() - 2);
    const std::string a = dir.write("a.pcap", cut);
    const std::string b = dir.write("b.pcap", timed_pcap('b', {2, 4, 6}));
    Diagnostics diag;
    CaptureSet set({a, b}, diag);
    using O = std::pair<uint8_t, uint8_t>;
    EXPECT_EQ(origins(test::read_all(set)), (std::vector<O>{{'a', 0}, {'b', 0}, {'a', 1}, {'b', 1}, {'b', 2}}));
    EXPECT_EQ(diag.partial_inputs(), std::vector<std::string>{a});
    EXPECT_TRUE(set.file(0).partial());
    EXPECT_FALSE(set.file(1).partial());
}

TEST(CaptureSet, ProgressCountsBytes) {
    test::TempDir dir;
    const Bytes bytes = timed_pcap('a', {1, 2, 3});
    const std::string a = dir.write("a.pcap", bytes);
    Diagnostics diag;
    CaptureSet set({a}, diag);
    EXPECT_EQ(set.total_bytes(), bytes.size());
    EXPECT_EQ(set.bytes_consumed(), 24u);
    RawPacket p;
    ASSERT_TRUE(set.next(p));
    EXPECT_EQ(set.bytes_consumed(), 24u + 16 + 4);
    while (set.next(p)) {
    }
    EXPECT_EQ(set.bytes_consumed(), bytes.size());
}

}  // namespace
}  // namespace sovscan
