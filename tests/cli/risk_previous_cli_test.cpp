// Period over period with `sovscan risk` (issue 15, item 7): a real IoT capture (a TP-Link HS100
// plug from the IoT Sentinel set talking to servers in China) and a CMDB the test writes, run
// twice — the second time with one more CMDB row, an applied measure and --previous pointing at the
// first run's JSON. The same risks keep their ids and the changes are in every format; a file that
// is not a register is refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class RiskPreviousCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("risk-previous");
        // The plug by its MAC; a Hikvision camera known only to the CMDB.
        const std::string rows =
            "Z-PLUG,Zásuvka kuchyňka,50:c7:bf:00:fc:a3,,TP-Link,consumer_iot,Kuchyňka,Správa budov\r\n"
            "Z-CAM,Kamera sklad,,192.168.77.20,Hikvision,ip_camera,Sklad,Správa budov\r\n";
        const std::string head = "id,name,mac,ip,manufacturer,category,location,owner\r\n";
        write("cmdb-q3.csv", head + rows);
        // Q4: a Dahua camera bought since, listed first.
        write("cmdb-q4.csv",
              head + "A-NEW,Kamera vjezd,,192.168.77.21,Zhejiang Dahua Technology,ip_camera,Vjezd,Správa budov\r\n" + rows);
        write("q4.yaml", "risk:\n  measures:\n    M-EGRESS-JUR: {status: applied, note: geo-blocking on the edge firewall}\n");
    }

    static std::string capture() { return corpus_dir() + "/iot-sentinel/TP-LinkPlugHS100/Setup-C-13-STA.pcap"; }
};

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

std::map<std::string, json> by_pair(const json& j) {
    std::map<std::string, json> out;
    for (const json& r : j["risks"]) out[r["asset"].get<std::string>() + " " + r["threat"].get<std::string>()] = r;
    return out;
}

TEST_F(RiskPreviousCli, TheNextPeriodKeepsIdsAndSaysWhatChanged) {
    const std::string common = capture() + " --no-progress --fail-on never ";
    CliResult q3 = run_sovscan("risk " + common + "--inventory " + path("cmdb-q3.csv") + " -o " + path("q3.json"));
    ASSERT_EQ(q3.exit_code, 0) << q3.err;
    for (const char* out : {"q4.json", "q4.md", "q4.html", "q4.csv"}) {
        CliResult q4 = run_sovscan("risk " + common + "--inventory " + path("cmdb-q4.csv") + " --policy " + path("q4.yaml") +
                                   " --previous " + path("q3.json") + " -o " + path(out));
        ASSERT_EQ(q4.exit_code, 0) << out << ": " << q4.err;
    }
    const json before = json::parse(read("q3.json")), after = json::parse(read("q4.json"));
    const auto b = by_pair(before), a = by_pair(after);
    ASSERT_EQ(b.size(), 2u);
    ASSERT_TRUE(b.count("inv:Z-PLUG NUKIB-2025-PRC"));
    ASSERT_TRUE(b.count("inv:Z-CAM NUKIB-2025-PRC"));
    for (const auto& [pair, risk] : b) EXPECT_EQ(a.at(pair)["id"], risk["id"]) << pair;
    ASSERT_TRUE(a.count("inv:A-NEW NUKIB-2025-PRC"));

    // The plug: 3 x SOV-001 to CN and its maker's OUI; geo-blocking closes the connection.
    const json& plug_before = b.at("inv:Z-PLUG NUKIB-2025-PRC");
    const json& plug_after = a.at("inv:Z-PLUG NUKIB-2025-PRC");
    EXPECT_EQ(plug_after["inherent"]["score"], plug_before["score"]);
    EXPECT_LT(plug_after["score"].get<int>(), plug_before["score"].get<int>());

    const json& changes = after["changes"];
    EXPECT_EQ(changes["previous"]["assessed_on"], before["assessed_on"]);
    ASSERT_EQ(changes["risks"].size(), 2u) << changes.dump(2);
    EXPECT_EQ(changes["risks"][0]["change"], "new");
    EXPECT_EQ(changes["risks"][0]["asset"], "inv:A-NEW");
    EXPECT_EQ(changes["risks"][0]["previous"], nullptr);
    EXPECT_EQ(changes["risks"][0]["current"]["score"], a.at("inv:A-NEW NUKIB-2025-PRC")["score"]);
    EXPECT_EQ(changes["risks"][1]["change"], "lowered");
    EXPECT_EQ(changes["risks"][1]["id"], plug_before["id"]);
    EXPECT_EQ(changes["risks"][1]["previous"]["score"], plug_before["score"]);
    EXPECT_EQ(changes["risks"][1]["current"]["score"], plug_after["score"]);
    EXPECT_EQ(changes["unchanged_risks"], 1);  // the CMDB's Hikvision camera
    ASSERT_GE(changes["suppliers"].size(), 1u);
    EXPECT_EQ(changes["suppliers"][0]["change"], "added");
    EXPECT_EQ(changes["suppliers"][0]["key"], "dahua");

    const std::string md = read("q4.md"), html = read("q4.html"), csv = read("q4.csv");
    EXPECT_TRUE(has(md, "## Změny od posledního hodnocení\n")) << md;
    EXPECT_TRUE(has(md, "| nové | " + changes["risks"][0]["id"].get<std::string>() + " | Kamera vjezd |")) << md;
    EXPECT_TRUE(has(md, "| přibyl | ")) << md;
    EXPECT_TRUE(has(html, "<section id=\"changes\"><h2>Změny od posledního hodnocení</h2>")) << html;
    EXPECT_TRUE(has(csv, ",lowered," + std::to_string(plug_before["score"].get<int>()) + "," +
                             plug_before["level"].get<std::string>() + "\r\n"))
        << csv;
    EXPECT_TRUE(has(csv, ",new,,\r\n")) << csv;
}

TEST_F(RiskPreviousCli, AFileThatIsNotARegisterIsRefused) {
    write("scan.json", "{\"schema\": \"sovscan-report\", \"schema_version\": 1}");
    write("future.json", "{\"schema\": \"sovscan-risk\", \"schema_version\": 99, \"risks\": []}");
    write("broken.json", "{\"schema\": ");
    const std::string common = "risk --inventory " + path("cmdb-q3.csv") + " --no-progress -o " + path("x.json") + " --previous ";
    CliResult r = run_sovscan(common + path("scan.json"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "sovscan: error: --previous " + path("scan.json") +
                               ": not a risk register written by sovscan risk -o FILE.json (no \"schema\": \"sovscan-risk\")"))
        << r.err;
    r = run_sovscan(common + path("future.json"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, ": schema_version 99 is not one this sovscan reads (1-")) << r.err;
    r = run_sovscan(common + path("broken.json"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, ": not JSON (")) << r.err;
    r = run_sovscan(common + path("missing.json"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "missing.json: No such file or directory")) << r.err;
    EXPECT_FALSE(fs::exists(path("x.json")));
}

}  // namespace
}  // namespace sovscan::test
