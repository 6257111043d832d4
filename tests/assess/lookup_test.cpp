// `sovscan lookup`'s logic: reading every kind of query (and refusing bad ones), and the answers and
// verdicts for real catalog rows against the installed intel. Expected facts come from the intel
// itself or from catalog rows named in comments, so a data update moves them together.
#include <gtest/gtest.h>

#include <algorithm>

#include "assess/lookup.h"
#include "intel/intel_fixture.h"

namespace sovscan {
namespace {

LookupQuery parsed(const char* text) {
    ParsedQuery p = parse_lookup_query(text);
    EXPECT_TRUE(p.query) << text << ": " << p.error;
    return p.query.value_or(LookupQuery{});
}

std::string error_of(std::string_view text) {
    ParsedQuery p = parse_lookup_query(text);
    EXPECT_FALSE(p.query) << text << " was read as " << query_kind_label(p.query->kind);
    return p.error;
}

MacAddress mac(const char* s) { return MacAddress::parse(s).value(); }

TEST(LookupQuery, Addresses) {
    LookupQuery q = parsed("47.96.1.10");
    EXPECT_EQ(q.kind, QueryKind::ip);
    EXPECT_EQ(q.ip->to_string(), "47.96.1.10");
    EXPECT_EQ(parsed(" 2400:3200::1 ").ip->to_string(), "2400:3200::1");
    EXPECT_EQ(parsed("[2001:db8::1]").ip->to_string(), "2001:db8::1");
}

TEST(LookupQuery, Asns) {
    for (const char* text : {"AS4134", "as4134", "As4134", "4134"}) {
        LookupQuery q = parsed(text);
        EXPECT_EQ(q.kind, QueryKind::asn) << text;
        EXPECT_EQ(q.asn, 4134u) << text;
    }
    // A six-digit number is an ASN (Tencent's AS132203), not the OUI 13:22:03.
    EXPECT_EQ(parsed("132203").kind, QueryKind::asn);
    EXPECT_EQ(parsed("132203").asn, 132203u);
    EXPECT_EQ(parsed("AS4294967295").asn, 4294967295u);
    EXPECT_NE(error_of("AS4294967296").find("out of range"), std::string::npos);
    EXPECT_NE(error_of("AS0").find("reserved"), std::string::npos);
    error_of("AS");
    error_of("AS41x4");
}

TEST(LookupQuery, MacsAndOuis) {
    for (const char* text : {"44:47:CC:12:34:56", "44-47-cc-12-34-56", "4447.cc12.3456", "4447cc123456"}) {
        LookupQuery q = parsed(text);
        EXPECT_EQ(q.kind, QueryKind::mac) << text;
        EXPECT_FALSE(q.oui_only) << text;
        EXPECT_EQ(q.mac, mac("44:47:cc:12:34:56")) << text;
    }
    for (const char* text : {"44:47:cc", "44-47-CC", "4447cc"}) {
        LookupQuery q = parsed(text);
        EXPECT_EQ(q.kind, QueryKind::mac) << text;
        EXPECT_TRUE(q.oui_only) << text;
        EXPECT_EQ(q.mac, mac("44:47:cc:00:00:00")) << text;
    }
    // Six digits with a leading zero cannot be a number as written: an OUI.
    EXPECT_TRUE(parsed("001234").oui_only);
    EXPECT_EQ(parsed("001234").mac, mac("00:12:34:00:00:00"));
    error_of("44:47:cc:12");     // neither an OUI nor a whole address
    error_of("44:47:cc:12:34:5g");
}

TEST(LookupQuery, UrlsKeepOnlyTheHost) {
    LookupQuery q = parsed("https://user:secret@A.Hik-Connect.COM:8443/path?x=1#top");
    EXPECT_EQ(q.kind, QueryKind::url);
    EXPECT_EQ(q.name, "a.hik-connect.com");
    EXPECT_FALSE(q.ip);

    q = parsed("http://[2400:3200::1]:53/dns-query");
    EXPECT_EQ(q.kind, QueryKind::url);
    ASSERT_TRUE(q.ip);
    EXPECT_EQ(q.ip->to_string(), "2400:3200::1");
    EXPECT_EQ(parsed("http://47.96.1.10:8080").ip->to_string(), "47.96.1.10");
    EXPECT_EQ(parsed("mqtt+tls://broker.tuyaeu.com").name, "broker.tuyaeu.com");

    EXPECT_NE(error_of("http://").find("no host"), std::string::npos);
    EXPECT_NE(error_of("http://user@/x").find("no host"), std::string::npos);
    EXPECT_NE(error_of("http://a.example.com:99999/").find("port"), std::string::npos);
    EXPECT_NE(error_of("http://a.example.com:8o/").find("port"), std::string::npos);
    EXPECT_NE(error_of("http://2001:db8::1/").find("brackets"), std::string::npos);
    EXPECT_NE(error_of("http://[2001:db8::1/").find("]"), std::string::npos);
    EXPECT_NE(error_of("1http://a.example.com/").find("scheme"), std::string::npos);
    error_of("http://under_score.example.com/");
}

TEST(LookupQuery, DomainsAreNormalised) {
    LookupQuery q = parsed("Hik-Connect.COM.");
    EXPECT_EQ(q.kind, QueryKind::domain);
    EXPECT_EQ(q.name, "hik-connect.com");
    // Unicode names become the punycode DNS carries (IDNA 2008 / UTS #46 mapping).
    EXPECT_EQ(parsed("bücher.example").name, "xn--bcher-kva.example");
    EXPECT_EQ(parsed("BÜCHER.example.").name, "xn--bcher-kva.example");
    EXPECT_EQ(parsed("例子.测试").name, "xn--fsqu00a.xn--0zwm56d");
    // Full-width letters and the ideographic full stop map to their ASCII forms.
    EXPECT_EQ(parsed("ｈｉｋ－ｃｏｎｎｅｃｔ。ｃｏｍ").name, "hik-connect.com");
    // xn-- labels are taken as they are.
    EXPECT_EQ(parsed("xn--bcher-kva.example").name, "xn--bcher-kva.example");
}

TEST(LookupQuery, BadInputIsRefusedWithAReason) {
    EXPECT_EQ(error_of(""), "empty query");
    EXPECT_EQ(error_of("   "), "empty query");
    EXPECT_NE(error_of("\x1b[31mevil.com").find("control characters"), std::string::npos);
    EXPECT_NE(error_of("evil.\ncom").find("control"), std::string::npos) << "a newline inside is no blank";
    EXPECT_EQ(parsed("evil.com\r\n").name, "evil.com");  // a line's end is
    for (const char* text : {"localhost", "not a domain", "a..b.com", "-a.example.com", "1.2.3", "300.1.1.1",
                             "hik-connect.com/path", "xn--.com"})
        EXPECT_FALSE(error_of(text).empty()) << text;
    EXPECT_NE(error_of("\xff\xfe.com").find("IDNA"), std::string::npos);  // not UTF-8
}

TEST(LookupQuery, KindLabels) {
    EXPECT_EQ(query_kind_label(QueryKind::ip), "ip");
    EXPECT_EQ(query_kind_label(QueryKind::domain), "domain");
    EXPECT_EQ(query_kind_label(QueryKind::url), "url");
    EXPECT_EQ(query_kind_label(QueryKind::mac), "mac");
    EXPECT_EQ(query_kind_label(QueryKind::asn), "asn");
}

// ---- answers against the installed intel and the repository's catalog ----

class LookupAnswers : public ::testing::Test {
protected:
    bool has_fact(const LookupAnswer& a, std::string_view text) const {
        return std::any_of(a.evidence.begin(), a.evidence.end(),
                           [&](const Evidence& e) { return e.fact.find(text) != std::string::npos; });
    }
    Policy policy;  // CN, HK, MO
};

TEST_F(LookupAnswers, ChinaTelecomAsnIsHighRisk) {
    SOVSCAN_REQUIRE_INTEL(intel);
    const AsnOperator* op = intel->asn_operator(4134);  // data/asn_operators.csv: 4134,Chinanet,China Telecom,CN
    ASSERT_NE(op, nullptr);
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("AS4134");
    ASSERT_TRUE(a.ok()) << a.error;
    EXPECT_EQ(a.parsed.kind, QueryKind::asn);
    EXPECT_EQ(a.asn, 4134u);
    EXPECT_EQ(a.op, op);
    EXPECT_EQ(a.as_org, intel->asn_org(4134).value_or("?"));
    EXPECT_FALSE(a.as_org.empty());
    EXPECT_EQ(a.controlled_by, op->control_country);
    EXPECT_EQ(a.verdict, Verdict::high_risk);
    EXPECT_TRUE(a.judgement.operated);
    EXPECT_TRUE(has_fact(a, "AS4134 is operated by " + op->operator_name));
    EXPECT_TRUE(a.located_in.empty());  // an ASN is no place

    // The same network is clear when the policy names other jurisdictions.
    Policy ru;
    ru.high_risk_jurisdictions = {"RU"};
    Lookup by_ru(*intel, ru);
    EXPECT_EQ(by_ru.answer("AS4134").verdict, Verdict::clear);
}

TEST_F(LookupAnswers, UncataloguedAsnIsClear) {
    SOVSCAN_REQUIRE_INTEL(intel);
    ASSERT_EQ(intel->asn_operator(3257), nullptr);  // GTT's transit network is not catalogued
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("3257");
    EXPECT_EQ(a.verdict, Verdict::clear);
    EXPECT_EQ(a.as_org, intel->asn_org(3257).value_or("?"));
    EXPECT_TRUE(a.controlled_by.empty());
    // An ASN nobody announces says so (AS64511: RFC 5398 documentation range; the data has none).
    ASSERT_FALSE(intel->asn_org(64511));
    a = lookup.answer("AS64511");
    EXPECT_EQ(a.verdict, Verdict::clear);
    EXPECT_TRUE(a.as_org.empty());
    EXPECT_NE(a.reasons.front().find("announces nothing"), std::string::npos);
}

TEST_F(LookupAnswers, SubdomainOfACataloguedDomain) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("Cam-1.EU.Hik-Connect.com.");
    ASSERT_TRUE(a.ok()) << a.error;
    EXPECT_EQ(a.parsed.name, "cam-1.eu.hik-connect.com");
    ASSERT_NE(a.domain, nullptr);
    EXPECT_EQ(a.domain->domain, "hik-connect.com");  // data/vendor_domains.csv: hik-connect.com,hikvision,...,suffix
    ASSERT_NE(a.vendor, nullptr);
    EXPECT_EQ(a.vendor->id, "hikvision");
    EXPECT_EQ(a.controlled_by, a.vendor->control_country);
    EXPECT_EQ(a.verdict, Verdict::high_risk);
    EXPECT_TRUE(has_fact(a, "is under the catalogued domain hik-connect.com"));
    EXPECT_TRUE(has_fact(a, "belongs to vendor hikvision"));
    EXPECT_NE(std::find(a.categories.begin(), a.categories.end(), "ip_camera"), a.categories.end());

    // The catalogued domain itself "is" the entry rather than lying under it.
    EXPECT_TRUE(has_fact(lookup.answer("hik-connect.com"), "hik-connect.com is the catalogued domain"));
    // A Unicode spelling of the same name finds the same entry.
    EXPECT_EQ(lookup.answer("ｈｉｋ－ｃｏｎｎｅｃｔ．ｃｏｍ").domain, a.domain);
}

TEST_F(LookupAnswers, LookAlikeNamesAreClear) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Lookup lookup(*intel, policy);
    for (const char* name : {"evil-hik-connect.com", "hik-connect.com.evil.net", "hik-connect.co"}) {
        LookupAnswer a = lookup.answer(name);
        ASSERT_TRUE(a.ok()) << name;
        EXPECT_EQ(a.domain, nullptr) << name;
        EXPECT_EQ(a.vendor, nullptr) << name;
        EXPECT_EQ(a.verdict, Verdict::clear) << name;
        EXPECT_TRUE(a.evidence.empty()) << name;
    }
}

// What the catalog records beyond the verdict: official designations (the vendor's own, a parent's,
// the jurisdiction-wide NÚKIB warning), changes of ownership, the reviewed basis of the control, and
// for a domain imported from a per-company list the list, commit and licence. Expected values come
// from the catalog rows (data/designations.csv, ownership_changes.csv), found by the test.
TEST_F(LookupAnswers, DesignationsOwnershipAndProvenance) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Lookup lookup(*intel, policy);
    auto lists = [](const LookupAnswer& a) {
        std::vector<std::string> out;
        for (const VendorDesignation& d : a.designations) out.push_back(d.list->id);
        return out;
    };
    auto has = [](const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); };

    // Hikvision: on the FCC Covered List by name (data/designations.csv), and under the NÚKIB 2025
    // warning as a vendor controlled from CN.
    LookupAnswer hik = lookup.answer("hikvision.com");
    ASSERT_NE(hik.vendor, nullptr);
    EXPECT_EQ(hik.vendor->id, "hikvision");
    EXPECT_TRUE(has(lists(hik), "us-fcc-covered-list"));
    EXPECT_TRUE(has(lists(hik), "nukib-2025-prc"));
    EXPECT_TRUE(has_fact(hik, "FCC Covered List"));
    EXPECT_TRUE(has_fact(hik, "vendor hikvision is controlled from CN: "));
    // EZVIZ is Hikvision's: the parent's listing reaches it, said so.
    LookupAnswer ezviz = lookup.answer("ezvizlife.com");
    ASSERT_NE(ezviz.vendor, nullptr);
    EXPECT_EQ(ezviz.vendor->id, "ezviz");
    const auto via = std::find_if(ezviz.designations.begin(), ezviz.designations.end(), [](const VendorDesignation& d) {
        return d.list->id == "us-fcc-covered-list";
    });
    ASSERT_NE(via, ezviz.designations.end());
    ASSERT_NE(via->via, nullptr);
    EXPECT_EQ(via->via->id, "hikvision");
    // A counter-example has no designation, not even the jurisdiction-wide one.
    LookupAnswer sma = lookup.answer("sma.de");
    ASSERT_NE(sma.vendor, nullptr);
    EXPECT_TRUE(sma.designations.empty());
    EXPECT_EQ(sma.verdict, Verdict::clear);

    // Volvo Cars: its change of control to Geely is on record, dated.
    LookupAnswer volvo = lookup.answer("volvocars.com");
    ASSERT_NE(volvo.vendor, nullptr);
    EXPECT_EQ(volvo.vendor->id, "volvo-cars");
    EXPECT_EQ(volvo.verdict, Verdict::high_risk);
    ASSERT_FALSE(volvo.ownership_changes.empty());
    EXPECT_EQ(volvo.ownership_changes.front()->to_country, "CN");
    EXPECT_EQ(volvo.ownership_changes.front()->date.substr(0, 4), "2010");
    // AB Volvo (trucks) is another company, never Geely's.
    EXPECT_EQ(lookup.answer("volvogroup.com").verdict, Verdict::clear);

    // An imported domain says which list gave it, at which commit, under which licence.
    LookupAnswer qq = lookup.answer("qq.com");
    ASSERT_NE(qq.domain, nullptr);
    if (qq.domain->evidence != DomainEvidence::curated) {
        EXPECT_EQ(qq.domain->licence, "MIT");
        EXPECT_EQ(qq.domain->list_commit.size(), 40u);
        EXPECT_TRUE(has_fact(qq, "listed by v2fly/domain-list-community:data/"));
    }
    const auto imported = std::find_if(intel->catalog().domains().begin(), intel->catalog().domains().end(),
                                       [](const DomainEntry& d) { return d.evidence == DomainEvidence::company_list; });
    ASSERT_NE(imported, intel->catalog().domains().end());
    LookupAnswer any = lookup.answer(std::string(imported->domain));
    EXPECT_TRUE(has_fact(any, "listed by " + std::string(imported->list))) << imported->domain;
}

TEST_F(LookupAnswers, PartialVendorIsForReview) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("https://eu-wap.tplinkcloud.com/");  // tplinkcloud.com,tp-link-systems
    ASSERT_NE(a.vendor, nullptr);
    EXPECT_EQ(a.vendor->prc_linked, "partial");
    EXPECT_EQ(a.verdict, Verdict::review);
    EXPECT_EQ(a.parsed.kind, QueryKind::url);
    // The mainland company's domain is no partial vendor.
    LookupAnswer cn = lookup.answer("www.tp-link.com.cn");
    ASSERT_NE(cn.vendor, nullptr);
    EXPECT_EQ(cn.vendor->id, "tp-link");
    EXPECT_EQ(cn.verdict, Verdict::high_risk);
}

TEST_F(LookupAnswers, AddressGeolocatedInChina) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // 47.96.1.10 is in Alibaba Cloud's Hangzhou range; the installed DB-IP data says CN.
    auto ip = IpAddress::parse("47.96.1.10").value();
    ASSERT_EQ(intel->located_country(ip).value_or(""), "CN");
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("47.96.1.10");
    EXPECT_EQ(a.parsed.kind, QueryKind::ip);
    EXPECT_EQ(a.located_in, "CN");
    EXPECT_EQ(a.registry_country, intel->registry_country(ip).value_or(""));
    EXPECT_EQ(a.asn, intel->asn(ip)->asn);
    EXPECT_TRUE(a.judgement.located);
    EXPECT_EQ(a.verdict, Verdict::high_risk);
    EXPECT_EQ(a.reasons.front(), "located in CN (geolocation)");
    // The geolocation fact cites the data set and its version from the manifest.
    const IntelSource* geo = intel->source(intel_source::geo_country);
    ASSERT_NE(geo, nullptr);
    auto it = std::find_if(a.evidence.begin(), a.evidence.end(),
                           [](const Evidence& e) { return e.fact == "47.96.1.10 is located in CN"; });
    ASSERT_NE(it, a.evidence.end());
    EXPECT_EQ(it->source, geo->name);
    EXPECT_EQ(it->version, geo->version);
    EXPECT_FALSE(it->version.empty());
}

TEST_F(LookupAnswers, OperatorControlledAddressAbroad) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // Alibaba Cloud Frankfurt: located outside the set, announced by a catalogued PRC operator.
    auto ip = IpAddress::parse("8.209.76.12").value();
    auto asn = intel->asn(ip);
    ASSERT_TRUE(asn && asn->op);
    ASSERT_FALSE(policy.is_high_risk(intel->located_country(ip).value_or("")));
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("http://8.209.76.12:443/");
    EXPECT_EQ(a.parsed.kind, QueryKind::url);
    EXPECT_FALSE(a.judgement.located);
    EXPECT_TRUE(a.judgement.operated);
    EXPECT_EQ(a.controlled_by, asn->op->control_country);
    EXPECT_EQ(a.verdict, Verdict::high_risk);
}

TEST_F(LookupAnswers, RegistryCountryAloneIsForReview) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // Found in the installed data: a range the registry gives to a holder in CN, geolocated in US,
    // announced by a network operated from elsewhere (NTT America, a catalogued counter-example).
    auto ip = IpAddress::parse("112.73.67.0").value();
    ASSERT_TRUE(policy.is_high_risk(intel->registry_country(ip).value_or("")));
    ASSERT_FALSE(policy.is_high_risk(intel->located_country(ip).value_or("")));
    ASSERT_TRUE(intel->asn(ip));
    ASSERT_TRUE(!intel->asn(ip)->op || !policy.is_high_risk(intel->asn(ip)->op->control_country));
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("112.73.67.0");
    EXPECT_TRUE(a.judgement.registered);
    EXPECT_EQ(a.verdict, Verdict::review);
    EXPECT_NE(a.reasons.back().find(": review"), std::string::npos) << a.reasons.back();
}

TEST_F(LookupAnswers, PublicResolvers) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Lookup lookup(*intel, policy);
    LookupAnswer ali = lookup.answer("223.5.5.5");  // public_resolvers.csv: AliDNS, CN, alibaba-cloud
    ASSERT_NE(ali.resolver, nullptr);
    EXPECT_EQ(ali.resolver->jurisdiction, "CN");
    ASSERT_NE(ali.vendor, nullptr);
    EXPECT_EQ(ali.vendor->id, "alibaba-cloud");
    EXPECT_TRUE(ali.judgement.resolver);
    EXPECT_EQ(ali.verdict, Verdict::high_risk);

    LookupAnswer google = lookup.answer("8.8.8.8");  // Google Public DNS, US
    ASSERT_NE(google.resolver, nullptr);
    EXPECT_EQ(google.controlled_by, google.resolver->jurisdiction);
    EXPECT_EQ(google.verdict, Verdict::clear);
}

TEST_F(LookupAnswers, PrivateAddressIsNoPlace) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("192.168.0.1");  // the whois data would say AU
    EXPECT_TRUE(a.private_address);
    EXPECT_TRUE(a.located_in.empty() && a.registry_country.empty());
    EXPECT_EQ(a.verdict, Verdict::clear);
}

TEST_F(LookupAnswers, MacOfAHighRiskVendor) {
    SOVSCAN_REQUIRE_INTEL(intel);
    auto oui = intel->oui(mac("44:47:cc:12:34:56"));  // Hikvision's MA-L in the IEEE registry
    ASSERT_TRUE(oui && oui->vendor);
    Lookup lookup(*intel, policy);
    for (const char* q : {"44:47:cc:12:34:56", "4447cc"}) {
        LookupAnswer a = lookup.answer(q);
        ASSERT_TRUE(a.oui) << q;
        EXPECT_EQ(a.oui->organisation, oui->organisation) << q;
        EXPECT_EQ(a.vendor, oui->vendor) << q;
        EXPECT_EQ(a.verdict, Verdict::high_risk) << q;
        EXPECT_TRUE(has_fact(a, "is assigned to \"" + oui->organisation + "\"")) << q;
    }
}

TEST_F(LookupAnswers, UncataloguedRegistrantInChinaIsHighRisk) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // MA-L 64B21D "Chengdu Phycom Tech Co., Ltd." (Chengdu CN): not in data/oui_vendors.csv, so the
    // registrant's address speaks, as it does for a scan's SOV-005.
    auto oui = intel->oui(mac("64:b2:1d:01:02:03"));
    ASSERT_TRUE(oui);
    ASSERT_EQ(oui->vendor, nullptr);
    ASSERT_TRUE(policy.is_high_risk(oui->country));
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("64b2.1d01.0203");
    EXPECT_TRUE(a.judgement.registrant);
    EXPECT_EQ(a.verdict, Verdict::high_risk);
    EXPECT_TRUE(a.controlled_by.empty());  // nobody catalogued controls it; the registrant is where it is
}

TEST_F(LookupAnswers, CounterExampleOuiIsClear) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // MA-L D0D003 "Samsung Electronics Co.,LTD" (Suwon KR), catalogued as the counter-example samsung.
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("d0:d0:03:aa:bb:cc");
    ASSERT_TRUE(a.oui);
    ASSERT_NE(a.vendor, nullptr);
    EXPECT_EQ(a.vendor->prc_linked, "no");
    EXPECT_EQ(a.verdict, Verdict::clear);
    EXPECT_NE(a.reasons.front().find("counter-example"), std::string::npos);
}

TEST_F(LookupAnswers, PartialVendorOuiIsReview) {
    SOVSCAN_REQUIRE_INTEL(intel);
    // MA-L 003192 "TP-Link Corporation Limited", a Hong Kong address, catalogued as tp-link-systems.
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("00-31-92");
    ASSERT_TRUE(a.oui);
    ASSERT_NE(a.vendor, nullptr);
    EXPECT_EQ(a.vendor->id, "tp-link-systems");
    EXPECT_EQ(a.verdict, Verdict::review);
    EXPECT_FALSE(a.judgement.registrant);  // the catalog knows the organisation
    EXPECT_EQ(a.judgement.jurisdictions, std::vector<std::string>{a.oui->country});
}

TEST_F(LookupAnswers, MacsWithoutAnOui) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Lookup lookup(*intel, policy);
    LookupAnswer random = lookup.answer("02:11:22:33:44:55");
    EXPECT_FALSE(random.oui);
    EXPECT_NE(random.oui_note.find("locally administered"), std::string::npos);
    EXPECT_EQ(random.verdict, Verdict::clear);
    EXPECT_NE(lookup.answer("01:00:5e:00:00:01").oui_note.find("group"), std::string::npos);
    // 70B3D5 is an IEEE block divided into MA-S assignments: a bare prefix has no one owner.
    LookupAnswer divided = lookup.answer("70:b3:d5");
    EXPECT_FALSE(divided.oui);
    EXPECT_NE(divided.oui_note.find("MA-M/MA-S"), std::string::npos);
    // ... while a whole address inside it has (MA-S 70B3D538E, China Telecom Fufu, CN).
    LookupAnswer inside = lookup.answer("70:b3:d5:38:e1:23");
    ASSERT_TRUE(inside.oui);
    EXPECT_EQ(inside.oui->registry, "MA-S");
    EXPECT_EQ(inside.verdict, Verdict::high_risk);
}

TEST_F(LookupAnswers, UnreadableQueryIsAnErrorAnswer) {
    SOVSCAN_REQUIRE_INTEL(intel);
    Lookup lookup(*intel, policy);
    LookupAnswer a = lookup.answer("not a domain");
    EXPECT_FALSE(a.ok());
    EXPECT_EQ(a.query, "not a domain");
    EXPECT_TRUE(a.evidence.empty());
}

}  // namespace
}  // namespace sovscan
