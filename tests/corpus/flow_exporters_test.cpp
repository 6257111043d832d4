// The flow collector against real exporters from Debian: softflowd (NetFlow v5, v9, IPFIX) and
// pmacct's pmacctd (nfprobe: NetFlow v9, IPFIX; sfprobe: sFlow v5) read a corpus capture and
// export to a FlowExportListener on 127.0.0.1. What arrives must account for the capture as the
// exporter itself did (its own printed totals) and as sovscan's engine sees it (its flows'
// packets, L3 bytes and addresses). Traffic stays on loopback.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "corpus/scan_run.h"
#include "decode/decoder.h"
#include "sources/flow_export_listener.h"
#include "support/collecting_sink.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

using test::CollectingSink;

// sites.pcapng: 699 Ethernet packets, 64 TCP/UDP conversations over IPv4 and IPv6 (FACTS.md),
// among them the IPv6 TLS flow to 2600:9000:25ea:1200:1:12d8:5a00:93a1 and three PRC-located servers.
const char* kCapture = "ndpi/sites.pcapng";

struct Export {
    CollectingSink sink;
    NamedCounters counters;
    std::vector<ExporterSummary> exporters;
    std::string output;  // what the exporter printed
    int status = -1;
};

// Runs the command `make_command` gives for the listener's port while the listener reads, until
// the command exits and a further second brings nothing.
Export run_exporter(const std::function<std::string(uint16_t port)>& make_command) {
    Export e;
    FlowExportListener listener(0);
    listener.listen("127.0.0.1:0");
    const std::string cmd = make_command(listener.sockets()[0].port);
    char out_path[] = "/tmp/sovscan-exporter-XXXXXX";
    const int out_fd = mkstemp(out_path);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(out_fd, 1), dup2(out_fd, 2);
        execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (waitpid(pid, &e.status, WNOHANG) == 0) {
        listener.poll(50, e.sink);
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &e.status, 0);
            ADD_FAILURE() << "exporter did not finish in 60 s: " << cmd;
        }
    }
    while (listener.poll(1000, e.sink) > 0) {
    }
    close(out_fd);
    std::ifstream in(out_path);
    e.output.assign(std::istreambuf_iterator<char>(in), {});
    unlink(out_path);
    e.counters = listener.counters();
    e.exporters = listener.exporter_summary();
    return e;
}

// softflowd's own accounting, printed when it exits: "Per-protocol statistics: Octets Packets".
std::pair<uint64_t, uint64_t> softflowd_totals(const std::string& output) {
    uint64_t octets = 0, packets = 0;
    std::regex line(R"(^\s+\S+ \(\d+\):\s+(\d+)\s+(\d+)\s)");
    std::istringstream in(output);
    std::string l;
    bool in_table = false;
    while (std::getline(in, l)) {
        if (l.find("Per-protocol statistics") != std::string::npos) in_table = true;
        std::smatch m;
        if (in_table && std::regex_search(l, m, line)) octets += std::stoull(m[1]), packets += std::stoull(m[2]);
    }
    return {octets, packets};
}

// What sovscan's engine sees in the capture: its flows' packets, L3 bytes and addresses.
struct EngineView {
    uint64_t packets = 0, bytes = 0, packets_v4 = 0;
    std::set<IpAddress> addresses, addresses_v4;
    std::set<IpAddress> counterparts;  // of the scan's findings
};

const EngineView& engine_view() {
    static EngineView v = [] {
        EngineView v;
        test::ScanRun run = test::scan_capture(test::corpus_file(kCapture));
        for (const Flow& f : run.flows) {
            const uint64_t p = f.packets[0] + f.packets[1], b = f.bytes[0] + f.bytes[1];
            v.packets += p, v.bytes += b;
            v.addresses.insert(f.key.lo_ip), v.addresses.insert(f.key.hi_ip);
            if (f.key.lo_ip.is_v4()) {
                v.packets_v4 += p;
                v.addresses_v4.insert(f.key.lo_ip), v.addresses_v4.insert(f.key.hi_ip);
            }
        }
        if (run.report)
            for (const Finding& f : run.report->findings)
                if (f.counterpart->has_ip()) v.counterparts.insert(f.counterpart->ip);
        return v;
    }();
    return v;
}

std::set<IpAddress> record_addresses(const CollectingSink& s) {
    std::set<IpAddress> out;
    for (const FlowRecord& f : s.flows) out.insert(f.src_ip), out.insert(f.dst_ip);
    return out;
}
uint64_t record_packets(const CollectingSink& s) {
    uint64_t n = 0;
    for (const FlowRecord& f : s.flows) n += f.packets[0] + f.packets[1];
    return n;
}
uint64_t record_bytes(const CollectingSink& s) {
    uint64_t n = 0;
    for (const FlowRecord& f : s.flows) n += f.bytes[0] + f.bytes[1];
    return n;
}

void expect_clean(const Export& e, const char* protocols) {
    EXPECT_EQ(e.status, 0) << e.output;
    ASSERT_EQ(e.exporters.size(), 1u);
    EXPECT_EQ(e.exporters[0].address, "127.0.0.1");
    EXPECT_EQ(e.exporters[0].protocols, protocols);
    EXPECT_EQ(e.exporters[0].sampling_rate, 1u);
    EXPECT_EQ(e.counters.at("malformed_datagrams"), 0u);
    EXPECT_EQ(e.counters.at("data_before_template"), 0u);
    EXPECT_EQ(e.counters.at("exporter_sequence_lost"), 0u);
    EXPECT_EQ(e.counters.at("socket_drops"), 0u);
    EXPECT_EQ(e.counters.at("datagrams"), e.counters.at("datagrams_received"));
}

Export softflowd(int version) {
    return run_exporter([version](uint16_t port) {
        return "softflowd -d -r " + test::corpus_file(kCapture) + " -n 127.0.0.1:" + std::to_string(port) + " -v " +
               std::to_string(version);
    });
}

TEST(SoftflowdExport, NetflowV9RecordsAccountForTheCaptureAsSoftflowdAndTheEngineDo) {
    Export e = softflowd(9);
    expect_clean(e, "netflow-v9");
    const auto [octets, packets] = softflowd_totals(e.output);
    EXPECT_EQ(packets, 699u) << e.output;
    EXPECT_EQ(record_packets(e.sink), packets);
    EXPECT_EQ(record_bytes(e.sink), octets);
    EXPECT_EQ(e.sink.flows.size(), 126u);  // "Flows exported: 64 (126 records)": one per direction
    // softflowd's octets are its own count, 475 above the IP total lengths the engine and pmacct
    // sum (PmacctExport below); packets and addresses are the engine's.
    const EngineView& v = engine_view();
    EXPECT_EQ(record_packets(e.sink), v.packets);
    EXPECT_EQ(record_addresses(e.sink), v.addresses);
    EXPECT_TRUE(record_addresses(e.sink).count(*IpAddress::parse("2600:9000:25ea:1200:1:12d8:5a00:93a1")));
}

TEST(SoftflowdExport, IpfixRecordsAccountForTheCapture) {
    Export e = softflowd(10);
    expect_clean(e, "ipfix");
    const auto [octets, packets] = softflowd_totals(e.output);
    EXPECT_EQ(record_packets(e.sink), packets);
    EXPECT_EQ(record_bytes(e.sink), octets);
    EXPECT_EQ(record_packets(e.sink), engine_view().packets);
    EXPECT_EQ(record_addresses(e.sink), engine_view().addresses);
}

TEST(SoftflowdExport, NetflowV5CarriesTheIpv4Flows) {
    Export e = softflowd(5);
    expect_clean(e, "netflow-v5");
    const auto [octets, packets] = softflowd_totals(e.output);
    EXPECT_EQ(record_packets(e.sink), packets);
    EXPECT_EQ(record_bytes(e.sink), octets);
    EXPECT_EQ(record_packets(e.sink), engine_view().packets_v4);
    EXPECT_EQ(record_addresses(e.sink), engine_view().addresses_v4);
}

TEST(SoftflowdExport, TheScansCounterpartsAreAllAmongTheExportedAddresses) {
    Export e = softflowd(10);
    const std::set<IpAddress> exported = record_addresses(e.sink);
    ASSERT_FALSE(engine_view().counterparts.empty());
    for (const IpAddress& ip : engine_view().counterparts) EXPECT_TRUE(exported.count(ip)) << ip.to_string();
    for (const char* prc : {"124.237.225.21", "116.211.202.129", "129.226.107.210"})
        EXPECT_TRUE(exported.count(*IpAddress::parse(prc))) << prc;
}

// pmacctd reading the capture with one probe plugin and a print plugin: the print plugin's table
// (packets and bytes by protocol) is pmacct's own accounting of what it read.
struct PmacctRun {
    Export e;
    uint64_t packets = 0, bytes = 0;  // pmacct's own totals
};

PmacctRun run_pmacctd(const std::string& probe_lines) {
    char dir[] = "/tmp/sovscan-pmacct-XXXXXX";
    EXPECT_TRUE(mkdtemp(dir));
    const std::string conf = std::string(dir) + "/pmacctd.conf", table = std::string(dir) + "/totals.csv";
    PmacctRun run{run_exporter([&](uint16_t port) {
        std::ofstream(conf) << "daemonize: false\n"
                            << "pcap_savefile: " << test::corpus_file(kCapture) << "\n"
                            << std::regex_replace(probe_lines, std::regex("\\{PORT\\}"), std::to_string(port))
                            << "aggregate[totals]: proto\nprint_output[totals]: csv\n"
                            << "print_output_file[totals]: " << table << "\n";
        return "pmacctd -f " + conf;
    })};
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // PROTOCOL,PACKETS,BYTES
    while (std::getline(in, line)) {
        const size_t a = line.find(','), b = line.rfind(',');
        if (a == std::string::npos || a == b) continue;
        run.packets += std::stoull(line.substr(a + 1, b - a - 1));
        run.bytes += std::stoull(line.substr(b + 1));
    }
    EXPECT_GT(run.packets, 0u) << "no pmacct print table: " << run.e.output;
    unlink(conf.c_str()), unlink(table.c_str());
    rmdir(dir);
    return run;
}

TEST(PmacctExport, NfprobeNetflowV9AndIpfixRecordsEqualPmacctsOwnTotals) {
    for (int version : {9, 10}) {
        SCOPED_TRACE(version);
        PmacctRun run = run_pmacctd("plugins: nfprobe[nf], print[totals]\nnfprobe_receiver[nf]: 127.0.0.1:{PORT}\n"
                                    "nfprobe_version[nf]: " + std::to_string(version) + "\n");
        const Export& e = run.e;
        expect_clean(e, version == 9 ? "netflow-v9" : "ipfix");
        EXPECT_EQ(run.packets, 699u);
        EXPECT_EQ(record_packets(e.sink), run.packets);
        EXPECT_EQ(record_bytes(e.sink), run.bytes);
        EXPECT_EQ(record_packets(e.sink), engine_view().packets);
        EXPECT_EQ(record_bytes(e.sink), engine_view().bytes);
        EXPECT_EQ(record_addresses(e.sink), engine_view().addresses);
    }
}

TEST(PmacctExport, SfprobeHeadersAtRateOneDecodeAsTheCapturesPackets) {
    PmacctRun run = run_pmacctd("plugins: sfprobe[sf], print[totals]\nsfprobe_receiver[sf]: 127.0.0.1:{PORT}\n"
                                "sfprobe_sampling_rate[sf]: 1\n");
    const Export& e = run.e;
    expect_clean(e, "sflow-v5");
    // At rate 1 every packet the probe saw is a sample: as many as its own sample pool says (the
    // agent's count of packets; pmacct's core may hand the probe a few fewer than print saw).
    const uint64_t pool = e.counters.at("sflow_sample_pool");
    EXPECT_EQ(e.sink.packets.size(), pool);
    EXPECT_LE(pool, run.packets);
    EXPECT_GE(pool, run.packets - 10);
    Decoder decoder;
    std::set<IpAddress> addresses;
    for (const auto& p : e.sink.packets) {
        EXPECT_EQ(p.sampling_rate, 1u);
        DecodedPacket d;
        EXPECT_TRUE(decoder.decode(p.raw, d) && d.ip_version);
        addresses.insert(d.src_ip), addresses.insert(d.dst_ip);
    }
    for (const IpAddress& a : addresses) EXPECT_TRUE(engine_view().addresses.count(a)) << a.to_string();
    for (const char* prc : {"124.237.225.21", "116.211.202.129", "129.226.107.210"})
        EXPECT_TRUE(addresses.count(*IpAddress::parse(prc))) << prc;
}

}  // namespace
}  // namespace sovscan
