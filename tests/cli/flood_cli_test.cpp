// A flood of distinct remote addresses (issue 19, defect 5): with --max-counterparts the scan keeps
// every finding of an unbounded run with the same traffic, the per-country totals and the summary
// stay exact, and every output says that counterparts were folded. The capture is written by
// sovscan-flood-capture: each kind of flood, plus answered sessions with PRC addresses before, in
// the middle of and after it.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_run.h"

namespace sovscan::test {
namespace {

using nlohmann::json;

class FloodCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("flood-cli");
        // 1,000 units of each of the seven kinds: 6,000 distinct remote addresses in exposures
        // (the DNS names are internal traffic), about one in twelve of the scanned ones in CN/HK.
        const CliResult made = run_program(sibling_tool("sovscan-flood-capture"), "mixed 7000 " + path("flood.pcap") + " --prc");
        ASSERT_EQ(made.exit_code, 0) << made.err;
    }

    static CliResult scan(const std::string& out, const std::string& limit) {
        return run_sovscan("scan " + path("flood.pcap") + " -o " + path(out) + " --no-progress --fail-on never" +
                           " --max-counterparts " + limit);
    }

    static std::map<std::string, json> findings_by_id(const json& report) {
        std::map<std::string, json> by;
        for (const json& f : report["findings"]) by[f["id"].get<std::string>()] = f;
        return by;
    }
};

TEST_F(FloodCli, FoldedScanKeepsEveryFindingAndExactTotals) {
    ASSERT_EQ(scan("full.json", "0").exit_code, 0);
    const CliResult bounded = scan("bounded.json", "2048");
    ASSERT_EQ(bounded.exit_code, 0) << bounded.err;
    const json full = json::parse(read("full.json")), folded = json::parse(read("bounded.json"));

    EXPECT_EQ(folded["schema_version"], "1.9");
    EXPECT_EQ(full["folding"]["folded_counterparts"], 0);
    EXPECT_TRUE(full["folding"]["groups"].empty());
    const json& f = folded["folding"];
    EXPECT_EQ(f["max_counterparts"], 2048);
    EXPECT_TRUE(f["folded_counterparts_exact"].get<bool>());
    uint64_t counterparts = 0, flows = 0;
    for (const json& g : f["groups"]) counterparts += g["counterparts"].get<uint64_t>(), flows += g["flows"].get<uint64_t>();
    EXPECT_EQ(f["folded_counterparts"].get<uint64_t>(), counterparts);
    EXPECT_EQ(f["folded_flows"].get<uint64_t>(), flows);
    // At most 2,048 of the 6,000 flood pairs and the PRC ones are kept; the rest are folded.
    EXPECT_GE(counterparts, 6000u - 2048u);

    // Exact: the summary's flow counts, the egress totals by country (bytes, flows, counterparts).
    for (const char* k : {"flows", "flows_local_to_remote", "flows_remote_to_local", "flows_internal",
                          "flows_neither_side_local", "packets", "wire_bytes", "findings"})
        EXPECT_EQ(folded["summary"][k], full["summary"][k]) << k;
    EXPECT_EQ(folded["egress_by_country"], full["egress_by_country"]);
    EXPECT_GT(full["egress_by_country"].size(), 20u);  // the scanned addresses span many countries

    // Every finding, with the same id and the same traffic.
    const auto want = findings_by_id(full), got = findings_by_id(folded);
    EXPECT_GT(want.size(), 50u);
    ASSERT_EQ(got.size(), want.size());
    for (const auto& [id, finding] : want) {
        ASSERT_TRUE(got.count(id)) << finding["summary"];
        EXPECT_EQ(got.at(id)["traffic"], finding["traffic"]) << finding["summary"];
    }
    // The PRC sessions of the three rounds: the same pair each round is one finding of 3 flows.
    bool three_rounds = false;
    for (const auto& [id, finding] : got)
        if (finding["counterpart"]["ip"] == "47.96.1.20") three_rounds = finding["traffic"]["flows"] == 3;
    EXPECT_TRUE(three_rounds);
}

TEST_F(FloodCli, EveryOutputSaysCounterpartsWereFolded) {
    const CliResult terminal = scan("notes.json", "2048");
    ASSERT_EQ(terminal.exit_code, 0) << terminal.err;
    const json report = json::parse(read("notes.json"));
    const std::string folded = std::to_string(report["folding"]["folded_counterparts"].get<uint64_t>());
    EXPECT_NE(terminal.out.find("note: memory bound reached: " + folded + " counterpart(s) without a finding"),
              std::string::npos)
        << terminal.out;
    EXPECT_NE(terminal.out.find("(--max-counterparts 2048)"), std::string::npos) << terminal.out;

    ASSERT_EQ(scan("notes.html", "2048").exit_code, 0);
    const std::string html = read("notes.html");
    EXPECT_NE(html.find("<p class=\"note\"><strong>Memory bound:</strong> " + folded + " counterpart(s)"),
              std::string::npos);

    ASSERT_EQ(scan("notes.csv", "2048").exit_code, 0);
    const std::string csv = read("notes.csv");
    EXPECT_NE(csv.find(",report_partial,report_counterparts_folded\r\n"), std::string::npos);
    EXPECT_NE(csv.find(",false," + folded + "\r\n"), std::string::npos);

    // Unbounded: no note anywhere, 0 in the CSV.
    const CliResult full = scan("quiet.csv", "0");
    EXPECT_EQ(full.out.find("memory bound"), std::string::npos) << full.out;
    EXPECT_NE(read("quiet.csv").find(",false,0\r\n"), std::string::npos);
}

}  // namespace
}  // namespace sovscan::test
