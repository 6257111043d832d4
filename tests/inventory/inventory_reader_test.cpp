// The single entry point: format detection by content (then extension), forced formats, and files
// that cannot be read.
#include "inventory/inventory_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "common/csv_reader.h"
#include "inventory_test_util.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

using test::has_problem;
using test::problem_lines;

std::optional<InventoryFormat> detect_corpus(const std::string& relative) {
    std::string path = test::corpus_file(relative), text, error;
    EXPECT_TRUE(read_text_file(path, text, error)) << error;
    return detect_inventory_format(text, path);
}

TEST(InventoryReader, DetectsEveryCorpusFormatByContent) {
    EXPECT_EQ(detect_corpus("nmap/python-libnmap__os_scan6.xml"), InventoryFormat::nmap_xml);
    EXPECT_EQ(detect_corpus("sbom/bom-examples__dropwizard-1.3.15__bom.json"), InventoryFormat::cyclonedx);
    EXPECT_EQ(detect_corpus("sbom/underpin-dpp__refinery-uc-cyclonedx-1.6.json"), InventoryFormat::cyclonedx);
    EXPECT_EQ(detect_corpus("sbom/underpin-dpp__vocabulary-hub-spdx-2.3.json"), InventoryFormat::spdx);
}

TEST(InventoryReader, DetectsWrittenFilesAndFallsBackOnExtension) {
    EXPECT_EQ(detect_inventory_format("id,ip\nA,10.0.0.1\n", "x.txt"), InventoryFormat::cmdb_csv);
    EXPECT_EQ(detect_inventory_format("\xEF\xBB\xBF  [{\"id\": \"A\"}]", "x"), InventoryFormat::cmdb_json);
    EXPECT_EQ(detect_inventory_format(R"({"assets": []})", "x.csv"), InventoryFormat::cmdb_json);  // content first
    EXPECT_EQ(detect_inventory_format(R"({"spdxVersion": "SPDX-2.3"})", "x"), InventoryFormat::spdx);
    EXPECT_EQ(detect_inventory_format("<svg/>", "x.xml"), std::nullopt);
    EXPECT_EQ(detect_inventory_format("", "scan.XML"), InventoryFormat::nmap_xml);
    EXPECT_EQ(detect_inventory_format(" \n", "assets.json"), InventoryFormat::cmdb_json);
    EXPECT_EQ(detect_inventory_format("", "assets.csv"), InventoryFormat::cmdb_csv);
}

TEST(InventoryReader, FormatNames) {
    for (auto f : {InventoryFormat::auto_detect, InventoryFormat::cmdb_csv, InventoryFormat::cmdb_json,
                   InventoryFormat::nmap_xml, InventoryFormat::cyclonedx, InventoryFormat::spdx})
        EXPECT_EQ(inventory_format_from_name(inventory_format_name(f)), f);
    EXPECT_EQ(inventory_format_from_name("xlsx"), std::nullopt);
}

TEST(InventoryReader, ReadsEachKindOfFile) {
    test::InventoryTempDir dir;
    InventoryReadResult csv = read_inventory_file(dir.write("assets.csv", "id,ip\nA,10.0.0.1\n"));
    EXPECT_TRUE(csv.problems.empty()) << problem_lines(csv);
    ASSERT_EQ(csv.records.size(), 1u);
    EXPECT_EQ(csv.records[0].source.kind, AssetSourceKind::cmdb);

    InventoryReadResult json =
        read_inventory_file(dir.write("assets.json", R"([{"id": "A", "mac": "00:1b:1b:00:00:01"}])"));
    ASSERT_EQ(json.records.size(), 1u) << problem_lines(json);
    EXPECT_EQ(json.records[0].source.kind, AssetSourceKind::cmdb);

    InventoryReadResult nmap = read_inventory_file(test::corpus_file("nmap/python-libnmap__fullscan.xml"));
    EXPECT_EQ(nmap.records.size(), 2u) << problem_lines(nmap);
    EXPECT_EQ(nmap.records[0].source.kind, AssetSourceKind::nmap);

    InventoryReadResult spdx =
        read_inventory_file(test::corpus_file("sbom/underpin-dpp__vocabulary-hub-spdx-2.3.json"));
    ASSERT_EQ(spdx.records.size(), 1u) << problem_lines(spdx);
    EXPECT_EQ(spdx.records[0].source.kind, AssetSourceKind::sbom);
    EXPECT_EQ(spdx.records[0].source.detail, "SPDX-2.3");

    InventoryReadResult cdx = read_inventory_file(test::corpus_file("sbom/bom-examples__laravel-7.12.0__bom.1.4.json"));
    ASSERT_EQ(cdx.records.size(), 1u) << problem_lines(cdx);
    EXPECT_EQ(cdx.records[0].source.detail, "CycloneDX 1.4");
    EXPECT_EQ(cdx.records[0].software.size(), 62u);
}

TEST(InventoryReader, ForcedFormatAndUnreadableFiles) {
    test::InventoryTempDir dir;
    // A CSV forced to be read as CycloneDX: not JSON, said so.
    std::string csv = dir.write("assets.csv", "id,ip\nA,10.0.0.1\n");
    InventoryReadResult forced = read_inventory_file(csv, InventoryFormat::cyclonedx);
    ASSERT_EQ(forced.problems.size(), 1u) << problem_lines(forced);
    EXPECT_EQ(forced.problems[0].message.rfind("not JSON: ", 0), 0u);

    InventoryReadResult missing = read_inventory_file(dir.path() + "/nope.csv");
    ASSERT_EQ(missing.problems.size(), 1u);
    EXPECT_EQ(missing.problems[0].where, dir.path() + "/nope.csv");
    EXPECT_EQ(missing.problems[0].message.rfind("cannot open", 0), 0u) << missing.problems[0].message;

    InventoryReadResult directory = read_inventory_file(dir.path());
    EXPECT_TRUE(has_problem(directory, dir.path() + ": is a directory, not an inventory file"))
        << problem_lines(directory);

    InventoryReadResult svg = read_inventory_file(dir.write("x.xml", "<svg/>"));
    EXPECT_TRUE(has_problem(svg, dir.path() + "/x.xml: XML, but not nmap -oX output (no <nmaprun>); not read"))
        << problem_lines(svg);

    InventoryReadResult broken = read_inventory_file(dir.write("b.json", "{\"bomFormat\": \"CycloneDX\""));
    ASSERT_EQ(broken.problems.size(), 1u);
    EXPECT_EQ(broken.problems[0].message.rfind("not JSON: ", 0), 0u);
}

}  // namespace
}  // namespace sovscan
