// `sovscan scan` on the corpus's Zeek and Suricata log directories: the findings FORMATS.md implies
// and the report's list of inputs with their formats and record counts.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

class LogScanCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() { make_dir("LogScanCli"); }
};

nlohmann::json scan(const std::string& input, const std::string& out, int expected_exit) {
    CliResult r = run_sovscan("scan " + input + " --no-progress -o " + out);
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    std::ifstream in(out);
    return nlohmann::json::parse(in);
}

TEST_F(LogScanCli, ZeekDirectoryGivesTheFindingsFormatsMdImplies) {
    const nlohmann::json j = scan(corpus_dir() + "/zeek", path("zeek.json"), 0);  // medium < high
    // FORMATS.md: HTTP to www.alibaba.com and gm.mmstat.com on 198.11.132.23 and 205.204.101.182
    // (AS45102 Alibaba (US), located US): data to a PRC-controlled operator abroad, SOV-002. The DHCP
    // client ec:f3:42:16:6a:09 is an OPPO handset (OUI of GUANGDONG OPPO): the session takes logged
    // devices into the asset list, not into SOV-005 (which judges MACs seen on captured frames), so
    // it gives no finding here. Nothing else is PRC-relevant.
    std::map<std::string, std::string> rule_of;
    for (const auto& f : j["findings"]) {
        const std::string key = f.contains("counterpart") ? f["counterpart"]["ip"].get<std::string>()
                                                          : f["asset"]["macs"][0].get<std::string>();
        rule_of[key] = f["rule_id"];
        if (key == "198.11.132.23" || key == "205.204.101.182") {
            EXPECT_EQ(f["counterpart"]["located_in"], "US");
            EXPECT_EQ(f["counterpart"]["asn"], 45102);
            EXPECT_EQ(f["counterpart"]["operator"]["controlled_by"], "CN");
            EXPECT_EQ(f["counterpart"]["names"][0]["source"], "http_host") << f.dump();
        }
    }
    EXPECT_EQ(rule_of["198.11.132.23"], "SOV-002");
    EXPECT_EQ(rule_of["205.204.101.182"], "SOV-002");
    EXPECT_EQ(rule_of.size(), 2u) << j["findings"].dump(1);
    // Every file listed as a Zeek input with the records FORMATS.md counts.
    std::map<std::string, uint64_t> records;
    for (const auto& in : j["inputs"]) {
        EXPECT_EQ(in["kind"], "zeek") << in.dump();
        const std::string p = in["path"];
        records[p.substr(p.rfind('/') + 1)] = in["records"];
    }
    EXPECT_EQ(records.size(), 20u);
    EXPECT_EQ(records["pcap2kddcup99__conn.log"], 233u);
    EXPECT_EQ(records["pcap2kddcup99__dns.log"], 217u);
    EXPECT_EQ(records["rita__proxy__dns.log"], 942u);
    EXPECT_EQ(records["rita__json_with_all_fields__http.log"], 10u);
    EXPECT_EQ(records["zeek-baseline__opt.basic__conn.log"], 34u);
    // The two JSON baselines whose canonified times are not JSON: no records, their lines skipped.
    EXPECT_EQ(records["zeek-baseline__javascript.http-uri-sha256__http.log"], 0u);
    EXPECT_EQ(j["counters"]["inputs"]["logs.log_malformed_lines"], 5);
}

TEST_F(LogScanCli, SuricataDirectoryIsClear) {
    // FORMATS.md: no Chinese names or CN/HK addresses in the EVE samples.
    const nlohmann::json j = scan(corpus_dir() + "/suricata", path("eve.json"), 0);
    EXPECT_EQ(j["findings"].size(), 0u) << j["findings"].dump(1);
    std::map<std::string, uint64_t> records;
    for (const auto& in : j["inputs"]) {
        EXPECT_EQ(in["kind"], "suricata-eve") << in.dump();
        const std::string p = in["path"];
        records[p.substr(p.rfind('/') + 1)] = in["records"];
    }
    EXPECT_EQ(records["SuricataEveToMysql__eve.json"], 10u);
    EXPECT_EQ(records["elastic-beats__eve-dns-4.1.4.log"], 24u);
    EXPECT_EQ(records["elastic-beats__eve.json"], 8u);
    EXPECT_EQ(records["relatorio-rede-suricata__eve.json"], 9u);
}

}  // namespace
}  // namespace sovscan::test
