// The HTML scan report: every attacker-controlled string escaped wherever it is shown (tables,
// charts, tooltips, attributes), the page's policy intact, nothing loaded from anywhere.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "report/exposure_charts.h"
#include "report/html_assets.h"
#include "report/html_document.h"
#include "report/html_report.h"

namespace sovscan {
namespace {

const std::string kScript = "<script>alert(1)</script>";
const std::string kImg = "\"><img src=x onerror=alert(1)>";
const std::string kFormula = "=HYPERLINK(\"http://x\",\"y\")";
const std::string kAnsi = "\x1b[31mred\x1b[0m";
const std::string kHostile[] = {kScript, kImg, kFormula, kAnsi};

IpAddress ip(const char* text) { return *IpAddress::parse(text); }
MacAddress mac(const char* text) { return *MacAddress::parse(text); }

int64_t at(int seconds) { return (1'760'000'000LL + seconds) * 1'000'000'000LL; }

// A report in which every string a capture, the intel or the policy file can supply is hostile.
ScanReport hostile_report() {
    ScanReport r;
    r.generated_at = "2025-10-10T00:00:00Z";
    r.command_line = {"sovscan", "scan", kScript, kAnsi};
    r.policy.file_path = "/etc/" + kImg + ".yaml";
    r.policy.file_sha256 = "ab";
    InputSummary in;
    in.path = "/caps/" + kScript + kAnsi + ".pcap";
    in.packets = 1000, in.bytes = 10, in.first_ns = at(0), in.last_ns = at(90), in.partial = true;
    r.inputs.push_back(in);
    r.intel.push_back({"geo_country", kScript, "1", kImg, "/x", "attribution " + kScript, ""});
    r.first_ns = at(0), r.last_ns = at(90);
    r.egress_by_country = {{"CN", 5000, 100, 3, 1}, {kImg, 40, 4, 1, 1}, {"DE", 300, 900, 2, 1}};

    Finding f;
    f.rule = RuleId::egress_located_high_risk;
    f.severity = Severity::high;
    f.confidence = "high";
    f.summary = "summary " + kScript;
    f.asset.ip = ip("10.20.1.10"), f.asset.has_ip = true;
    f.counterpart.edit().ip = ip("47.96.1.11");
    f.counterpart.edit().names = {{kScript, "sni", 2}, {kImg, "dns", 1, "other_client_before"}, {kFormula, "http_host", 1}, {kAnsi, "sni", 1}};
    f.counterpart.edit().located_in = "CN";
    f.counterpart.edit().asn = 37963;
    f.counterpart.edit().as_org = "AS org " + kAnsi;
    f.counterpart.edit().operator_name = "Operator " + kImg;
    f.counterpart.edit().operator_controlled_by = "CN";
    f.jurisdictions = {"CN"};
    f.bytes_sent = 180'000, f.bytes_received = 6'000, f.flows = 3;
    f.first_ns = at(1), f.last_ns = at(80);
    f.evidence = {{"fact " + kFormula, "TLS SNI " + kScript, ""}, {"located in CN", "dbip", "v" + kImg}};
    f.sample_flows = {{"tcp", ip("10.20.1.10"), ip("47.96.1.11"), 49152, 443, at(1), "/caps/" + kScript}};
    r.findings.push_back(f);

    Finding accepted = f;
    accepted.severity = Severity::medium;
    accepted.counterpart.edit().ip = ip("47.96.1.12");
    accepted.counterpart.edit().names = {{"ok.example", "sni", 1}};
    accepted.suppressed_by = ExceptionRef{"EXC-" + kScript, "justified " + kImg, "owner " + kAnsi,
                                          *CalendarDate::parse("2030-01-01"), "policy.yaml:3"};
    r.findings.push_back(accepted);

    Finding device;
    device.rule = RuleId::device_high_risk_vendor;
    device.severity = Severity::medium;
    device.summary = "device " + kImg;
    device.asset.macs = {mac("44:47:cc:12:34:56")};
    device.asset.mac_organisation = "Org " + kScript;
    device.asset.mac_vendor_name = "Vendor " + kFormula;
    device.asset.mac_vendor_controlled_by = "CN";
    device.first_ns = at(2), device.last_ns = at(3);
    r.findings.push_back(device);

    DeviceRecord d;
    d.mac = mac("44:47:cc:12:34:56");
    d.ips = {ip("10.20.1.10")};
    d.organisation = "Org " + kScript + kAnsi;
    d.vendor_name = "Vendor " + kImg;
    d.vendor_controlled_by = "CN";
    d.frames = 12;
    r.devices.push_back(d);
    r.problems.push_back({ProblemLevel::warning, "/caps/" + kImg, "truncated " + kScript});
    r.problems.push_back({ProblemLevel::error, kAnsi, "cannot read " + kFormula});
    r.decode_counters[kScript] = 1;
    return r;
}

std::string render(const ScanReport& r) {
    std::ostringstream out;
    write_html_report(r, out);
    return out.str();
}

size_t count(const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

// Every start tag in the document, outside the page's own <style> and <script> (whose code holds
// '<' comparisons). Escaped data has no '<', so whatever is found here is markup the writer made.
std::vector<std::string> tags(const std::string& html) {
    std::vector<std::string> out;
    size_t p = 0;
    while ((p = html.find('<', p)) != std::string::npos) {
        size_t end = html.find('>', p);
        if (end == std::string::npos) break;
        std::string tag = html.substr(p, end - p + 1);
        out.push_back(tag);
        if (tag == "<style>" || tag == "<script>") {
            p = html.find(tag == "<style>" ? "</style>" : "</script>", end);
            continue;
        }
        p = end + 1;
    }
    return out;
}

TEST(HtmlReport, HostileStringsNeverBecomeMarkup) {
    const std::string html = render(hostile_report());
    EXPECT_EQ(count(html, "<script"), 1u) << "only the page's own script";
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find('\x1b'), std::string::npos) << "a terminal escape reached the page";
    for (const std::string& h : kHostile) EXPECT_EQ(html.find(h), std::string::npos) << "raw: " << h;

    const std::regex handler(R"(\son[a-z]+\s*=)", std::regex::icase);
    const std::regex load(R"(\s(src|href|action|formaction|xlink:href|srcset|poster|data)\s*=)", std::regex::icase);
    const std::regex quoted("\"[^\"]*\"");  // attribute values: html_escape leaves no raw quote in them
    for (const std::string& tag : tags(html)) {
        const std::string names = std::regex_replace(tag, quoted, "\"\"");
        EXPECT_FALSE(std::regex_search(names, handler)) << tag;
        EXPECT_FALSE(std::regex_search(names, load)) << tag;
        for (const char* element : {"<link", "<iframe", "<object", "<embed", "<img", "<base", "<form", "<meta http-equiv=\"refresh"})
            EXPECT_NE(tag.rfind(element, 0), 0u) << tag;
    }
}

TEST(HtmlReport, HostileNamesAreShownEscapedInEveryPlace) {
    const std::string html = render(hostile_report());
    const std::string script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    const std::string img = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
    // Findings table: names with how they were learnt, operator, evidence, sample flow, status.
    EXPECT_NE(html.find(script + " <span class=\"muted\">(sni)</span>"), std::string::npos);
    EXPECT_NE(html.find(img + " <span class=\"muted\">(dns, learnt from another client&#39;s answer)</span>"),
              std::string::npos);
    EXPECT_NE(html.find("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;) <span class=\"muted\">(http_host)</span>"),
              std::string::npos);
    EXPECT_NE(html.find("\\x1b[31mred\\x1b[0m <span class=\"muted\">(sni)</span>"), std::string::npos)
        << "ANSI escapes shown as text";
    EXPECT_NE(html.find("<td>Operator " + img + " (CN)</td>"), std::string::npos);
    EXPECT_NE(html.find("<li>fact =HYPERLINK(&quot;http://x&quot;,&quot;y&quot;) <span class=\"muted\">[TLS SNI " + script),
              std::string::npos);
    EXPECT_NE(html.find("<li>summary " + script + "</li>"), std::string::npos);
    EXPECT_NE(html.find("in /caps/" + script + "</li>"), std::string::npos);
    EXPECT_NE(html.find("title=\"exception EXC-" + script + " (owner \\x1b[31mred\\x1b[0m, until 2030-01-01): justified " +
                        img + "\">accepted</span>"),
              std::string::npos)
        << "exception id, owner and justification escaped in the attribute";
    EXPECT_NE(html.find("<li><strong>accepted</strong> by exception EXC-" + script), std::string::npos);
    // Sort keys are attributes: the name's quote cannot end them.
    EXPECT_NE(html.find("data-sort=\"" + script + "\""), std::string::npos);
    // Charts: the operator bar and its tooltip, the timeline's label, an unknown country code.
    EXPECT_NE(html.find("<title>Operator " + img + " (CN): "), std::string::npos);
    EXPECT_NE(html.find("SOV-001 10.20.1.10 \u2192 " + script), std::string::npos);
    EXPECT_NE(html.find("<title>" + img + ": "), std::string::npos);
    // Devices, inputs, intel, policy, problems, counters, command line.
    EXPECT_NE(html.find("<td>Org " + script + "\\x1b[31mred\\x1b[0m</td>"), std::string::npos);
    EXPECT_NE(html.find("<td>Vendor " + img + " (CN)</td>"), std::string::npos);
    EXPECT_NE(html.find("/caps/" + script + "\\x1b[31mred\\x1b[0m.pcap"), std::string::npos);
    EXPECT_NE(html.find("<td>attribution " + script + "</td>"), std::string::npos);
    EXPECT_NE(html.find("/etc/" + img + ".yaml"), std::string::npos);
    EXPECT_NE(html.find("truncated " + script), std::string::npos);
    EXPECT_NE(html.find("\\x1b[31mred\\x1b[0m: cannot read =HYPERLINK"), std::string::npos);
    EXPECT_NE(html.find("<code>sovscan scan " + script + " \\x1b[31mred\\x1b[0m</code>"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"mono\">" + script + "</td>"), std::string::npos);
}

TEST(HtmlReport, NoResourceIsLoadedFromAnywhere) {
    std::string html = render(hostile_report());
    // The only URL text in the page is the hostile data itself, shown as text.
    for (const std::string& data : {std::string("http://x&quot;")}) {
        for (size_t p = html.find(data); p != std::string::npos; p = html.find(data)) html.erase(p, data.size());
    }
    EXPECT_EQ(html.find("http://"), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
    EXPECT_EQ(html.find("//cdn"), std::string::npos);
}

TEST(HtmlReport, PolicyHashesMatchThePagesOwnScriptAndStyle) {
    const std::string html = render(hostile_report());
    const size_t s0 = html.find("<script>") + 8, s1 = html.find("</script>", s0);
    const size_t c0 = html.find("<style>") + 7, c1 = html.find("</style>", c0);
    ASSERT_LT(s0, s1);
    ASSERT_LT(c0, c1);
    const std::string script = html.substr(s0, s1 - s0), style = html.substr(c0, c1 - c0);
    EXPECT_EQ(script, html_script());
    const size_t meta = html.find("http-equiv=\"Content-Security-Policy\"");
    ASSERT_NE(meta, std::string::npos);
    EXPECT_LT(meta, html.find("<style>"));
    EXPECT_NE(html.find("script-src &#39;" + csp_hash_source(script) + "&#39;"), std::string::npos);
    EXPECT_NE(html.find("style-src &#39;" + csp_hash_source(style) + "&#39;"), std::string::npos);
    EXPECT_NE(html.find("default-src &#39;none&#39;"), std::string::npos);
}

TEST(HtmlReport, ShowsSummaryChartsAcceptedFindingsAndDevices) {
    const std::string html = render(hostile_report());
    // Cards count open findings by severity; the accepted one separately.
    EXPECT_NE(html.find("<div class=\"card sev-high\"><span class=\"n\">1</span>"), std::string::npos);
    EXPECT_NE(html.find("<div class=\"card sev-medium\"><span class=\"n\">1</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"n\">1</span><span class=\"l\">accepted (exceptions)</span>"), std::string::npos);
    EXPECT_NE(html.find("Partial results"), std::string::npos);
    EXPECT_EQ(count(html, "<svg class=\"chart\""), 4u);
    // CN is a high-risk jurisdiction: its bar is marked; DE is not.
    EXPECT_NE(html.find("<title>CN: 5.1 kB\nsent: 5.0 kB\nreceived: 100 B\n1 server(s), 3 flow(s)\nexactly 5,100 bytes</title>"
                        "<rect class=\"hl-mark\""),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<title>DE: 1.2 kB\nsent: 300 B\nreceived: 900 B\n1 server(s), 2 flow(s)\nexactly 1,200 bytes</title>"
                        "<text x=\"0\""),
              std::string::npos);
    // The accepted finding: its row is marked, and so is its severity.
    EXPECT_EQ(count(html, "<tr class=\"suppressed\">"), 1u);
    EXPECT_NE(html.find("<td data-sort=\"2\"><span class=\"badge sev-medium\">medium</span><br><span class=\"badge accepted\""),
              std::string::npos);
    // Sortable: severity by rank, bytes by value, dates by RFC 3339.
    EXPECT_NE(html.find("<td data-sort=\"3\"><span class=\"badge sev-high\">high</span></td>"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"num\" data-sort=\"180000\">180.0 kB</td>"), std::string::npos);
    EXPECT_NE(html.find("data-sort=\"2025-10-09T08:53:21.000000Z\""), std::string::npos);
    EXPECT_NE(html.find("id=\"findings-table\""), std::string::npos);
    EXPECT_NE(html.find("id=\"devices-table\""), std::string::npos);
    EXPECT_NE(html.find("<td class=\"mono\">44:47:cc:12:34:56</td>"), std::string::npos);
}

// The chart of local assets by bytes sent names the hosts the merged inventory knows, with their
// address; a host it does not know (or knows by its address only) keeps the bare address; a
// hostile name is escaped like every other label, in the bar and in its tooltip.
TEST(HtmlReport, AssetChartNamesTheInventorysAssets) {
    ScanReport r = hostile_report();  // its traffic findings are from 10.20.1.10
    for (const char* from : {"10.20.1.20", "10.20.1.30", "10.20.1.40", "10.20.1.50"}) {
        Finding f = r.findings[0];
        f.asset.ip = ip(from);
        r.findings.push_back(f);
    }
    const std::string without = asset_chart(r);
    EXPECT_NE(without.find(">10.20.1.10</text>"), std::string::npos) << without;

    AssetInventory inv;
    auto add = [&](const std::string& name, const char* address) {
        MergedAsset a;
        a.id = std::string("ip:") + address;
        a.name = name;
        a.ips = {ip(address)};
        inv.assets.push_back(a);
    };
    add("cam-lobby", "10.20.1.10");
    add(kScript + kAnsi, "10.20.1.20");
    add("10.20.1.30", "10.20.1.30");  // named by its address only
    add("Dispečerská stanice velína", "10.20.1.50");
    r.inventory = inv;
    const std::string svg = asset_chart(r);
    const std::string script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    EXPECT_NE(svg.find(">cam-lobby (10.20.1.10)</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find("<title>cam-lobby (10.20.1.10): "), std::string::npos);
    EXPECT_NE(svg.find("<title>" + script + "\\x1b[31mred\\x1b[0m (10.20.1.20): "), std::string::npos) << svg;
    // Cut to 30 characters in the name, never in the address.
    EXPECT_NE(svg.find(">&lt;script&gt;alert(1)\u2026 (10.20.1.20)</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">Dispečerská stan\u2026 (10.20.1.50)</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find("<title>Dispečerská stanice velína (10.20.1.50): "), std::string::npos);
    EXPECT_NE(svg.find(">10.20.1.30</text>"), std::string::npos);
    EXPECT_EQ(svg.find("10.20.1.30 ("), std::string::npos);
    EXPECT_NE(svg.find(">10.20.1.40</text>"), std::string::npos);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find('\x1b'), std::string::npos);
    // The whole page draws the same chart.
    EXPECT_NE(render(r).find(">cam-lobby (10.20.1.10)</text>"), std::string::npos);
}

// The timeline's rows are cut to 30 characters: the inventory's name stands for the asset there
// (its address then in the tooltip), a bare address when the inventory has no name for it.
TEST(HtmlReport, TimelineNamesTheInventorysAssets) {
    ScanReport r = hostile_report();  // its traffic findings are from 10.20.1.10
    const std::string without = timeline_chart(r);
    EXPECT_NE(without.find(">SOV-001 10.20.1.10 \u2192 "), std::string::npos) << without;
    AssetInventory inv;
    MergedAsset a;
    a.id = "ip:10.20.1.10";
    a.name = "cam-lobby";
    a.ips = {ip("10.20.1.10")};
    inv.assets.push_back(a);
    r.inventory = inv;
    const std::string svg = timeline_chart(r);
    EXPECT_EQ(svg.find(">SOV-001 10.20.1.10"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">SOV-001 cam-lobby \u2192 "), std::string::npos) << svg;
    EXPECT_NE(svg.find("cam-lobby (10.20.1.10): "), std::string::npos) << svg;  // the tooltip
}

TEST(HtmlReport, EmptyScanStillRenders) {
    const std::string html = render(ScanReport{});
    EXPECT_NE(html.find("No findings: no traffic to or from high-risk"), std::string::npos);
    EXPECT_NE(html.find("No data."), std::string::npos);
    EXPECT_EQ(count(html, "<script"), 1u);
    EXPECT_NE(html.find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace sovscan
