// `sovscan assets` and `scan --inventory` as a user runs them, on the project's own sample capture
// plus inventory files in their real formats: a CMDB export, nmap -oX output from the corpus,
// CycloneDX 1.6 and SPDX 2.3 documents written to the published schemas, and a GGUF model written
// with the tests' own writer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_run.h"
#include "inventory/model_file_writer.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class AssetsCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("assets-cli");
        fs::create_directories(dir_ / "models");
        const std::string tool = fs::path(sovscan_binary()).parent_path().string() + "/sovscan-sample-capture";
        ASSERT_EQ(std::system((tool + " " + path("sample.pcapng")).c_str()), 0);
        // The CMDB names the sample's camera by its address; a second row carries hostile text.
        write("cmdb.csv",
              "id,name,ip,mac,manufacturer,model,category,location,owner,c,i,a\r\n"
              "A-1,cam-lobby,10.20.1.10,,,DS-2CD2143G0-I,ip_camera,Lobby,Facility team,2,2,3\r\n"
              "A-2,\"=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\",10.20.9.9,,Zhejiang Dahua Technology,,ip_camera,"
              "\"\x1b[31mRoof\",OT team,1,1,1\r\n"
              "A-3,hmi-01,10.20.9.10,,Siemens AG,SIMATIC,hmi,Control room,OT team,3,4,4\r\n");
        write("hmi.cdx.json", R"({
  "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "metadata": {"component": {"type": "application", "name": "scada-hmi", "version": "4.2", "bom-ref": "hmi"}},
  "components": [
    {"type": "library", "name": "fastjson", "version": "1.2.83", "purl": "pkg:maven/com.alibaba/fastjson@1.2.83"},
    {"type": "library", "name": "jackson-core", "version": "2.15.2",
     "purl": "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.15.2"}
  ]
})");
        write("gw.spdx.json", R"({
  "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": "gateway",
  "documentNamespace": "https://example.org/spdx/gateway-1",
  "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: test"]},
  "documentDescribes": ["SPDXRef-gw"],
  "packages": [
    {"SPDXID": "SPDXRef-gw", "name": "edge-gateway", "versionInfo": "3.1", "downloadLocation": "NOASSERTION"},
    {"SPDXID": "SPDXRef-sdk", "name": "cloud-sdk", "versionInfo": "3.0.1", "downloadLocation": "NOASSERTION",
     "supplier": "Organization: Huawei Technologies Co., Ltd."}
  ]
})");
        GgufWriter().string("general.architecture", "qwen2").string("general.name", "Qwen2.5 0.5B Instruct")
            .tensor("token_embd.weight", {4}, {0.f, 1.f, 2.f, 3.f})
            .write(path("models/qwen.gguf"));
    }

    static std::string all_inputs() {
        return path("sample.pcapng") + " --home-net 10.20.0.0/16 --inventory " + path("cmdb.csv") + " --nmap " +
               corpus_file("nmap/python-libnmap__2_hosts_version.xml") + " --sbom " + path("hmi.cdx.json") + " --sbom " +
               path("gw.spdx.json") + " --models " + path("models") + " --no-progress";
    }
    static const json* asset(const json& report, const std::string& id) {
        for (const json& a : report["assets"])
            if (a["id"] == id) return &a;
        return nullptr;
    }
    static std::vector<std::string> rules_about(const json& report, const std::string& asset_id) {
        std::vector<std::string> out;
        for (const json& f : report["findings"])
            if (f["asset"].value("id", "") == asset_id) out.push_back(f["rule_id"]);
        std::sort(out.begin(), out.end());
        return out;
    }
};

TEST_F(AssetsCli, MergesEverySourcePerAsset) {
    CliResult r = run_sovscan("assets " + all_inputs() + " -o " + path("assets.json"));
    EXPECT_EQ(r.exit_code, 1) << r.err;  // high findings (the sample's traffic) reach --fail-on high
    json j = json::parse(read("assets.json"));
    EXPECT_EQ(j["schema_version"], "1.9");
    EXPECT_EQ(j["inventory"]["files"].size(), 5u);
    EXPECT_EQ(j["inventory"]["problems"], 0);

    // The CMDB row and the camera the capture shows are one asset: joined by the address, the MAC
    // from traffic, C/I/A and owner from the CMDB, the maker from its OUI and the cloud it contacts.
    const json* cam = asset(j, "inv:A-1");
    ASSERT_NE(cam, nullptr);
    EXPECT_EQ((*cam)["macs"], json::array({"44:47:cc:12:34:56"}));
    EXPECT_EQ((*cam)["sources"], json::array({"cmdb", "traffic"}));
    EXPECT_EQ((*cam)["cia"], json({{"c", 2}, {"i", 2}, {"a", 3}}));
    EXPECT_EQ((*cam)["owner"], "Facility team");
    EXPECT_EQ((*cam)["category"], "ip_camera");
    EXPECT_EQ((*cam)["category_basis"], "cmdb");
    EXPECT_EQ((*cam)["verdict"], "high_risk");
    std::vector<std::string> cam_bases;
    for (const json& v : (*cam)["vendors"]) cam_bases.push_back(v["basis"].get<std::string>() + ":" + v["id"].get<std::string>());
    EXPECT_EQ(cam_bases, (std::vector<std::string>{"mac_oui:hikvision", "vendor_cloud:hikvision"}));
    EXPECT_EQ((*cam)["traffic"]["vendor_clouds"][0]["domain"], "hik-connect.com");
    // SOV-005 (its MAC, from traffic) and SOV-007 (the vendor cloud), plus the traffic findings.
    auto cam_rules = rules_about(j, "inv:A-1");
    EXPECT_TRUE(std::count(cam_rules.begin(), cam_rules.end(), "SOV-005") == 1) << json(cam_rules).dump();
    EXPECT_TRUE(std::count(cam_rules.begin(), cam_rules.end(), "SOV-007") == 1) << json(cam_rules).dump();

    // A device behind an Espressif Wi-Fi module is named by the inverter cloud it reports to.
    const json* inverter = asset(j, "mac:24:6f:28:ab:cd:ef");
    ASSERT_NE(inverter, nullptr);
    EXPECT_EQ((*inverter)["category"], "pv_inverter");
    EXPECT_EQ((*inverter)["category_basis"], "vendor cloud");
    EXPECT_EQ((*inverter)["vendors"][0]["id"], "solarman");
    EXPECT_EQ((*inverter)["vendors"][0]["basis"], "vendor_cloud");
    EXPECT_EQ((*inverter)["vendors"][1]["id"], "espressif");
    EXPECT_EQ((*inverter)["vendors"][1]["confidence"], "low");

    // CMDB-only rows: a Dahua camera (SOV-007), a Siemens HMI (clear, no finding).
    EXPECT_EQ(rules_about(j, "inv:A-2"), std::vector<std::string>{"SOV-007"});
    EXPECT_EQ((*asset(j, "inv:A-3"))["verdict"], "clear");
    EXPECT_TRUE(rules_about(j, "inv:A-3").empty());

    // The SBOMs' systems: components of high-risk vendors, one SOV-008 per vendor.
    EXPECT_EQ(rules_about(j, "sbom:" + path("hmi.cdx.json") + "#metadata.component"), std::vector<std::string>{"SOV-008"});
    EXPECT_EQ(rules_about(j, "sbom:" + path("gw.spdx.json") + "#packages[0]"), std::vector<std::string>{"SOV-008"});
    // The local GGUF model of Qwen: SOV-010 (local weights), low severity.
    bool model_found = false;
    for (const json& f : j["findings"])
        if (f["rule_id"] == "SOV-010") {
            model_found = true;
            EXPECT_EQ(f["severity"], "low");
            EXPECT_EQ(f["asset"]["vendor"]["id"], "alibaba");
        }
    EXPECT_TRUE(model_found);
    // nmap's hosts are assets of their own (scanme.nmap.org's address is no local one).
    EXPECT_NE(asset(j, "ip:74.207.244.221"), nullptr);
}

TEST_F(AssetsCli, CsvAndTableEscapeHostileText) {
    CliResult csv = run_sovscan("assets --inventory " + path("cmdb.csv") + " --format csv --fail-on never");
    EXPECT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_NE(csv.out.find("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\""), std::string::npos) << csv.out;
    EXPECT_EQ(csv.out.find(",=HYPERLINK"), std::string::npos);
    EXPECT_EQ(csv.out.rfind("id,name,category,verdict,", 0), 0u);

    CliResult table = run_sovscan("assets --inventory " + path("cmdb.csv") + " --color never --fail-on never");
    EXPECT_EQ(table.exit_code, 0) << table.err;
    EXPECT_EQ(table.out.find('\x1b'), std::string::npos);  // no escape sequence reaches the terminal
    EXPECT_NE(table.out.find("3 asset(s) from 3 record(s)"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("high_risk"), std::string::npos) << table.out;
}

// Issue 19: ESC, DEL and malformed UTF-8 (ff fe, the overlong c0 80) reached the CSV raw.
TEST_F(AssetsCli, CsvWritesControlBytesAndMalformedUtf8Escaped) {
    write("raw.csv", std::string("id,name,ip,location\r\nR-1,\"pump \x1b[2J\x7f\xff\xfe\xc0\x80\",10.20.7.7,") +
                         "\xc4\x8c" "erpac\xc3\xad stanice\r\n");
    CliResult r = run_sovscan("assets --inventory " + path("raw.csv") + " -o " + path("raw-out.csv") + " --fail-on never -q");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string out = read("raw-out.csv");
    for (size_t i = 0; i < out.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(out[i]);
        if (c == '\r' || c == '\n') continue;
        EXPECT_FALSE(c < 0x20 || c == 0x7f) << "control byte " << int(c) << " at " << i;
    }
    EXPECT_NE(out.find(R"(pump \x1b[2J\x7f\xff\xfe\xc0\x80)"), std::string::npos) << out;
    EXPECT_NE(out.find("\xc4\x8c" "erpac\xc3\xad stanice"), std::string::npos) << out;  // UTF-8 kept
}

// Issue 19: the same inventory given twice made every asset twice, with the same ids.
TEST_F(AssetsCli, TheSameInventoryGivenTwiceIsReadOnce) {
    CliResult once = run_sovscan("assets --inventory " + path("cmdb.csv") + " --format json --fail-on never");
    CliResult twice = run_sovscan("assets --inventory " + path("cmdb.csv") + " --inventory " + dir_.string() +
                                  "/./cmdb.csv --format json --fail-on never");
    ASSERT_EQ(twice.exit_code, 0) << twice.err;
    EXPECT_EQ(twice.err, "sovscan: warning: " + dir_.string() + "/./cmdb.csv: given twice (the same file as " +
                             path("cmdb.csv") + "); read once\n");
    EXPECT_EQ(json::parse(twice.out)["assets"], json::parse(once.out)["assets"]);
}

TEST_F(AssetsCli, ScanPutsTheAssetsIntoItsReportOnlyWhenAsked) {
    CliResult with = run_sovscan("scan " + path("sample.pcapng") + " --home-net 10.20.0.0/16 --inventory " +
                                 path("cmdb.csv") + " --no-progress --format json --fail-on never");
    ASSERT_EQ(with.exit_code, 0) << with.err;
    json j = json::parse(with.out);
    ASSERT_TRUE(j.contains("assets"));
    EXPECT_NE(asset(j, "inv:A-1"), nullptr);
    CliResult without = run_sovscan("scan " + path("sample.pcapng") + " --home-net 10.20.0.0/16 --no-progress "
                                    "--format json --fail-on never");
    ASSERT_EQ(without.exit_code, 0) << without.err;
    EXPECT_FALSE(json::parse(without.out).contains("assets"));
}

// A Wi-Fi station tunnelled in CAPWAP (ndpi/capwap_data.pcapng): one asset keyed by its own MAC,
// from the 802.11 frame inside the tunnel, with its address and the vendor its OUI names; the
// Huawei router in front of the tunnel is an asset of its own, without the station's address.
TEST(AssetsCliTunnel, CapwapStationIsOneAssetWithItsOwnMacAndVendor) {
    CliResult r = run_sovscan("assets " + corpus_file("ndpi/capwap_data.pcapng") + " --no-progress --format json --fail-on never");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    const json* station = nullptr;
    for (const json& a : j.at("assets"))
        if (a.at("id") == "mac:54:f2:01:e1:b2:99") station = &a;
    ASSERT_NE(station, nullptr) << r.out;
    EXPECT_EQ(station->at("ips"), json::array({"10.1.3.68"}));
    EXPECT_EQ(station->at("macs"), json::array({"54:f2:01:e1:b2:99"}));
    ASSERT_EQ(station->at("vendors").size(), 1u);
    const json& v = station->at("vendors")[0];
    EXPECT_EQ(v.at("id"), "samsung");
    EXPECT_EQ(v.at("basis"), "mac_oui");
    EXPECT_EQ(v.at("controlled_by"), "KR");
    for (const json& a : j.at("assets")) {
        if (a.at("id") != "mac:a4:c6:4f:3b:b3:ab") continue;
        EXPECT_EQ(a.at("ips"), json::array()) << a.dump();
    }
}

TEST_F(AssetsCli, BadInputsAreClearErrors) {
    CliResult none = run_sovscan("assets");
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_NE(none.err.find("nothing to read"), std::string::npos) << none.err;

    CliResult missing = run_sovscan("assets --inventory " + path("no-such.csv"));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find(path("no-such.csv")), std::string::npos) << missing.err;

    CliResult not_sbom = run_sovscan("assets --sbom " + path("cmdb.csv"));
    EXPECT_EQ(not_sbom.exit_code, 2);
    EXPECT_NE(not_sbom.err.find("not a CycloneDX or SPDX JSON document"), std::string::npos) << not_sbom.err;

    write("bad.csv", "id,ip,c\r\nB-1,10.0.0.300,2\r\nB-2,10.0.0.2,9\r\nB-3,10.0.0.3,1\r\n");
    CliResult bad = run_sovscan("assets --inventory " + path("bad.csv") + " --format json --fail-on never");
    EXPECT_EQ(bad.exit_code, 0) << bad.err;  // bad rows are skipped and reported, the rest is read
    EXPECT_NE(bad.err.find("bad.csv:2: column ip: '10.0.0.300' is not an IP address"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("bad.csv:3: column c: '9' is outside 1-4"), std::string::npos) << bad.err;
    EXPECT_EQ(json::parse(bad.out)["assets"].size(), 1u);
}

}  // namespace
}  // namespace sovscan::test
