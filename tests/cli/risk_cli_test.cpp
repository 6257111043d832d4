// `sovscan risk` as a user runs it: the project's sample capture plus a CMDB export with C/I/A and
// owners (one row hostile) and a policy file with a valid and an expired exception; each format by
// the -o extension, --format to standard output, both languages, an inventory-only run, and the
// mistakes a user makes (no inputs, an unknown extension, an inventory that cannot be read).
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

class RiskCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("risk-cli");
        const std::string tool = fs::path(sovscan_binary()).parent_path().string() + "/sovscan-sample-capture";
        ASSERT_EQ(std::system((tool + " " + path("sample.pcapng")).c_str()), 0);
        // The sample's camera and PV logger by their addresses, with C/I/A and owners; a Dahua camera
        // known only to the CMDB, whose name and owner attack the reader.
        write("cmdb.csv",
              "id,name,ip,manufacturer,category,location,owner,c,i,a\r\n"
              "A-1,Kamera vrátnice,10.20.1.10,,ip_camera,Vrátnice,Správa budov,3,2,2\r\n"
              "A-2,\"=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")<script>alert(1)</script>\",10.20.9.9,"
              "Zhejiang Dahua Technology,ip_camera,Střecha,\"\x1b[31mOT tým\",1,1,1\r\n"
              "A-3,Střídač FVE,10.20.2.20,,pv_inverter,Kotelna,Jiří Novák,2,3,3\r\n");
        // CHG-PV accepts everything the PV logger does; CHG-OLD (the workstation) has expired.
        write("site.yaml",
              "exceptions:\n"
              "  - id: CHG-PV\n    asset: 10.20.2.20\n    justification: Monitoring FVE výrobcem, smlouva do 2030\n"
              "    owner: Jiří Novák\n    expires: 2030-12-31\n"
              "  - id: CHG-OLD\n    asset: 10.20.3.30\n    justification: old decision\n"
              "    owner: it@example.cz\n    expires: 2020-01-01\n");
    }

    static std::string inputs() {
        return path("sample.pcapng") + " --home-net 10.20.0.0/16 --inventory " + path("cmdb.csv") + " --policy " +
               path("site.yaml") + " --no-progress --fail-on never";
    }
    static const json* risk_of(const json& j, const std::string& asset_id, const std::string& threat = "NUKIB-2025-PRC") {
        for (const json& r : j["risks"])
            if (r["asset"] == asset_id && r["threat"] == threat) return &r;
        return nullptr;
    }
};

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST_F(RiskCli, EachFormatByItsExtension) {
    for (const char* name : {"risk.html", "risk.md", "risk.csv", "risk.json"}) {
        CliResult r = run_sovscan("risk " + inputs() + " -o " + path(name));
        ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
        EXPECT_TRUE(has(r.out, "written to " + path(name))) << r.out;
        EXPECT_TRUE(has(r.out, "sovscan risk: ")) << r.out;
    }
    const std::string html = read("risk.html");
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"cs\">", 0), 0u);
    EXPECT_TRUE(has(html, "<h1>Analýza rizik</h1>"));
    EXPECT_TRUE(has(html, "id=\"risk-register\""));
    EXPECT_TRUE(has(html, "<g class=\"cell\">"));  // the heat map
    EXPECT_TRUE(has(html, "Expozice podle jurisdikce"));
    EXPECT_TRUE(has(html, "Kamera vrátnice"));
    EXPECT_TRUE(has(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_FALSE(has(html, "<script>alert"));
    EXPECT_FALSE(has(html, "\x1b"));
    EXPECT_EQ(read("risk.md").rfind("# Analýza rizik\n", 0), 0u);
    const std::string csv = read("risk.csv");
    EXPECT_EQ(csv.rfind("risk_id,asset_id,asset_name,threat_id,", 0), 0u) << csv.substr(0, 200);
    EXPECT_FALSE(has(csv, ",=HYPERLINK"));
    EXPECT_FALSE(has(csv, ",\"=HYPERLINK"));
    const json j = json::parse(read("risk.json"));
    EXPECT_EQ(j["schema"], "sovscan-risk");
    EXPECT_EQ(j["lang"], "cs");
    // The CMDB's values reach the register: the camera's impact is its C 3, its owner is named.
    const json* cam = risk_of(j, "inv:A-1");
    ASSERT_NE(cam, nullptr) << j["risks"].dump();
    EXPECT_EQ((*cam)["impact"], 3);
    bool owner_seen = false;
    for (const json& a : j["assets"])
        if (a["id"] == "inv:A-1") owner_seen = a["owner"] == "Správa budov";
    EXPECT_TRUE(owner_seen);
}

TEST_F(RiskCli, FormatFlagWritesToStandardOutput) {
    CliResult r = run_sovscan("risk " + inputs() + " --format json --lang en");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);  // nothing but the document on stdout
    EXPECT_EQ(j["lang"], "en");
    CliResult md = run_sovscan("risk " + inputs() + " --format md --lang en");
    ASSERT_EQ(md.exit_code, 0) << md.err;
    EXPECT_EQ(md.out.rfind("# Risk analysis\n", 0), 0u) << md.out.substr(0, 200);
    CliResult html = run_sovscan("risk " + inputs() + " --format html");
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_EQ(html.out.rfind("<!DOCTYPE html>", 0), 0u);
}

TEST_F(RiskCli, BothLanguagesFromOneLayout) {
    ASSERT_EQ(run_sovscan("risk " + inputs() + " --lang en -q -o " + path("en.html")).exit_code, 0);
    ASSERT_EQ(run_sovscan("risk " + inputs() + " --lang cs -q -o " + path("cs.html")).exit_code, 0);
    const std::string en = read("en.html"), cs = read("cs.html");
    EXPECT_TRUE(has(en, "<html lang=\"en\">"));
    EXPECT_TRUE(has(en, "<h1>Risk analysis</h1>"));
    EXPECT_TRUE(has(en, ">Risk-treatment plan") || has(en, ">3. Risk-treatment plan</h2>"));
    EXPECT_FALSE(has(en, "Analýza rizik"));
    EXPECT_TRUE(has(cs, ">3. Plán zvládání rizik</h2>"));
    EXPECT_TRUE(has(cs, ">Způsob realizace</button>"));
    EXPECT_FALSE(has(cs, "??"));
    EXPECT_FALSE(has(en, "??"));
    CliResult bad = run_sovscan("risk " + inputs() + " --lang de -o " + path("de.html"));
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_TRUE(has(bad.err, "--lang")) << bad.err;
}

TEST_F(RiskCli, PolicyExceptionsAcceptAndExpiredOnesAreFlagged) {
    CliResult r = run_sovscan("risk " + inputs() + " --lang en -o " + path("exc.json"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(read("exc.json"));
    const json* pv = risk_of(j, "inv:A-3");
    ASSERT_NE(pv, nullptr) << j["risks"].dump();
    EXPECT_EQ((*pv)["status"], "accepted") << pv->dump();
    EXPECT_EQ((*pv)["accepted_by"][0]["id"], "CHG-PV");
    EXPECT_EQ((*pv)["accepted_by"][0]["owner"], "Jiří Novák");
    EXPECT_TRUE((*pv)["residual_score"].is_number());
    bool expired_seen = false;
    for (const json& e : j["exceptions"])
        if (e["id"] == "CHG-OLD") expired_seen = e["expired"] == true;
    EXPECT_TRUE(expired_seen) << j["exceptions"].dump();

    ASSERT_EQ(run_sovscan("risk " + inputs() + " --lang en -q -o " + path("exc.html")).exit_code, 0);
    const std::string html = read("exc.html");
    EXPECT_TRUE(has(html, "Accepted risk: exception CHG-PV (owner Jiří Novák, valid through 2030-12-31): Monitoring FVE "
                          "výrobcem, smlouva do 2030. Residual risk: "));
    EXPECT_TRUE(has(html, "<p class=\"warning\">WARNING: exception CHG-OLD (owner it@example.cz) expired on 2020-01-01"));
    EXPECT_TRUE(has(html, "<span class=\"badge expired\">expired</span>"));
    EXPECT_TRUE(has(html, "site.yaml"));
}

TEST_F(RiskCli, InventoryOnlyRun) {
    CliResult r = run_sovscan("risk --inventory " + path("cmdb.csv") + " --fail-on never --format json --lang en");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["assets"].size(), 3u);
    // The Dahua camera is a risk from the CMDB alone (a PRC vendor's device), valued C1 I1 A1.
    const json* dahua = risk_of(j, "inv:A-2");
    ASSERT_NE(dahua, nullptr) << j["risks"].dump();
    EXPECT_EQ((*dahua)["impact"], 1);
    CliResult html = run_sovscan("risk --inventory " + path("cmdb.csv") + " --fail-on never -q -o " + path("inv.html"));
    ASSERT_EQ(html.exit_code, 0) << html.err;
    EXPECT_TRUE(has(read("inv.html"), "Bez záznamů provozu"));
}

TEST_F(RiskCli, BadInputsAreClearErrors) {
    CliResult none = run_sovscan("risk -o " + path("none.html"));
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_TRUE(has(none.err, "risk: nothing to read")) << none.err;
    EXPECT_FALSE(fs::exists(path("none.html")));

    CliResult ext = run_sovscan("risk --inventory " + path("cmdb.csv") + " -o " + path("risk.txt"));
    EXPECT_EQ(ext.exit_code, 2);
    EXPECT_TRUE(has(ext.err, "cannot tell the format from the extension; use .html, .md, .csv, .json or .xlsx")) << ext.err;

    CliResult no_output = run_sovscan("risk --inventory " + path("cmdb.csv"));
    EXPECT_EQ(no_output.exit_code, 2);
    EXPECT_TRUE(has(no_output.err, "give -o FILE")) << no_output.err;

    CliResult missing = run_sovscan("risk --inventory " + path("no-such.csv") + " -o " + path("missing.html"));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_TRUE(has(missing.err, path("no-such.csv"))) << missing.err;
    EXPECT_FALSE(fs::exists(path("missing.html")));

    // A directory where the CMDB should be: it cannot be read as a file.
    fs::create_directories(dir_ / "cmdb-dir.csv");
    CliResult dir = run_sovscan("risk --inventory " + path("cmdb-dir.csv") + " -o " + path("dir.html"));
    EXPECT_EQ(dir.exit_code, 2);
    EXPECT_TRUE(has(dir.err, path("cmdb-dir.csv"))) << dir.err;
}

}  // namespace
}  // namespace sovscan::test
