// AssetMerger on records as the readers and the traffic observer produce them: which records are
// one asset (inventory id, MAC, IP, host name, in that order of strength), which stay apart, and what
// the merged asset keeps.
#include <gtest/gtest.h>

#include "assess/asset_merger.h"
#include "inventory/inventory_reader.h"

namespace sovscan {
namespace {

MacAddress mac(const char* s) { return *MacAddress::parse(s); }
IpAddress ip(const char* s) { return *IpAddress::parse(s); }

AssetRecord record(AssetSourceKind kind, std::string id, std::vector<IpAddress> ips, std::vector<MacAddress> macs,
                   std::vector<std::string> hosts = {}) {
    AssetRecord r;
    r.source = AssetSource{kind, kind == AssetSourceKind::traffic ? "" : "in.file", "row", ""};
    r.inventory_id = std::move(id);
    r.ips = std::move(ips);
    r.macs = std::move(macs);
    r.hostnames = std::move(hosts);
    return r;
}

TEST(AssetMerger, CmdbRowAndTrafficShareAnAddress) {
    AssetRecord cmdb = record(AssetSourceKind::cmdb, "A-1", {ip("10.0.0.5")}, {});
    cmdb.add_attribute("name", "cam-lobby", "high", cmdb.source);
    AssetRecord seen = record(AssetSourceKind::traffic, "", {ip("10.0.0.5")}, {mac("44:47:cc:00:00:01")});
    AssetRecord dhcp = record(AssetSourceKind::traffic, "", {}, {mac("44:47:cc:00:00:01")}, {"cam-lobby"});
    auto assets = AssetMerger().merge({cmdb, seen, dhcp});
    ASSERT_EQ(assets.size(), 1u);
    const MergedAsset& a = assets[0];
    EXPECT_EQ(a.id, "inv:A-1");
    EXPECT_EQ(a.name, "cam-lobby");
    EXPECT_EQ(a.macs, std::vector<MacAddress>{mac("44:47:cc:00:00:01")});
    EXPECT_EQ(a.ips, std::vector<IpAddress>{ip("10.0.0.5")});
    EXPECT_EQ(a.sources, (std::vector<AssetSourceKind>{AssetSourceKind::cmdb, AssetSourceKind::traffic}));
    EXPECT_FALSE(a.randomised_mac);
}

TEST(AssetMerger, DifferentInventoryIdsStayApartOnOneAddress) {
    // Two systems the CMDB lists behind one NAT address, and traffic from that address.
    auto assets = AssetMerger().merge({record(AssetSourceKind::cmdb, "A-1", {ip("10.0.0.9")}, {}),
                                       record(AssetSourceKind::cmdb, "A-2", {ip("10.0.0.9")}, {}),
                                       record(AssetSourceKind::traffic, "", {ip("10.0.0.9")}, {})});
    ASSERT_EQ(assets.size(), 2u);
    EXPECT_EQ(assets[0].id, "inv:A-1");
    EXPECT_EQ(assets[0].sources.size(), 2u);  // the traffic joined the first one that had the address
    EXPECT_EQ(assets[1].id, "inv:A-2");
}

TEST(AssetMerger, AnAddressDoesNotJoinDifferentMacs) {
    // DHCP gave 10.0.0.7 to two devices over the capture: two assets; an IP-only record joins the first.
    auto assets = AssetMerger().merge({record(AssetSourceKind::traffic, "", {ip("10.0.0.7")}, {mac("00:11:22:00:00:01")}),
                                       record(AssetSourceKind::traffic, "", {ip("10.0.0.7")}, {mac("00:11:22:00:00:02")}),
                                       record(AssetSourceKind::nmap, "", {ip("10.0.0.7")}, {})});
    ASSERT_EQ(assets.size(), 2u);
    EXPECT_EQ(assets[0].id, "mac:00:11:22:00:00:01");
    EXPECT_EQ(assets[0].sources, (std::vector<AssetSourceKind>{AssetSourceKind::traffic, AssetSourceKind::nmap}));
    EXPECT_EQ(assets[1].id, "mac:00:11:22:00:00:02");
}

TEST(AssetMerger, MacJoinsAcrossAddressesAndSources) {
    auto assets = AssetMerger().merge({record(AssetSourceKind::nmap, "", {ip("10.0.0.7")}, {mac("00:11:22:00:00:01")}),
                                       record(AssetSourceKind::traffic, "", {ip("10.0.0.8")}, {mac("00:11:22:00:00:01")})});
    ASSERT_EQ(assets.size(), 1u);
    EXPECT_EQ(assets[0].ips, (std::vector<IpAddress>{ip("10.0.0.7"), ip("10.0.0.8")}));
}

TEST(AssetMerger, HostNamesJoinOnTheirFirstLabelExceptGenericOnes) {
    auto assets = AssetMerger().merge({record(AssetSourceKind::cmdb, "A-1", {}, {}, {"plc-7.ot.example.cz"}),
                                       record(AssetSourceKind::traffic, "", {ip("10.1.1.7")}, {}, {"PLC-7"}),
                                       record(AssetSourceKind::traffic, "", {ip("10.1.1.8")}, {}, {"android"}),
                                       record(AssetSourceKind::traffic, "", {ip("10.1.1.9")}, {}, {"android"})});
    ASSERT_EQ(assets.size(), 3u);
    EXPECT_EQ(assets[0].ips, std::vector<IpAddress>{ip("10.1.1.7")});
    EXPECT_EQ(AssetMerger::hostname_key("PLC-7.ot.example.cz"), "plc-7");
    EXPECT_EQ(AssetMerger::hostname_key("localhost"), "");
    EXPECT_EQ(AssetMerger::hostname_key("x"), "");
}

TEST(AssetMerger, TheCmdbsValuesWinAndAttributesAreAllKept) {
    AssetRecord nmap = record(AssetSourceKind::nmap, "", {ip("10.0.0.5")}, {});
    nmap.add_attribute("manufacturer", "Hikvision", "medium", nmap.source);
    nmap.owner = "scanner";
    AssetRecord cmdb = record(AssetSourceKind::cmdb, "A-1", {ip("10.0.0.5")}, {});
    cmdb.add_attribute("manufacturer", "Axis", "high", cmdb.source);
    cmdb.cia = CiaValues{2, 3, 4};
    cmdb.owner = "Facility team";
    cmdb.location = "Lobby";
    auto assets = AssetMerger().merge({nmap, cmdb});
    ASSERT_EQ(assets.size(), 1u);
    const MergedAsset& a = assets[0];
    EXPECT_EQ(a.owner, "Facility team");
    EXPECT_EQ(a.location, "Lobby");
    EXPECT_EQ(a.cia.c, 2);
    EXPECT_EQ(a.cia.a, 4);
    ASSERT_EQ(a.attributes.size(), 2u);  // conflicting manufacturers side by side
    EXPECT_EQ(a.attributes[0].value, "Hikvision");
    EXPECT_EQ(a.attributes[1].value, "Axis");
    EXPECT_EQ(a.id, "inv:A-1");  // an inventory id names the asset whatever came first
}

TEST(AssetMerger, RandomisedMacsAreMarkedAndRecordsWithoutKeysStandAlone) {
    AssetRecord phone = record(AssetSourceKind::traffic, "", {ip("10.0.0.20")}, {mac("da:a1:19:00:00:01")});
    AssetRecord sbom;
    sbom.source = AssetSource{AssetSourceKind::sbom, "hmi.cdx.json", "metadata.component", "CycloneDX 1.6"};
    AssetRecord sbom2 = sbom;
    sbom2.source.file = "other.cdx.json";
    auto assets = AssetMerger().merge({phone, sbom, sbom2});
    ASSERT_EQ(assets.size(), 3u);
    EXPECT_TRUE(assets[0].randomised_mac);
    EXPECT_EQ(assets[1].id, "sbom:hmi.cdx.json#metadata.component");
    EXPECT_EQ(assets[2].id, "sbom:other.cdx.json#metadata.component");
}

TEST(AssetMerger, NothingInNothingOut) { EXPECT_TRUE(AssetMerger().merge({}).empty()); }

}  // namespace
}  // namespace sovscan

namespace sovscan {
namespace {

// Issue 15 defect 1: a CMDB export that writes 0.0.0.0 for "takes its address by DHCP", and two
// devices seen asking for a lease from 0.0.0.0: three assets, none of them known by 0.0.0.0.
TEST(AssetMerger, UnspecifiedAndBroadcastAddressesJoinNothing) {
    auto assets = AssetMerger().merge({record(AssetSourceKind::cmdb, "A-1", {ip("0.0.0.0")}, {}),
                                       record(AssetSourceKind::traffic, "", {ip("0.0.0.0"), ip("10.0.0.7")},
                                              {mac("5c:cf:7f:06:d9:02")}),
                                       record(AssetSourceKind::traffic, "", {ip("0.0.0.0"), ip("255.255.255.255")},
                                              {mac("5c:cf:7f:07:ae:fb")})});
    ASSERT_EQ(assets.size(), 3u);
    EXPECT_EQ(assets[0].id, "inv:A-1");
    EXPECT_TRUE(assets[0].ips.empty());
    EXPECT_EQ(assets[1].ips, std::vector<IpAddress>{ip("10.0.0.7")});
    EXPECT_TRUE(assets[2].ips.empty());
    EXPECT_EQ(assets[2].id, "mac:5c:cf:7f:07:ae:fb");
}

// fuzz_asset_merge's crasher `host\n[` (issue 19): a record with a column "host" but no key to join
// on (a one-character name) is named by its file and line; the same record read twice gave two
// assets that one id. Every asset id is unique.
TEST(AssetMergerIds, RecordsThatDoNotJoinGetDistinctIdsWhateverTheyShare) {
    const InventoryReadResult read = read_inventory_text("host\n[", "fuzz.input");
    ASSERT_EQ(read.records.size(), 1u);
    std::vector<AssetRecord> twice = read.records;
    twice.insert(twice.end(), read.records.begin(), read.records.end());
    twice.insert(twice.end(), read.records.begin(), read.records.end());
    const std::vector<MergedAsset> assets = AssetMerger().merge(twice);
    ASSERT_EQ(assets.size(), 3u);
    EXPECT_EQ(assets[0].id, "cmdb:fuzz.input#line 2");
    EXPECT_EQ(assets[1].id, "cmdb:fuzz.input#line 2#2");
    EXPECT_EQ(assets[2].id, "cmdb:fuzz.input#line 2#3");
}

}  // namespace
}  // namespace sovscan
