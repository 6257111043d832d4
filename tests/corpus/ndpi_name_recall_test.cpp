// Server names against nDPI on the whole corpus, per protocol family (method: docs/observe.md,
// "Names compared with nDPI"). For every flow ndpiReader names, sovscan's name on the same 5-tuple
// is compared; the counts per family may not fall below today's, and every TLS, QUIC or HTTP flow
// not named as nDPI names it must be listed with its cause in
// tests/corpus/reviewed/ndpi_name_misses.csv. Prints the table and writes it to
// ${build}/ndpi-name-recall.md for the docs.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "corpus/name_recall.h"
#include "corpus/scan_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

// Why a flow is not named as nDPI names it (the cause column of ndpi_name_misses.csv).
const std::map<std::string, std::string> kMissCauses = {
    {"http_request_after_server_payload",
     "The capture starts inside a response: the server's payload is the flow's first, and the HTTP "
     "dissector decides on a flow's first payload packet whichever way it goes, so the client's request "
     "after it (with its Host) is never read. nDPI reads it."},
    {"certificate_cn_not_san",
     "By design. The ClientHello after STARTTLS has no server_name; both tools name the flow from the "
     "server's certificate, nDPI by its subject CN, sovscan by its first subjectAltName dNSName "
     "(docs/observe.md, TLS server certificate)."},
    {"client_hello_damaged_after_sni",
     "A fuzzed ClientHello (nDPI's invalid-reads test, inside GTP-U): its server_name extension is intact, "
     "but an extension after it (ALPN) runs past the extension list; sovscan's ClientHello parser then "
     "rejects the whole message (tls_malformed), where nDPI and tshark keep the name read before the "
     "damage."},
};

struct ReviewedMiss {
    std::string cause;
    bool seen = false;
};

// "capture|flow|nDPI name" of a miss, as ndpi_name_misses.csv lists it.
std::string miss_key(const std::string& capture, const std::string& flow, const std::string& ndpi_name) {
    return capture + "|" + flow + "|" + ndpi_name;
}

// capture,flow,ndpi_name,cause; '#' lines are comments. The flow ("TCP a:pa <-> b:pb", as nDPI
// prints it) holds no comma; the name is everything between it and the last comma.
std::map<std::string, ReviewedMiss> load_reviewed_misses() {
    std::map<std::string, ReviewedMiss> out;
    const std::string path = source_dir() + "/tests/corpus/reviewed/ndpi_name_misses.csv";
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << path << " missing";
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const size_t c1 = line.find(','), c2 = line.find(',', c1 + 1), c3 = line.rfind(',');
        if (c1 == std::string::npos || c2 == std::string::npos || c3 <= c2) {
            ADD_FAILURE() << "ndpi_name_misses.csv: bad line '" << line << "'";
            continue;
        }
        const std::string cause = line.substr(c3 + 1);
        EXPECT_TRUE(kMissCauses.count(cause)) << "ndpi_name_misses.csv: unknown cause '" << cause << "'";
        out[miss_key(line.substr(0, c1), line.substr(c1 + 1, c2 - c1 - 1), line.substr(c2 + 1, c3 - c2 - 1))] = {cause};
    }
    return out;
}

// Today's values. `named` is exact (the corpus and the parser); `same` (the name from the flow
// itself) and `same_name` (from anything, DNS answers included) may only grow: raise them when
// sovscan names more.
struct Floor {
    NdpiNameFamily family;
    size_t named, same, same_name;
};
constexpr Floor kFloors[] = {
    {NdpiNameFamily::tls, 516, 514, 514},  {NdpiNameFamily::quic, 142, 142, 142},
    {NdpiNameFamily::http, 1028, 1028, 1028}, {NdpiNameFamily::dns, 343, 0, 0},
    {NdpiNameFamily::mdns, 29, 0, 0},     {NdpiNameFamily::llmnr, 62, 0, 0},
    {NdpiNameFamily::netbios, 47, 0, 0},  {NdpiNameFamily::dhcp, 14, 0, 0},
    {NdpiNameFamily::ssdp, 34, 0, 0},     {NdpiNameFamily::other, 25, 1, 1},
};
// Flows sovscan names and nDPI does not, by source. A deliberate drop (a DNS answer no longer
// naming some flows, say) lowers the floor, with the reason in the commit.
const std::map<NameSource, size_t> kExtraFloors = {{NameSource::dns, 69}, {NameSource::tls_certificate, 50}};

// The whole corpus scanned once: every ndpiReader output against a scan of its capture.
NameRecall measure_corpus() {
    NameRecall recall;
    const std::string dir = corpus_dir();
    std::vector<std::filesystem::path> outs;
    for (const auto& e : std::filesystem::directory_iterator(dir + "/ndpi-expected")) outs.push_back(e.path());
    std::sort(outs.begin(), outs.end());
    for (const auto& out : outs) {
        const std::string capture = "ndpi/" + out.stem().string();  // NAME.pcap.out -> NAME.pcap
        ScanRun run = scan_capture(corpus_file(capture));
        recall.add_capture(capture, read_ndpi_flows(out.string()), run.flows);
    }
    return recall;
}

void write_table(const NameRecall& recall, const std::map<std::string, ReviewedMiss>& reviewed) {
    const auto cause_of = [&reviewed](const NamedFlow& r) {
        const auto it = reviewed.find(miss_key(r.capture, endpoints_label(r.ndpi), r.ndpi.hostname));
        return it == reviewed.end() ? std::string() : it->second.cause;
    };
    const std::string md = name_recall_markdown(recall, cause_of, kMissCauses);
    std::cout << md;
    const std::string path = build_dir() + "/ndpi-name-recall.md";
    std::ofstream out(path);
    out << md;
    EXPECT_TRUE(out.good()) << "could not write " << path;
    std::cout << "(written to " << path << ")\n";
}

void expect_floors(const NameRecall& recall) {
    EXPECT_EQ(recall.captures(), 383u) << "corpus/ndpi-expected holds 383 ndpiReader outputs";
    for (const Floor& f : kFloors) {
        const FamilyTally t = recall.tally(f.family);
        const char* family = ndpi_name_family_label(f.family);
        EXPECT_EQ(t.named, f.named) << family << ": flows nDPI names";
        EXPECT_GE(t.same, f.same) << family << ": flows named as nDPI names them, by the flow itself";
        EXPECT_GE(t.same_name(), f.same_name) << family << ": flows named as nDPI names them, DNS included";
    }
    for (const auto& [source, floor] : kExtraFloors) {
        const auto it = recall.extras().find(source);
        const size_t n = it == recall.extras().end() ? 0 : it->second.ndpi_flow_unnamed + it->second.ndpi_no_flow;
        EXPECT_GE(n, floor) << "flows named by " << name_source_label(source) << " that nDPI does not name";
    }
}

void expect_misses_reviewed(const NameRecall& recall, std::map<std::string, ReviewedMiss> reviewed) {
    for (const NamedFlow& r : recall.named_flows()) {
        if (!is_miss(r)) continue;
        const std::string flow = endpoints_label(r.ndpi);
        const auto it = reviewed.find(miss_key(r.capture, flow, r.ndpi.hostname));
        if (it == reviewed.end()) {
            ADD_FAILURE() << r.capture << ": " << flow << ": nDPI names it '" << r.ndpi.hostname << "', sovscan "
                          << (r.outcome == NameOutcome::no_flow   ? "has no such flow"
                              : r.outcome == NameOutcome::unnamed ? "gives no name"
                                                                  : "gives '" + r.sovscan_name + "' (" +
                                                                        name_source_label(r.sovscan_source) + ")")
                          << ". Fix it, or list it with its cause in tests/corpus/reviewed/ndpi_name_misses.csv:\n"
                          << r.capture << "," << flow << "," << r.ndpi.hostname << ",<cause>";
            continue;
        }
        it->second.seen = true;
    }
    for (const auto& [key, miss] : reviewed)
        EXPECT_TRUE(miss.seen) << "now named as nDPI names it: " << key
                               << "; delete its line from tests/corpus/reviewed/ndpi_name_misses.csv and raise the "
                                  "floor in kFloors";
}

// One test, so that the corpus is scanned once (ctest runs every test in a process of its own).
// The table is written first: it is what to read when an assertion below fails.
TEST(NdpiNameRecall, PerFamilyNoLowerThanTodayAndEveryMissReviewed) {
    const NameRecall recall = measure_corpus();
    const auto reviewed = load_reviewed_misses();
    write_table(recall, reviewed);
    expect_floors(recall);
    expect_misses_reviewed(recall, reviewed);
}

}  // namespace
}  // namespace sovscan::test
