// `sovscan assets` on a generated CMDB export, the way the memory benchmark (bench/inventory-rss.sh)
// feeds it a million rows: the outputs stay exactly what they were before they were streamed and
// before the records were moved rather than copied (issue 19, defect 6). The expected files in
// tests/cli/expected/ were written by the code before those changes, from the same generated rows.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

// Rows like tools/gen_inventory.py's (its columns, PRC and other makers, their OUIs), fewer and
// without randomness; every seventh row repeats an earlier row's host name under its own id (two
// assets: different inventory ids keep them apart).
std::string generated_cmdb(size_t rows) {
    struct Maker {
        const char* vendor;
        const char* model;
        const char* category;
        const char* oui;
    };
    constexpr std::array kMakers = {
        Maker{"Hikvision", "DS-2CD2143G2-I", "IP camera", "44:47:cc"},
        Maker{"Dahua", "NVR4108HS-4KS2", "IP camera", "3c:ef:8c"},
        Maker{"Huawei", "S5735-L24T4X", "network switch", "00:e0:fc"},
        Maker{"Siemens", "SIMATIC S7-1500", "plc", "00:1b:1b"},
        Maker{"Cisco", "Catalyst 9300", "network switch", "00:1b:54"},
    };
    constexpr std::array kSites = {"Praha HQ", "Brno DC", "Plzeň depot"};
    std::string csv = "asset_id,hostname,ip_address,mac_address,vendor,model,firmware,category,location,owner,c,i,a\r\n";
    for (size_t n = 0; n < rows; ++n) {
        const Maker& m = kMakers[n % kMakers.size()];
        const size_t host = n % 7 == 6 ? n - 3 : n;
        csv += fmt::format("A-{:04},host-{:04}.corp.example,10.0.{}.{},{}:00:{:02x}:{:02x},{},{},V{}.{},{},\"{}\",OT team,{},{},{}\r\n",
                           n, host, n / 250, n % 250 + 1, m.oui, n / 256, n % 256, m.vendor, m.model, n % 5 + 1,
                           n % 10, m.category, kSites[n % kSites.size()], n % 4 + 1, (n + 1) % 4 + 1, (n + 2) % 4 + 1);
    }
    // A hostile row: an escape sequence, invalid UTF-8 and a formula, kept escaped in every output.
    csv += "A-9999,evil,10.9.9.9,,\"=cmd|' /C calc'!A0\",\x1b[31mX\xff\xfe,,camera,Roof,OT team,1,1,1\r\n";
    return csv;
}

class LargeInventoryCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("large-inventory-cli");
        write("cmdb.csv", generated_cmdb(kRows));
    }
    static constexpr size_t kRows = 12;

    // A file under tests/cli/expected/, with @DIR@ standing for this suite's scratch directory.
    static std::string expected(const std::string& name) {
        std::ostringstream s;
        s << std::ifstream(fs::path(test::source_dir()) / "tests/cli/expected" / name, std::ios::binary).rdbuf();
        std::string text = s.str();
        for (size_t at = text.find("@DIR@"); at != std::string::npos; at = text.find("@DIR@", at))
            text.replace(at, 5, dir_.string());
        return text;
    }
};

TEST_F(LargeInventoryCli, TheJsonAssetsAndFindingsAreThoseWrittenBeforeStreaming) {
    CliResult r = run_sovscan("assets --inventory " + path("cmdb.csv") + " -o " + path("out.json") + " --fail-on never -q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = read("out.json");
    const ordered_json report = ordered_json::parse(text);  // valid JSON, whole
    // The streamed bytes are those of the whole document's dump(2), as before.
    EXPECT_EQ(text, report.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n");
    ASSERT_EQ(report["assets"].size(), kRows + 1);
    EXPECT_EQ(report["inventory"]["records"], kRows + 1);
    EXPECT_EQ(report["summary"]["findings"], report["findings"].size());
    ordered_json part;
    part["findings"] = report["findings"];
    part["assets"] = report["assets"];
    EXPECT_EQ(part.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n",
              expected("large_inventory_assets.json"));
}

TEST_F(LargeInventoryCli, TheCsvIsTheOneWrittenBefore) {
    CliResult r = run_sovscan("assets --inventory " + path("cmdb.csv") + " -o " + path("out.csv") + " --fail-on never -q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read("out.csv"), expected("large_inventory_assets.csv"));
}

}  // namespace
}  // namespace sovscan::test
