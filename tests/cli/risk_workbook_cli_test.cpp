// `sovscan risk` for the people who edit the register and the auditor who signs it (issue 15,
// items 6 and 9): the sample capture with a CMDB that names primary assets (one name hostile) and a
// policy with a document header and primary assets. The XLSX workbook and the CSV for Czech Excel
// are read back with Python (openpyxl, Debian python3-openpyxl; tests/cli/check_risk_workbook.py)
// and compared cell by cell with the JSON register of the same run; the JSON carries the frame.
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

class RiskWorkbookCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("risk-workbook");
        ASSERT_EQ(std::system((sibling_tool("sovscan-sample-capture") + " " + path("sample.pcapng")).c_str()), 0);
        write("cmdb.csv",
              "id,name,ip,manufacturer,category,location,owner,c,i,a,primary_asset\r\n"
              "A-1,Kamera vrátnice,10.20.1.10,,ip_camera,Vrátnice,Správa budov,3,2,2,P-CCTV\r\n"
              "A-2,\"=HYPERLINK(\"\"http://x.example\"\";\"\"y\"\")\",10.20.9.9,Zhejiang Dahua Technology,ip_camera,"
              "Střecha,@OT tým,1,1,1,\r\n"
              "A-3,Střídač FVE,10.20.2.20,,pv_inverter,Kotelna,Jiří Novák,2,3,3,Výroba elektřiny\r\n");
        write("site.yaml",
              "document:\n"
              "  organisation: Teplárna Příklad, a.s.\n"
              "  scope: Řídicí systém teplárny a kamerový systém areálu\n"
              "  author: Jana Dvořáková\n"
              "  approver: Ing. Petr Svoboda\n"
              "  version: \"1.2\"\n"
              "  date: 2026-12-01\n"
              "  classification: Interní\n"
              "primary_assets:\n"
              "  - id: P-CCTV\n    name: Ostraha areálu\n    cia: {c: 4, i: 3, a: 2}\n"
              "  - id: P-HEAT\n    name: Dodávka tepla\n    cia: {c: 2, i: 4, a: 4}\n    supporting: [A-3]\n"
              "risk:\n"
              "  deadline_days: {critical: 30, high: 90, medium: 180}\n"
              "  measures:\n"
              "    M-REMOTE-ACCESS-OFF: {status: planned, deadline_days: 7}\n"
              "exceptions:\n"
              "  - id: CHG-PV\n    asset: 10.20.2.20\n    justification: Monitoring FVE výrobcem\n"
              "    owner: Jiří Novák\n    expires: 2030-12-31\n");
    }

    static std::string inputs() {
        return path("sample.pcapng") + " --home-net 10.20.0.0/16 --inventory " + path("cmdb.csv") + " --policy " +
               path("site.yaml") + " --no-progress --fail-on never";
    }
    // Debian's python3 (which has python3-openpyxl), not a pyenv shim earlier on PATH.
    static CliResult check(const std::string& mode, const std::string& file, const std::string& json_file,
                           const std::string& lang) {
        return run_program("/usr/bin/python3", source_dir() + "/tests/cli/check_risk_workbook.py " + mode + " " +
                                                   path(file) + " " + path(json_file) + " " + lang);
    }
};

TEST_F(RiskWorkbookCli, WorkbookMatchesTheJsonCellByCell) {
    for (const std::string lang : {"cs", "en"}) {
        CliResult j = run_sovscan("risk " + inputs() + " --lang " + lang + " -o " + path("register-" + lang + ".json"));
        ASSERT_EQ(j.exit_code, 0) << j.err;
        CliResult x = run_sovscan("risk " + inputs() + " --lang " + lang + " -o " + path("register-" + lang + ".xlsx"));
        ASSERT_EQ(x.exit_code, 0) << x.err;
        EXPECT_NE(x.out.find("written to " + path("register-" + lang + ".xlsx")), std::string::npos) << x.out;
        EXPECT_EQ(read("register-" + lang + ".xlsx").rfind("PK\x03\x04", 0), 0u);  // a ZIP: an OOXML package
        CliResult c = check("xlsx", "register-" + lang + ".xlsx", "register-" + lang + ".json", lang);
        EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
        EXPECT_EQ(c.out.rfind("ok ", 0), 0u) << c.out;
    }
}

TEST_F(RiskWorkbookCli, WorkbookToStandardOutput) {
    CliResult r = run_sovscan("risk " + inputs() + " --format xlsx");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("PK\x03\x04", 0), 0u);
}

TEST_F(RiskWorkbookCli, CzechExcelCsvMatchesTheJson) {
    CliResult j = run_sovscan("risk " + inputs() + " -o " + path("registr.json"));
    ASSERT_EQ(j.exit_code, 0) << j.err;
    CliResult r = run_sovscan("risk " + inputs() + " --format csv-cs -o " + path("registr.csv"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string csv = read("registr.csv");
    EXPECT_EQ(csv.rfind("\xEF\xBB\xBFID rizika;ID aktiva;Aktivum;", 0), 0u) << csv.substr(0, 100);
    // The standard CSV beside it is unchanged: comma-separated, stable column names, codes.
    CliResult plain = run_sovscan("risk " + inputs() + " -o " + path("register.csv"));
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(read("register.csv").rfind("risk_id,asset_id,asset_name,threat_id,", 0), 0u);
    CliResult c = check("csv-cs", "registr.csv", "registr.json", "cs");
    EXPECT_EQ(c.exit_code, 0) << c.out << c.err;
}

TEST_F(RiskWorkbookCli, JsonCarriesTheDecreesFrame) {
    CliResult r = run_sovscan("risk " + inputs() + " -o " + path("frame.json"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(read("frame.json"));
    const json& d = j["document"];
    EXPECT_EQ(d["organisation"], "Teplárna Příklad, a.s.");
    EXPECT_EQ(d["approver"], "Ing. Petr Svoboda");
    EXPECT_EQ(d["date"], "2026-12-01");
    EXPECT_EQ(d["classification"], "Interní");
    EXPECT_EQ(d["legal_basis"][0], "Zákon č. 264/2025 Sb., o kybernetické bezpečnosti (účinný od 1. 11. 2025)");
    // The sample capture: one minute on 2025-10-09, short and (by now) old.
    EXPECT_EQ(d["evidence"]["first_packet"], "2025-10-09 08:53:20Z");
    EXPECT_EQ(d["evidence"]["last_packet"], "2025-10-09 08:54:21Z");
    EXPECT_EQ(d["evidence"]["short"], true);
    EXPECT_EQ(d["evidence"]["warnings"][0],
              "POZOR: záznamy provozu pokrývají jen 0,02 h, méně než 24 h. Zařízení, která se za tu dobu neozvala, a "
              "občasné přenosy (aktualizace, zálohy) mohou v registru chybět.");
    bool catalog_version = false;
    for (const json& k : d["knowledge"]) catalog_version = catalog_version || k["name"] == "measures.csv";
    EXPECT_TRUE(catalog_version) << d["knowledge"].dump();
    // The camera serves P-CCTV (CMDB column): C 3 -> 4 and I 2 -> 3 inherited.
    const json* cam = nullptr;
    for (const json& a : j["assets"])
        if (a["id"] == "inv:A-1") cam = &a;
    ASSERT_TRUE(cam);
    EXPECT_EQ((*cam)["c"]["value"], 4);
    EXPECT_EQ((*cam)["c"]["inherited_from"], "P-CCTV");
    EXPECT_EQ((*cam)["i"]["value"], 3);
    EXPECT_EQ((*cam)["a"]["inherited_from"], nullptr);
    ASSERT_EQ(j["primary_assets"].size(), 3u);
    EXPECT_EQ(j["primary_assets"][1]["supporting"], json::array({"inv:A-3"}));
    EXPECT_EQ(j["primary_assets"][2]["id"], "Výroba elektřiny");
    EXPECT_EQ(j["primary_assets"][2]["c"], nullptr);
    // The decree's sections in the statement of applicability; the method as an appendix.
    for (const json& a : j["statement_of_applicability"]) EXPECT_TRUE(a["decree"].is_string()) << a["measure"];
    EXPECT_GE(j["method_appendix"]["sections"].size(), 8u);
    // The per-measure deadline: 7 days from the assessment date.
    for (const json& t : j["treatment_plan"])
        if (t["measure"] == "M-REMOTE-ACCESS-OFF") EXPECT_EQ(t["deadline_basis"], "measure_days");
}

}  // namespace
}  // namespace sovscan::test
