// Real captures from ../shared/corpus: packet counts against capinfos (INDEX.tsv), link types,
// and first/last timestamps against FACTS.md. The files are picked by name here; the reader knows
// nothing about them.
#include <gtest/gtest.h>

#include <time.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sources/capture_builders.h"
#include "sources/capture_file.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

struct Named {
    const char* path;
    uint64_t packets;            // INDEX.tsv "packets" (capinfos)
    const char* format;          // by magic, not by name
    std::vector<uint16_t> link_types;
};

// Every encapsulation in INDEX.tsv (ether, null, rawip, rawip4, linux-sll, ppp, ppi, frelay, chdlc),
// every pcap magic present (LE/BE µs, LE ns), and pcapng files with one to 22 interfaces of mixed
// resolution, including pcapng named .pcap and pcap named .pcapng.
const std::vector<Named>& named() {
    static const std::vector<Named> files = {
        {"ndpi/1kxun.pcap", 1723, "pcap", {kLinkEthernet}},
        {"ndpi/BGP_Cisco_hdlc_slarp.pcap", 14, "pcap", {kLinkPpp}},
        {"ndpi/dlt_ppp.pcap", 1, "pcap", {kLinkPpp}},
        {"ndpi/BGP_redist.pcap", 2, "pcap", {kLinkCiscoHdlc}},
        {"ndpi/KakaoTalk_talk.pcap", 3203, "pcap", {kLinkLinuxSll}},
        {"ndpi/bets.pcapng", 33, "pcap", {kLinkRaw}},
        {"ndpi/gaijin_mobile_mixed.pcap", 18, "pcap", {kLinkRaw}},
        {"ndpi/nats.pcap", 27, "pcap", {kLinkNull}},
        {"ndpi/someip_sd_sample.pcap", 6, "pcap", {192}},  // PPI, nanosecond magic
        {"arkime/icmp-frame-relay.pcap", 10, "pcap", {107}},  // Frame Relay
        {"arkime/adb.pcap", 13, "pcap", {kLinkIpv4}},
        {"arkime/bigendian.pcap", 2, "pcap", {kLinkEthernet}},
        {"ndpi/sctp.cap", 4, "pcap", {kLinkEthernet}},
        {"ndpi/fuzz-2006-06-26-2594.pcap", 691, "pcap", {kLinkEthernet}},
        {"arkime/ipv6-gtp6.pcap", 1, "pcap", {kLinkEthernet}},
        {"ndpi/kerberos_fuzz.pcapng", 1, "pcapng", {kLinkIpv4}},
        {"ndpi/quic-fuzz-overflow.pcapng", 1, "pcapng", {kLinkIpv4}},
        {"ndpi/openwire.pcapng", 43, "pcapng", {kLinkNull}},
        {"ndpi/http2.pcapng", 10, "pcapng", {kLinkLinuxSll}},
        {"ndpi/hls.pcapng", 13, "pcapng", {kLinkRaw}},
        {"ndpi/sites.pcapng", 699, "pcapng", {kLinkEthernet}},
        {"ndpi/anydesk.pcapng", 174, "pcapng", {kLinkEthernet}},
        {"ndpi/dtls.pcap", 24, "pcapng", {kLinkEthernet}},
        {"ndpi/gre.pcapng", 1, "pcapng", {kLinkEthernet}},  // nine interfaces, one packet
        {"ndpi/netease_games.pcapng", 20, "pcapng", {kLinkEthernet}},
        {"ndpi/stun_zoom.pcapng", 70, "pcapng", {kLinkEthernet}},
        {"wflib/www.google.com.pcapng", 27, "pcap", {kLinkEthernet}},
    };
    return files;
}

TEST(Corpus, NamedCapturesCountLinkTypeAndFormat) {
    for (const Named& n : named()) {
        SCOPED_TRACE(n.path);
        Diagnostics diag;
        auto reader = CaptureFile::open(test::corpus_file(n.path), 0, diag);
        ASSERT_TRUE(reader);
        EXPECT_EQ(reader->format(), n.format);
        RawPacket p;
        uint64_t count = 0;
        while (reader->next(p)) {
            ++count;
            EXPECT_LE(p.caplen, kMaxCaplen);
            EXPECT_TRUE(std::find(n.link_types.begin(), n.link_types.end(), p.link_type) != n.link_types.end());
        }
        EXPECT_EQ(count, n.packets);
        EXPECT_EQ(reader->link_types(), n.link_types);
        EXPECT_TRUE(diag.problems().empty()) << diag.problems().front().message;
        EXPECT_EQ(reader->offset(), reader->size_bytes());
    }
}

// Every capture of INDEX.tsv (pcap and pcapng alike, whatever the name says) against capinfos.
TEST(Corpus, EveryIndexedCaptureHasTheCapinfosPacketCount) {
    const std::string dir = test::corpus_dir();
    std::ifstream index(dir + "/INDEX.tsv");
    ASSERT_TRUE(index) << "INDEX.tsv missing in " << dir;
    std::string line;
    std::getline(index, line);
    ASSERT_EQ(line.rfind("path\tbytes\tsha256\tpackets\t", 0), 0u) << "INDEX.tsv columns changed: " << line;
    size_t files = 0, pcapng = 0;
    while (std::getline(index, line)) {
        std::istringstream row(line);
        std::string path, bytes, sha, packets;
        std::getline(row, path, '\t');
        std::getline(row, bytes, '\t');
        std::getline(row, sha, '\t');
        std::getline(row, packets, '\t');
        SCOPED_TRACE(path);
        Diagnostics diag;
        auto reader = CaptureFile::open(dir + "/" + path, 0, diag);
        ASSERT_TRUE(reader) << (diag.problems().empty() ? "" : diag.problems().front().message);
        EXPECT_EQ(reader->size_bytes(), std::stoull(bytes));
        RawPacket p;
        uint64_t count = 0;
        while (reader->next(p)) ++count;
        EXPECT_EQ(count, std::stoull(packets));
        EXPECT_FALSE(reader->partial()) << diag.problems().front().message;
        ++files;
        pcapng += reader->format() == "pcapng";
    }
    EXPECT_GE(files, 600u);
    EXPECT_GE(pcapng, 100u);
}

// "2016-08-02 02:19:33.025824" (UTC, as capinfos prints it) in ns since the epoch.
int64_t utc_ns(const std::string& s) {
    std::tm tm{};
    EXPECT_TRUE(strptime(s.c_str(), "%Y-%m-%d %H:%M:%S", &tm)) << s;
    const size_t dot = s.find('.');
    std::string frac = s.substr(dot + 1);
    frac.resize(9, '0');
    return static_cast<int64_t>(timegm(&tm)) * 1'000'000'000 + std::stoll(frac);
}

TEST(Corpus, EarliestAndLatestTimestampsMatchFacts) {
    // capinfos reports the earliest and latest packet time; files need not be in time order
    // (1kxun.pcap spans six years).
    struct Fact {
        const char* path;
        const char* first;
        const char* last;
    };
    const Fact facts[] = {
        {"ndpi/1kxun.pcap", "2016-08-02 02:19:33.025824", "2022-06-04 23:27:16.487007"},
        {"ndpi/KakaoTalk_talk.pcap", "2015-04-26 17:25:40.120551", "2015-04-26 17:26:56.559027"},
        {"ndpi/netease_games.pcapng", "2024-03-03 02:38:26.952336950", "2024-03-04 19:41:54.252567583"},
        {"ndpi/sites.pcapng", "2020-07-28 17:34:54.169758", "2024-08-01 19:21:50.397706326"},
        {"ndpi/stun_zoom.pcapng", "2022-08-22 11:58:55.535091486", "2022-08-22 11:58:56.805680166"},
        {"ndpi/whois.pcapng", "2017-10-07 17:25:19.066212", "2021-06-12 17:01:09.021781"},
        {"arkime/dot1ad.pcap", "2025-05-14 12:16:33.081092", "2025-05-14 12:16:33.082664"},
        {"arkime/c1222.pcap", "2010-09-20 23:55:53.728241", "2011-08-16 14:55:16.530769"},
    };
    for (const Fact& f : facts) {
        SCOPED_TRACE(f.path);
        Diagnostics diag;
        auto reader = CaptureFile::open(test::corpus_file(f.path), 0, diag);
        ASSERT_TRUE(reader);
        RawPacket p;
        int64_t lo = INT64_MAX, hi = INT64_MIN;
        while (reader->next(p)) {
            lo = std::min(lo, p.ts_ns);
            hi = std::max(hi, p.ts_ns);
        }
        EXPECT_EQ(lo, utc_ns(f.first));
        EXPECT_EQ(hi, utc_ns(f.last));
    }
}

}  // namespace
}  // namespace sovscan
