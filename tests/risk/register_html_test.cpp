// The risk analysis as an HTML page: hostile names from captures, inventories and the policy file
// escaped everywhere, the page's policy matching its own style and script, the method's fixed
// level wording in both languages, and a heat map whose cells count the register's risks.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>

#include "assess/policy_file.h"
#include "risk/register_builder.h"
#include "report/html_document.h"
#include "risk/register_html.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);

const std::string kScript = "<script>alert(1)</script>";
const std::string kImg = "\"><img src=x onerror=alert(1)>";
const std::string kFormula = "=HYPERLINK(\"http://evil.example/\",\"x\")";
const std::string kAnsi = "\x1b[31mred\x1b[0m";
const std::string kBidi = "Hik\xe2\x80\xaevision\xff";  // RIGHT-TO-LEFT OVERRIDE, a stray byte

struct Page {
    RiskRegister reg;
    ScanReport scan;
};

Page build(const std::vector<MergedAsset>& assets, const std::vector<Finding>& findings, const Policy& policy = Policy()) {
    Page p{build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday}), {}};
    p.scan.generated_at = "2026-11-23T10:00:00Z";
    p.scan.policy = policy;
    p.scan.policy_date = kToday;
    p.scan.findings = findings;
    return p;
}

std::string html(const Page& p, RiskLang lang) {
    std::ostringstream out;
    write_risk_html(p.reg, p.scan, lang, out);
    return out.str();
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

MergedAsset hostile_asset() {
    MergedAsset a = camera();
    a.id = "inv:" + kScript;
    a.name = kFormula + kImg;
    a.owner = "[click](javascript:alert(1)) " + kAnsi;
    a.location = kBidi;
    a.vendors[0].vendor_name = kBidi;
    return a;
}

Finding hostile_finding() {
    Finding f = egress_cn("10.0.0.5", 50'000'000, "47.96.1.10", "<svg onload=alert(1)>.example\x1b]0;x\x07");
    f.summary = "@SUM(1+1)*cmd|' /C calc'!A0 " + kScript;
    f.counterpart.edit().vendor_name = kBidi;
    f.counterpart.edit().operator_name = "Operator " + kImg;
    f.first_ns = 1'760'000'000'000'000'000;
    f.last_ns = f.first_ns + 60'000'000'000;
    return f;
}

// A policy whose exception carries hostile words and covers the hostile finding.
Policy hostile_policy() {
    // Single-quoted YAML: the double quotes of kImg are plain characters there.
    return parse_policy_file("exceptions:\n  - id: CHG-7\n    counterpart: 47.96.1.10\n    justification: 'cloud " + kImg +
                                 " " + kScript + "'\n    owner: 'owner " + kImg + "'\n    expires: 2027-06-30\n",
                             "site.yaml");
}

TEST(RiskHtml, HostileStringsAreEscapedEverywhere) {
    Policy policy = hostile_policy();
    std::vector<Finding> findings = {hostile_finding()};
    findings[0].suppressed_by = policy.exceptions[0].ref();
    const Page p = build({hostile_asset()}, findings, policy);
    ASSERT_EQ(p.reg.risks.size(), 1u);
    ASSERT_EQ(p.reg.risks[0].status, RiskStatus::accepted);
    for (RiskLang lang : {RiskLang::cs, RiskLang::en}) {
        const std::string page = html(p, lang);
        EXPECT_EQ(count(page, "<script"), 1u);  // the page's own
        EXPECT_FALSE(has(page, "<img"));
        EXPECT_FALSE(has(page, "<svg onload"));
        // "onerror=" appears, but only in escaped text: never as an attribute of a tag.
        const std::regex handler("<[a-zA-Z][a-zA-Z0-9]*(\\s+[a-z-]+(=(\"[^\"]*\"|'[^']*'|[^\\s>\"']*))?)*\\s+on[a-z]+=");
        ASSERT_TRUE(std::regex_search("<p><img src=x onerror=alert(1)>", handler));  // it would see one
        EXPECT_FALSE(std::regex_search(page, handler));
        EXPECT_FALSE(has(page, "\x1b"));
        EXPECT_FALSE(has(page, "\x07"));
        EXPECT_FALSE(has(page, "\xe2\x80\xae"));
        EXPECT_FALSE(has(page, "\xff"));
        EXPECT_FALSE(has(page, "href="));
        // Shown, escaped, where an auditor looks for them.
        EXPECT_TRUE(has(page, "inv:&lt;script&gt;alert(1)&lt;/script&gt;"));                         // asset id
        EXPECT_TRUE(has(page, "=HYPERLINK(&quot;http://evil.example/&quot;,&quot;x&quot;)&quot;&gt;&lt;img"));  // name
        EXPECT_TRUE(has(page, "[click](javascript:alert(1)) \\x1b[31mred\\x1b[0m"));                  // owner
        EXPECT_TRUE(has(page, "Hik\\xe2\\x80\\xaevision\\xff"));                                       // supplier
        EXPECT_TRUE(has(page, "cloud &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;"));  // justification
        EXPECT_TRUE(has(page, "owner &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));                 // exception owner
        if (lang == RiskLang::en)  // the summary assess wrote
            EXPECT_TRUE(has(page, "@SUM(1+1)*cmd|&#39; /C calc&#39;!A0 &lt;script&gt;"));              // finding summary
        else  // Czech, from the finding's fields: the hostile server name shown escaped in it
            EXPECT_TRUE(has(page, "SOV-001: 10.0.0.5: odesláno 50,0 MB na 47.96.1.10 [&lt;svg onload=alert(1)&gt;.example"
                                  "\\x1b]0;x\\x07] (server umístěn v CN)"))
                << page;
        EXPECT_FALSE(has(page, "??")) << "a message key missing in " << risk_lang_code(lang);
    }
}

std::string between(const std::string& text, const std::string& open, const std::string& close) {
    const size_t a = text.find(open);
    const size_t b = a == std::string::npos ? a : text.find(close, a + open.size());
    if (b == std::string::npos) return {};
    return text.substr(a + open.size(), b - a - open.size());
}

TEST(RiskHtml, PolicyHashesTheStyleAndScriptThePageHas) {
    const std::string page = html(build({camera()}, {egress_cn("10.0.0.5", 50'000'000)}), RiskLang::cs);
    const std::string style = between(page, "<style>", "</style>");
    const std::string script = between(page, "<script>", "</script>");
    ASSERT_FALSE(style.empty());
    ASSERT_FALSE(script.empty());
    const std::string csp = between(page, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");
    EXPECT_EQ(csp, "default-src &#39;none&#39;; img-src data:; style-src &#39;" + csp_hash_source(style) +
                       "&#39;; script-src &#39;" + csp_hash_source(script) + "&#39;; base-uri &#39;none&#39;; "
                                                                           "form-action &#39;none&#39;");
    EXPECT_LT(page.find("Content-Security-Policy"), page.find("<style>"));
    EXPECT_TRUE(has(page, "<html lang=\"cs\">"));
}

TEST(RiskHtml, FixedLevelWordingInBothLanguages) {
    const Page p = build({camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    const std::string cs = html(p, RiskLang::cs), en = html(p, RiskLang::en);
    for (const char* sentence :
         {"Riziko je považováno za přijatelné.",
          "Riziko může být sníženo méně náročnými opatřeními nebo v případě vyšší náročnosti opatření je riziko přijatelné.",
          "Riziko je dlouhodobě nepřípustné a musí být zahájeny systematické kroky k jeho odstranění.",
          "Riziko je nepřípustné a musí být neprodleně zahájeny kroky k jeho odstranění."}) {
        EXPECT_TRUE(has(cs, sentence)) << sentence;
        EXPECT_FALSE(has(en, sentence)) << sentence;
    }
    for (const char* sentence :
         {"The risk is considered acceptable.",
          "The risk can be reduced by less demanding measures, or, where measures would be more demanding, the risk is "
          "acceptable.",
          "The risk is not acceptable in the long term and systematic steps to remove it must be started.",
          "The risk is not acceptable and steps to remove it must be started without delay."})
        EXPECT_TRUE(has(en, sentence)) << sentence;
    // The four documents, the seven items of § 8 as the plan's columns, Czech words with diacritics.
    for (const char* words : {"<h1>Analýza rizik</h1>", ">1. Zpráva o hodnocení rizik</h2>", ">2. Prohlášení o aplikovatelnosti</h2>",
                              ">3. Plán zvládání rizik</h2>", ">4. Evidence dodavatelů</h2>", ">Popis opatření</button>",
                              ">Cíle a přínosy</button>", ">Odpovědná osoba</button>", ">Zdroje</button>", ">Termín</button>",
                              ">Vazba mezi riziky a opatřením</button>", ">Způsob realizace</button>",
                              "Pravděpodobnost = hrozba × zranitelnost", "Kamera vrátnice", "security@example.cz (garant dotčených aktiv)"})
        EXPECT_TRUE(has(cs, words)) << words;
    for (const char* words : {"<h1>Risk analysis</h1>", ">3. Risk-treatment plan</h2>", ">Goals and benefits</button>",
                              "Likelihood = threat × vulnerability", "Risk = impact 3 (C;I;A) × threat 3 × vulnerability 4 = 36"})
        EXPECT_TRUE(has(en, words)) << words;
    EXPECT_FALSE(has(cs, "??"));
    EXPECT_FALSE(has(en, "??"));
}

struct HeatCell {
    std::string tooltip, css;
    uint64_t n = 0;
};

std::vector<HeatCell> heat_cells(const std::string& page) {
    static const std::regex cell(
        "<g class=\"cell\"><title>([^<]*)</title><rect class=\"cell (risk-[0-4])\"[^>]*/><text[^>]*>([0-9]+)</text></g>");
    std::vector<HeatCell> cells;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), cell); it != std::sregex_iterator(); ++it)
        cells.push_back({(*it)[1], (*it)[2], std::stoull((*it)[3])});
    return cells;
}

TEST(RiskHtml, HeatMapCellsCountTheRisks) {
    // Three cameras: 50 MB sent (impact 3, T 3, V 4: likelihood 12, score 36), 1 kB sent (V 3: 9,
    // 27) twice over. The third valued C1 I1 A1 by the CMDB: impact 1, 9, score 9.
    MergedAsset low = camera("10.0.0.7", "inv:CAM-3");
    low.cia = {1, 1, 1};
    const Page p = build({camera("10.0.0.5", "inv:CAM-1"), camera("10.0.0.6", "inv:CAM-2"), low},
                         {egress_cn("10.0.0.5", 50'000'000), egress_cn("10.0.0.6", 1'000), egress_cn("10.0.0.7", 1'000)});
    ASSERT_EQ(p.reg.risks.size(), 3u);
    const std::vector<HeatCell> cells = heat_cells(html(p, RiskLang::en));
    ASSERT_EQ(cells.size(), 4u * 9u);  // impact 1..4 x the nine values of threat x vulnerability
    uint64_t total = 0;
    std::map<std::string, HeatCell> by_position;
    for (const HeatCell& c : cells) {
        total += c.n;
        by_position[c.tooltip.substr(0, c.tooltip.find(':'))] = c;
    }
    EXPECT_EQ(total, p.reg.risks.size());
    const HeatCell& critical = by_position["Impact 3 High × Likelihood = threat × vulnerability 12"];
    EXPECT_EQ(critical.n, 1u);
    EXPECT_EQ(critical.css, "risk-4");
    EXPECT_TRUE(has(critical.tooltip, "score 36 (Critical): R.AD5TF.PRC")) << critical.tooltip;
    const HeatCell& high = by_position["Impact 3 High × Likelihood = threat × vulnerability 9"];
    EXPECT_EQ(high.n, 1u);
    EXPECT_EQ(high.css, "risk-3");
    const HeatCell& medium = by_position["Impact 1 Low × Likelihood = threat × vulnerability 9"];
    EXPECT_EQ(medium.n, 1u);
    EXPECT_EQ(medium.css, "risk-2");  // 9 is at or above the medium cut-off 8
    const HeatCell& empty = by_position["Impact 4 Critical × Likelihood = threat × vulnerability 16"];
    EXPECT_EQ(empty.n, 0u);
    EXPECT_EQ(empty.css, "risk-4");
    EXPECT_TRUE(has(empty.tooltip, "score 64 (Critical): none"));
}

TEST(RiskHtml, AcceptedAndExpiredExceptionsAreMarked) {
    const std::string base = "exceptions:\n  - id: CHG-7\n    counterpart: 47.96.1.10\n    justification: camera cloud\n"
                             "    owner: security@example.cz\n    expires: ";
    Policy valid = parse_policy_file(base + "2027-06-30\n", "site.yaml");
    std::vector<Finding> f = {egress_cn("10.0.0.5", 50'000'000)};
    f[0].suppressed_by = valid.exceptions[0].ref();
    std::string page = html(build({camera()}, f, valid), RiskLang::cs);
    EXPECT_TRUE(has(page, "<tr class=\"suppressed\"><td class=\"mono id\">R.AD5TF.PRC</td>")) << page;
    EXPECT_TRUE(has(page, "<span class=\"badge accepted\">přijaté</span> <span class=\"muted\">CHG-7</span>"));
    EXPECT_TRUE(has(page, "Přijaté riziko: výjimka CHG-7 (vlastník výjimky security@example.cz, platnost do 2027-06-30): camera "
                          "cloud. Zbytkové riziko: 9 (Střední)."));
    // Inherent -> residual in the exceptions table.
    EXPECT_TRUE(has(page, "<td>R.AD5TF.PRC: 36 (Kritické) → 9 (Střední)</td>"));

    Policy expired = parse_policy_file(base + "2026-01-31\n", "site.yaml");
    page = html(build({camera()}, {egress_cn("10.0.0.5", 50'000'000)}, expired), RiskLang::en);
    EXPECT_TRUE(has(page, "<tr class=\"expired\"><td class=\"mono id\">R.AD5TF.PRC</td>"));
    EXPECT_TRUE(has(page, "<span class=\"badge expired\">expired exception</span>"));
    EXPECT_TRUE(has(page, "<p class=\"warning\">WARNING: exception CHG-7 (owner security@example.cz) expired on 2026-01-31; "
                          "it no longer covers the findings (SOV-006).</p>"));
    EXPECT_TRUE(has(page, "<span class=\"badge expired\">expired</span>"));
}

TEST(RiskHtml, InventoryOnlyPageSaysWhyExposureChartsAreMissing) {
    MergedAsset cam = camera();
    const Page p = build({cam}, {});
    const std::string page = html(p, RiskLang::en);
    EXPECT_EQ(count(page, "<svg class=\"chart\""), 1u);  // the heat map only
    EXPECT_TRUE(has(page, "No captures: the exposure charts by jurisdiction, operator and asset need traffic."));
}

}  // namespace
}  // namespace sovscan::test
