// Flow accounting against nDPI: for every nDPI capture in the corpus, sovscan's flow count must equal
// the number of flows ndpiReader reported, or the capture must be listed with both numbers and the
// reason in tests/corpus/reviewed/ndpi_flow_differences.csv (reasons: docs/flow-accounting.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "corpus/facts.h"
#include "corpus/scan_run.h"
#include "support/ndpi_expected.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

struct Reviewed {
    long ndpi = 0, ours = 0;
    std::string reason;
};

std::map<std::string, Reviewed> load_reviewed() {
    std::map<std::string, Reviewed> out;
    std::ifstream in(source_dir() + "/tests/corpus/reviewed/ndpi_flow_differences.csv");
    EXPECT_TRUE(in.good()) << "tests/corpus/reviewed/ndpi_flow_differences.csv missing";
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        std::string capture, ndpi, ours, reason;
        std::getline(ss, capture, ',');
        std::getline(ss, ndpi, ',');
        std::getline(ss, ours, ',');
        std::getline(ss, reason);
        if (capture.empty()) continue;
        out[capture] = Reviewed{std::stol(ndpi), std::stol(ours), reason};
    }
    return out;
}

// Reasons that docs/flow-accounting.md explains; a capture may have several, joined by '+'.
const std::set<std::string> kReasons = {
    "idle_timeout_split",      "tcp_port_reuse_split", "fragments",
    "ndpi_drops_bad_ip_length", "malformed_fuzz",       "outer_vlan_keying",
};

bool reasons_known(const std::string& field) {
    std::stringstream ss(field);
    std::string r;
    bool any = false;
    while (std::getline(ss, r, '+')) {
        if (!kReasons.count(r)) return false;
        any = true;
    }
    return any;
}

TEST(NdpiFlowCounts, MatchOrAreExplained) {
    auto reviewed = load_reviewed();
    std::set<std::string> seen_reviewed;
    size_t compared = 0, equal = 0;
    const std::string dir = corpus_dir();
    for (const auto& row : load_index(dir + "/INDEX.tsv")) {
        if (row.path.rfind("ndpi/", 0) != 0) continue;
        const std::string out_file = dir + "/ndpi-expected/" + row.path.substr(5) + ".out";
        if (!std::filesystem::exists(out_file)) continue;
        const long ndpi = static_cast<long>(read_ndpi_flows(out_file).size());
        ScanRun run = scan_capture(dir + "/" + row.path);
        if (!run.report) continue;
        const long ours = static_cast<long>(run.flows.size());
        ++compared;
        auto it = reviewed.find(row.path);
        if (ours == ndpi) {
            ++equal;
            EXPECT_TRUE(it == reviewed.end()) << row.path << ": now equal (" << ours << "), remove it from the reviewed list";
            continue;
        }
        ASSERT_TRUE(it != reviewed.end()) << row.path << ": nDPI " << ndpi << " flows, sovscan " << ours
                                          << "; explain it in tests/corpus/reviewed/ndpi_flow_differences.csv";
        seen_reviewed.insert(row.path);
        EXPECT_EQ(it->second.ndpi, ndpi) << row.path;
        EXPECT_EQ(it->second.ours, ours) << row.path;
        EXPECT_TRUE(reasons_known(it->second.reason)) << row.path << ": unknown reason '" << it->second.reason << "'";
    }
    for (const auto& [capture, r] : reviewed) EXPECT_TRUE(seen_reviewed.count(capture)) << "stale entry: " << capture;
    std::cout << "nDPI flow counts: " << equal << " of " << compared << " captures equal, " << compared - equal
              << " reviewed differences\n";
    EXPECT_GE(compared, 100u);
    // Most captures must agree exactly; a flood of "explained" differences would hide a real bug.
    EXPECT_GE(equal * 10, compared * 7) << equal << " of " << compared << " equal";
}

}  // namespace
}  // namespace sovscan::test
