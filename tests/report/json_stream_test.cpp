// JsonStreamWriter writes a report piece by piece (issue 19: the whole document as one DOM took
// 20 GB for a 10^6-row CMDB). Its bytes must be exactly those of nlohmann's dump(2) of the whole
// document, which is what the reports wrote before: the same schema, the same layout.
#include "report/json_stream.h"

#include <gtest/gtest.h>

#include "report/asset_json.h"

#include <sstream>

namespace sovscan {
namespace {

using nlohmann::ordered_json;

// The document as the reports wrote it before streaming: one DOM, dumped whole.
std::string dumped_whole(const ordered_json& document) {
    return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

ordered_json record(size_t i) {
    return {{"id", "inv:A-" + std::to_string(i)},
            {"ips", {"10.0.0." + std::to_string(i)}},
            {"empty", ordered_json::array()},
            {"nothing", ordered_json::object()},
            {"cia", {{"c", i % 4 + 1}, {"i", nullptr}}},
            {"ratio", 0.1 * static_cast<double>(i)}};
}

TEST(JsonStreamWriter, WritesTheBytesOfTheWholeDocumentsDump) {
    constexpr size_t kRecords = 25;
    ordered_json whole;
    whole["schema"] = "sovscan-scan-report";
    whole["partial_reasons"] = ordered_json::array();
    whole["inventory"] = {{"records", kRecords}, {"files", {"cmdb.csv"}}};
    whole["assets"] = ordered_json::array();
    for (size_t i = 0; i < kRecords; ++i) whole["assets"].push_back(record(i));
    whole["problems"] = ordered_json::array();

    std::ostringstream out;
    JsonStreamWriter w(out);
    w.begin_object();
    w.member("schema", "sovscan-scan-report");
    w.begin_array("partial_reasons");
    w.end();
    w.member("inventory", {{"records", kRecords}, {"files", {"cmdb.csv"}}});
    w.begin_array("assets");
    for (size_t i = 0; i < kRecords; ++i) w.element(record(i));
    w.end();
    w.begin_array("problems");
    w.end();
    EXPECT_EQ(w.depth(), 1u);
    w.end();
    EXPECT_EQ(w.depth(), 0u);

    EXPECT_EQ(out.str(), dumped_whole(whole));
    // Valid JSON with every record in it.
    const ordered_json back = ordered_json::parse(out.str());
    ASSERT_EQ(back["assets"].size(), kRecords);
    EXPECT_EQ(back["assets"][kRecords - 1]["id"], "inv:A-24");
}

TEST(JsonStreamWriter, NestedObjectsAndArraysAreIndentedAsInTheWholeDump) {
    ordered_json whole;
    whole["outer"] = {{"list", {1, 2}}, {"deeper", {{"x", ordered_json::array()}}}};
    whole["last"] = ordered_json::array({ordered_json::object(), {{"a", 1}}});

    std::ostringstream out;
    JsonStreamWriter w(out);
    w.begin_object();
    w.begin_object("outer");
    w.member("list", {1, 2});
    w.begin_object("deeper");
    w.begin_array("x");
    w.end();
    w.end();
    w.end();
    w.begin_array("last");
    w.begin_object();
    w.end();
    w.element({{"a", 1}});
    w.end();
    w.end();
    EXPECT_EQ(out.str(), dumped_whole(whole));
}

TEST(JsonStreamWriter, AnEmptyDocumentIsTwoBraces) {
    std::ostringstream out;
    JsonStreamWriter w(out);
    w.begin_object();
    w.end();
    EXPECT_EQ(out.str(), "{}\n");
}

// Invalid UTF-8 from an input is replaced, not an exception halfway through the file; control
// characters and quotes are escaped, keys included.
TEST(JsonStreamWriter, EscapesAndReplacesAsTheReportsDid) {
    const std::string hostile = std::string("ca\"m\n\x1b[31m\xff\xfe") + "\xc0\x80 end";
    ordered_json whole;
    whole["k\"ey"] = hostile;
    whole["list"] = {hostile};

    std::ostringstream out;
    JsonStreamWriter w(out);
    w.begin_object();
    w.member("k\"ey", hostile);
    w.begin_array("list");
    w.element(hostile);
    w.end();
    w.end();
    EXPECT_EQ(out.str(), dumped_whole(whole));
    EXPECT_NE(out.str().find("\\u001b[31m\xef\xbf\xbd"), std::string::npos) << out.str();
}

// An asset written into the stream (its lists element by element: one SBOM can be one asset with
// 10^5 components) is the object asset_json() builds, byte for byte.
TEST(JsonStreamWriter, AStreamedAssetIsItsDomObject) {
    MergedAsset a;
    a.id = "inv:A-1";
    a.name = "cam\x1b[31m";
    a.ips = {*IpAddress::parse("10.0.0.7")};
    a.cia = {2, 0, 4};
    AssetSource sbom{AssetSourceKind::sbom, "hmi.cdx.json", "components[0]", "CycloneDX 1.6"};
    for (int i = 0; i < 3; ++i)
        a.software.push_back(SoftwareComponent{"fastjson-" + std::to_string(i), "1.2.83", "Alibaba", "", "", "",
                                               "pkg:maven/com.alibaba/fastjson@1.2.83", "", "library", sbom});
    a.attributes.push_back(AssetAttribute{"manufacturer", "Hikvision\xff", "high", sbom, 1});
    VendorAttribution v;
    v.vendor_id = "alibaba";
    v.vendor_name = "Alibaba Group";
    v.basis = "sbom_supplier";
    v.source = sbom;
    a.vendors = {v, v};
    MergedAsset empty;
    empty.id = "ip:10.0.0.8";

    ordered_json whole = {{"assets", {asset_json(a), asset_json(empty)}}};
    std::ostringstream out;
    JsonStreamWriter w(out);
    w.begin_object();
    w.begin_array("assets");
    write_asset_json(w, a);
    write_asset_json(w, empty);
    w.end();
    w.end();
    EXPECT_EQ(out.str(), dumped_whole(whole));
}

}  // namespace
}  // namespace sovscan
