// `sovscan risk` on real IoT captures (iot-sentinel: devices that DHCP from 0.0.0.0) with a Czech
// CMDB the test writes: devices with and without addresses, uncatalogued manufacturers, a PRC
// module maker known by its OUI (Espressif). Issue 15: every finding on the right asset (defect 1),
// every supplier a real supplier, each in its own row (defect 2), the significant-supplier flag, the
// operator's suppliers file and the counterpart operators apart (item 8).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class RiskIotCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("sovscan-risk-iot-" + std::to_string(getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        // The kettle, the coffee machine and the Edimax plug have no address in the CMDB (they
        // take one by DHCP); the TP-Link plug has its lease. Manufacturers as an operator writes
        // them: Smarter and ELV are in no catalog, Edimax's OUI registrant is not mapped to the
        // catalog's Edimax, TP-Link is catalogued, the Siemens gateway and the Hama clock are known
        // to the CMDB only.
        write("cmdb.csv",
              "id,name,ip,mac,manufacturer,category,owner,c,i,a\r\n"
              "P-1,Chytrá zásuvka kuchyň,,74:da:38:4a:76:49,Edimax Technology,smart_plug,Správa budov,2,2,2\r\n"
              "K-1,Konvice,,5c:cf:7f:06:d9:02,Smarter Applications Ltd.,appliance,Správa budov,1,1,1\r\n"
              "K-2,Kávovar,,5c:cf:7f:07:ae:fb,\"SMARTER APPLICATIONS, LTD\",appliance,Správa budov,1,1,1\r\n"
              "T-1,Zásuvka TP-Link,10.10.10.228,50:c7:bf:00:fc:a3,TP-Link,smart_plug,IT,3,2,2\r\n"
              "S-1,Brána Siemens,10.10.10.50,,Siemens,network_equipment,IT,2,2,2\r\n"
              "E-1,Termostat,,,ELV Elektronik AG,other,IT,1,1,1\r\n");
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static std::string path(const std::string& name) { return (dir_ / name).string(); }
    static void write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }
    static std::string read(const std::string& name) {
        std::stringstream s;
        s << std::ifstream(dir_ / name, std::ios::binary).rdbuf();
        return s.str();
    }
    static std::string captures() {
        std::string s;
        for (const char* c : {"EdimaxPlug1101W/Setup-A-3-STA.pcap", "iKettle2/Setup-A-1-STA.pcap",
                              "SmarterCoffee/Setup-A-1-STA.pcap", "TP-LinkPlugHS100/Setup-C-13-STA.pcap"})
            s += corpus_file(std::string("iot-sentinel/") + c) + " ";
        return s;
    }
    static std::string inputs() {
        return captures() + "--home-net 10.10.10.0/24 --inventory " + path("cmdb.csv") + " --no-progress --fail-on never";
    }
    static json risk_json(const std::string& extra = "") {
        CliResult r = run_sovscan("risk " + inputs() + " " + extra + " --format json --lang en");
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return json::parse(r.out);
    }
    static const json* risk_of(const json& j, const std::string& asset_id) {
        for (const json& r : j["risks"])
            if (r["asset"] == asset_id && r["threat"] == "NUKIB-2025-PRC") return &r;
        return nullptr;
    }
    static std::vector<std::string> finding_summaries(const json& risk) {
        std::vector<std::string> v;
        for (const json& f : risk["findings"]) v.push_back(f["rule"].get<std::string>() + " " + f["summary"].get<std::string>());
        return v;
    }
    static fs::path dir_;
};
fs::path RiskIotCli::dir_;

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// Defect 1: the kettle, the coffee machine and the TP-Link plug DHCP from 0.0.0.0; their SOV-005
// findings were all tied to the Edimax plug (the first asset holding 0.0.0.0), which is no PRC
// device at all, while the kettle and the coffee machine read "no traffic seen".
TEST_F(RiskIotCli, EachFindingOnItsOwnAsset) {
    const json j = risk_json();
    EXPECT_EQ(risk_of(j, "inv:P-1"), nullptr) << risk_of(j, "inv:P-1")->dump();
    const json* kettle = risk_of(j, "inv:K-1");
    const json* coffee = risk_of(j, "inv:K-2");
    const json* plug = risk_of(j, "inv:T-1");
    ASSERT_NE(kettle, nullptr);
    ASSERT_NE(coffee, nullptr);
    ASSERT_NE(plug, nullptr);
    // Its lease address in the summary, not the 0.0.0.0 it asked for the lease from.
    EXPECT_EQ(finding_summaries(*kettle).size(), 1u) << kettle->dump();
    EXPECT_TRUE(has(finding_summaries(*kettle).at(0), "SOV-005 5c:cf:7f:06:d9:02 (10.10.10.245)")) << kettle->dump();
    EXPECT_EQ(finding_summaries(*coffee).size(), 1u) << coffee->dump();
    EXPECT_TRUE(has(finding_summaries(*coffee).at(0), "SOV-005 5c:cf:7f:07:ae:fb (10.10.10.146)"));
    // The plug's own: three NTP servers in CN, its TP-Link interface, its TP-Link make.
    std::map<std::string, int> rules;
    for (const json& f : (*plug)["findings"]) ++rules[f["rule"]];
    EXPECT_EQ(rules, (std::map<std::string, int>{{"SOV-001", 3}, {"SOV-005", 1}, {"SOV-007", 1}})) << plug->dump();
    // One finding, one asset: no summary appears under two assets.
    std::map<std::string, int> seen;
    for (const json& r : j["risks"])
        for (const std::string& s : finding_summaries(r)) ++seen[s];
    for (const auto& [s, n] : seen) EXPECT_EQ(n, 1) << s;
    // No asset is known by an address that names no host.
    CliResult assets = run_sovscan("assets " + inputs() + " --format json");
    ASSERT_EQ(assets.exit_code, 0) << assets.err;
    for (const json& a : json::parse(assets.out)["assets"])
        for (const json& ip : a["ips"]) EXPECT_NE(ip, "0.0.0.0") << a.dump();
}

// Defect 1, the timeline: its rows are named after the asset the finding is about.
TEST_F(RiskIotCli, TimelineRowsNameTheRightAsset) {
    CliResult r = run_sovscan("risk " + inputs() + " -q -o " + path("timeline.html"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = read("timeline.html");
    EXPECT_TRUE(has(html, ">SOV-005 Konvice<"));
    EXPECT_TRUE(has(html, ">SOV-005 Kávovar<"));
    EXPECT_TRUE(has(html, ">SOV-005 Zásuvka TP-Link<"));
    EXPECT_FALSE(has(html, "SOV-005 Chytrá zásuvka"));
}

}  // namespace
}  // namespace sovscan::test
