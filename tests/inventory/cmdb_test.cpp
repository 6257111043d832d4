// CMDB exports (CSV and JSON): the documented columns and aliases, and a clear problem naming the
// row and column for every bad value while the other rows are still read.
#include <gtest/gtest.h>

#include <string>

#include "inventory/cmdb_columns.h"
#include "inventory/cmdb_csv.h"
#include "inventory/cmdb_json.h"
#include "inventory_test_util.h"

namespace sovscan {
namespace {

using test::attribute_values;
using test::has_problem;
using test::problem_lines;

TEST(CmdbColumns, DocumentedNamesAndAliasesIgnoringCaseAndSeparators) {
    EXPECT_EQ(cmdb_column_for("ip"), CmdbColumn::ip);
    EXPECT_EQ(cmdb_column_for(" IP Address "), CmdbColumn::ip);
    EXPECT_EQ(cmdb_column_for("ip_address"), CmdbColumn::ip);
    EXPECT_EQ(cmdb_column_for("Hostname"), CmdbColumn::name);
    EXPECT_EQ(cmdb_column_for("VENDOR"), CmdbColumn::manufacturer);
    EXPECT_EQ(cmdb_column_for("mac-address"), CmdbColumn::mac);
    EXPECT_EQ(cmdb_column_for("Confidentiality"), CmdbColumn::c);
    EXPECT_EQ(cmdb_column_for("A"), CmdbColumn::a);
    EXPECT_EQ(cmdb_column_for("Asset Tag"), CmdbColumn::id);
    EXPECT_FALSE(cmdb_column_for("Serial Number"));
    EXPECT_FALSE(cmdb_column_for(""));
    EXPECT_FALSE(cmdb_column_for(std::string(1000, 'i')));
}

TEST(CmdbColumns, SecondSingleValuedColumnBecomesAnAttribute) {
    std::vector<size_t> duplicates;
    auto columns = resolve_cmdb_columns({"id", "ipv4", "ipv6", "Asset ID", "C", "c", "name", "hostname"}, duplicates);
    EXPECT_EQ(duplicates, (std::vector<size_t>{3, 5}));
    EXPECT_EQ(columns[1], CmdbColumn::ip);
    EXPECT_EQ(columns[2], CmdbColumn::ip);  // an IPv4 and an IPv6 column both count
    EXPECT_FALSE(columns[3]);
    EXPECT_EQ(columns[4], CmdbColumn::c);
    EXPECT_FALSE(columns[5]);
    EXPECT_EQ(columns[7], CmdbColumn::name);
}

TEST(CmdbCsv, ReadsDocumentedColumnsAliasesAndExtras) {
    const std::string csv =
        "Asset ID,Hostname,IP Address,MAC,Vendor,Model,Category,Site,Owner,C,I,A,Serial Number\r\n"
        "PLC-001,PLC-01.plant.local,10.20.1.10; 10.20.1.11,00-1B-1B-12-34-56,Siemens,S7-1500,PLC,Hall 2,OT "
        "team,4,4,3,SN123\r\n"
        "CAM-007,Gate camera,10.20.5.7,44:47:CC:AA:BB:CC,Hikvision,DS-2CD2143G2,IP camera,Gate,Security,2,3,2,\r\n";
    InventoryReadResult r = read_cmdb_csv(csv, "assets.csv");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    ASSERT_EQ(r.records.size(), 2u);

    const AssetRecord& plc = r.records[0];
    EXPECT_EQ(plc.source.kind, AssetSourceKind::cmdb);
    EXPECT_EQ(plc.source.file, "assets.csv");
    EXPECT_EQ(plc.source.location, "line 2");
    EXPECT_EQ(plc.inventory_id, "PLC-001");
    EXPECT_EQ(plc.hostnames, std::vector<std::string>{"plc-01.plant.local"});
    ASSERT_EQ(plc.ips.size(), 2u);
    EXPECT_EQ(plc.ips[0].to_string(), "10.20.1.10");
    EXPECT_EQ(plc.ips[1].to_string(), "10.20.1.11");
    ASSERT_EQ(plc.macs.size(), 1u);
    EXPECT_EQ(plc.macs[0].to_string(), "00:1b:1b:12:34:56");
    const AssetAttribute* maker = plc.attribute("manufacturer");
    ASSERT_NE(maker, nullptr);
    EXPECT_EQ(maker->value, "Siemens");
    EXPECT_EQ(maker->confidence, "high");
    EXPECT_EQ(maker->source.detail, "column Vendor");
    EXPECT_EQ(maker->source.location, "line 2");
    EXPECT_EQ(attribute_values(plc, "model"), std::vector<std::string>{"S7-1500"});
    EXPECT_EQ(attribute_values(plc, "category"), std::vector<std::string>{"PLC"});
    EXPECT_EQ(attribute_values(plc, "Serial Number"), std::vector<std::string>{"SN123"});
    EXPECT_EQ(plc.location, "Hall 2");
    EXPECT_EQ(plc.owner, "OT team");
    EXPECT_EQ(plc.cia.c, 4);
    EXPECT_EQ(plc.cia.i, 4);
    EXPECT_EQ(plc.cia.a, 3);

    const AssetRecord& cam = r.records[1];
    // A descriptive name is no host name: kept as an attribute, not as a merge key.
    EXPECT_TRUE(cam.hostnames.empty());
    EXPECT_EQ(attribute_values(cam, "name"), std::vector<std::string>{"Gate camera"});
    EXPECT_TRUE(attribute_values(cam, "Serial Number").empty());  // blank cells are "not given"
    EXPECT_EQ(cam.cia.c, 2);
}

TEST(CmdbCsv, BadValuesNameRowAndColumnAndSkipOnlyTheirRow) {
    const std::string csv =
        "id,name,ip,mac,c,i,a\n"
        "A1,ok-1,10.0.0.1,,1,2,3\n"
        "A2,bad-ip,10.0.0.300,,,,\n"
        "A3,bad-mac,,00:11:22:33:44,,,\n"
        "A4,bad-c,,,5,,\n"
        "A1,dup,10.0.0.9,,,,\n"
        "A5,bad-i,,,,high,\n"
        ",,,,,,\n"
        "A6,ok-2,fe80::1;10.0.0.2,aa-bb-cc-dd-ee-ff,,,\n"
        "A7,two-bad,224.0.0.1,ff:ff:ff:ff:ff:ff,,,\n"
        ",,,,4,,\n"
        "A8,short\n";
    InventoryReadResult r = read_cmdb_csv(csv, "bad.csv");
    const std::string lines = problem_lines(r);
    EXPECT_TRUE(
        has_problem(r, "bad.csv:3: column ip: '10.0.0.300' is not an IP address (several are separated by ';')"))
        << lines;
    EXPECT_TRUE(
        has_problem(r, "bad.csv:4: column mac: '00:11:22:33:44' is not a MAC address (expected aa:bb:cc:dd:ee:ff)"))
        << lines;
    EXPECT_TRUE(has_problem(r, "bad.csv:5: column c: '5' is outside 1-4")) << lines;
    EXPECT_TRUE(has_problem(r, "bad.csv:6: column id: duplicate id 'A1' (first used at line 2); row skipped")) << lines;
    EXPECT_TRUE(has_problem(r, "bad.csv:7: column i: 'high' is not a rating 1-4")) << lines;
    // Every bad cell of a row is reported, not just the first.
    EXPECT_TRUE(has_problem(
        r, "bad.csv:10: column ip: '224.0.0.1' is no device's address (unspecified, multicast or broadcast)"))
        << lines;
    EXPECT_TRUE(has_problem(
        r, "bad.csv:10: column mac: 'ff:ff:ff:ff:ff:ff' is no device's address (all zero, multicast or broadcast)"))
        << lines;
    EXPECT_TRUE(has_problem(r, "bad.csv:11: no id, name, ip or mac: the row names no asset; skipped")) << lines;
    EXPECT_TRUE(has_problem(r, "bad.csv:12: 2 fields, the header has 7; row skipped")) << lines;
    EXPECT_EQ(r.problems.size(), 9u) << lines;  // the all-blank line 8 is no problem

    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(r.records[0].inventory_id, "A1");
    EXPECT_EQ(r.records[0].hostnames, std::vector<std::string>{"ok-1"});
    EXPECT_EQ(r.records[1].inventory_id, "A6");
    ASSERT_EQ(r.records[1].ips.size(), 2u);
    EXPECT_FALSE(r.records[1].ips[0].is_v4());
    EXPECT_EQ(r.records[1].macs[0].to_string(), "aa:bb:cc:dd:ee:ff");
}

TEST(CmdbCsv, BrokenQuotingKeepsTheRowsBeforeIt) {
    InventoryReadResult r = read_cmdb_csv("id,ip\nA,10.0.0.1\nB,\"10.0.0.2\n", "q.csv");
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].inventory_id, "A");
    EXPECT_TRUE(has_problem(r, "q.csv: line 3: unterminated quoted field; the rest of the file was not read"))
        << problem_lines(r);
}

TEST(CmdbCsv, NotACmdbExport) {
    InventoryReadResult empty = read_cmdb_csv("", "e.csv");
    EXPECT_TRUE(has_problem(empty, "e.csv: empty file (no header row)")) << problem_lines(empty);

    InventoryReadResult other = read_cmdb_csv("time,bytes\n1,2\n", "flows.csv");
    EXPECT_TRUE(other.records.empty());
    ASSERT_EQ(other.problems.size(), 1u) << problem_lines(other);
    EXPECT_EQ(other.problems[0].where, "flows.csv:1");
    EXPECT_NE(other.problems[0].message.find("not a CMDB export"), std::string::npos);
}

TEST(CmdbCsv, DuplicateHeaderMeaningIsReportedAndKeptAsAttribute) {
    InventoryReadResult r = read_cmdb_csv("id,Owner,owner\nA,alice,bob\n", "d.csv");
    EXPECT_TRUE(has_problem(
        r, "d.csv:1: column owner: a second column with this meaning; its values are kept as a plain attribute"))
        << problem_lines(r);
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].owner, "alice");
    EXPECT_EQ(attribute_values(r.records[0], "owner"), std::vector<std::string>{"bob"});
}

TEST(CmdbCsv, HostileValuesAreEscapedInMessagesAndKeptRawInRecords) {
    InventoryReadResult r = read_cmdb_csv("id,ip,\x1b[2Jnote\nA,\x1b[31m10.0.0.1,=cmd|' /C calc'!A0\n", "h.csv");
    ASSERT_EQ(r.problems.size(), 1u) << problem_lines(r);
    std::string line = problem_line(r.problems[0]);
    EXPECT_EQ(line, "h.csv:2: column ip: '\\x1b[31m10.0.0.1' is not an IP address (several are separated by ';')");
    for (char c : line) EXPECT_GE(static_cast<unsigned char>(c), 0x20);
    EXPECT_TRUE(r.records.empty());

    InventoryReadResult kept = read_cmdb_csv("id,\x1b[2Jnote\nA,=cmd|' /C calc'!A0\n", "h.csv");
    ASSERT_EQ(kept.records.size(), 1u);
    // Records hold what the file says; every output escapes it (common/escape.h).
    EXPECT_EQ(attribute_values(kept.records[0], "\x1b[2Jnote"), std::vector<std::string>{"=cmd|' /C calc'!A0"});
    EXPECT_EQ(kept.records[0].attributes[0].source.detail, "column \\x1b[2Jnote");
}

TEST(CmdbJson, ReadsObjectsWithListsNumbersAndExtras) {
    const std::string json = R"({"assets": [
        {"id": "PLC-001", "hostname": "PLC-01", "ip": ["10.20.1.10", "10.20.1.11"], "vendor": "Siemens",
         "C": 4, "i": "4", "A": 3, "location": "Hall 2", "tags": ["ot", "critical"], "retired": false},
        {"Asset ID": 17, "MAC Address": "00:1b:1b:00:00:01;00:1b:1b:00:00:02", "owner": null}
    ]})";
    InventoryReadResult r = read_cmdb_json(json, "assets.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    ASSERT_EQ(r.records.size(), 2u);
    const AssetRecord& plc = r.records[0];
    EXPECT_EQ(plc.inventory_id, "PLC-001");
    EXPECT_EQ(plc.source.location, "[0]");
    EXPECT_EQ(plc.hostnames, std::vector<std::string>{"plc-01"});
    EXPECT_EQ(plc.ips.size(), 2u);
    EXPECT_EQ(attribute_values(plc, "manufacturer"), std::vector<std::string>{"Siemens"});
    EXPECT_EQ(plc.attribute("manufacturer")->source.detail, "column vendor");
    EXPECT_EQ(plc.cia.c, 4);
    EXPECT_EQ(plc.cia.i, 4);
    EXPECT_EQ(plc.cia.a, 3);
    EXPECT_EQ(plc.location, "Hall 2");
    EXPECT_EQ(attribute_values(plc, "tags"), std::vector<std::string>{"[\"ot\",\"critical\"]"});
    EXPECT_EQ(attribute_values(plc, "retired"), std::vector<std::string>{"false"});
    EXPECT_EQ(r.records[1].inventory_id, "17");
    EXPECT_EQ(r.records[1].macs.size(), 2u);
    EXPECT_EQ(r.records[1].owner, "");
}

TEST(CmdbJson, BadValuesNameIndexAndKeyAndSkipOnlyTheirEntry) {
    const std::string json = R"([
        {"id": "PLC-001", "ip": "10.20.1.10"},
        {"id": "X", "ip": "10.0.0.300"},
        "not an object",
        {"id": "Y", "mac": {"a": 1}},
        {"id": "PLC-001", "name": "dup"},
        {"id": "Z", "c": 0},
        {"id": "W", "ip": ["10.0.0.1", 7]},
        {"id": "V", "i": 2.5},
        {}
    ])";
    InventoryReadResult r = read_cmdb_json(json, "a.json");
    const std::string lines = problem_lines(r);
    EXPECT_TRUE(has_problem(r, "a.json: [1].ip: '10.0.0.300' is not an IP address (several are separated by ';')"))
        << lines;
    EXPECT_TRUE(has_problem(r, "a.json: [2]: expected an object, found a string; skipped")) << lines;
    EXPECT_TRUE(has_problem(r, "a.json: [3].mac: expected a string or an array of strings, found an object")) << lines;
    EXPECT_TRUE(has_problem(r, "a.json: [4].id: duplicate id 'PLC-001' (first used at [0]); row skipped")) << lines;
    EXPECT_TRUE(has_problem(r, "a.json: [5].c: '0' is outside 1-4")) << lines;
    EXPECT_TRUE(has_problem(r, "a.json: [6].ip: expected strings in the list, found a number")) << lines;
    EXPECT_TRUE(has_problem(r, "a.json: [7].i: expected a string or an integer, found a number")) << lines;
    EXPECT_EQ(r.problems.size(), 7u) << lines;  // {} is blank, like an empty CSV line
    ASSERT_EQ(r.records.size(), 1u);
    EXPECT_EQ(r.records[0].inventory_id, "PLC-001");
}

TEST(CmdbJson, WrongShapesAndBrokenJson) {
    EXPECT_TRUE(has_problem(read_cmdb_json(R"({"items": []})", "s.json"),
                            "s.json: expected an array of assets or an object with an \"assets\" array"));
    EXPECT_TRUE(has_problem(read_cmdb_json(R"({"assets": {}})", "s.json"),
                            "s.json: \"assets\": expected an array, found an object"));
    EXPECT_TRUE(has_problem(read_cmdb_json("42", "s.json"), "s.json: expected an array of assets, found a number"));
    InventoryReadResult broken = read_cmdb_json("[{\"id\": \"A\",", "b.json");
    ASSERT_EQ(broken.problems.size(), 1u);
    EXPECT_EQ(broken.problems[0].where, "b.json");
    EXPECT_EQ(broken.problems[0].message.rfind("not JSON: parse error at line 1, column 13", 0), 0u)
        << broken.problems[0].message;
}

}  // namespace
}  // namespace sovscan
