// The risk documents as Markdown, CSV and JSON: the method's Czech wording and its English
// translation exactly, the seven plan items, derivation lines in words, and hostile strings from
// captures and inventories escaped in every format.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "assess/policy_file.h"
#include "risk/register_builder.h"
#include "risk/register_csv.h"
#include "risk/register_html.h"
#include "risk/register_json.h"
#include "risk/register_markdown.h"
#include "risk/messages.h"
#include "common/escape.h"
#include "report/utf8_text.h"
#include "support/risk_fixtures.h"

namespace sovscan::test {
namespace {

const CalendarDate kToday(2026, 11, 23);

RiskRegister sample(const std::vector<MergedAsset>& assets, const std::vector<Finding>& findings,
                    const Policy& policy = Policy()) {
    return build_risk_register(RiskInputs{assets, findings, policy, project_risk_catalog(), kToday});
}

std::string markdown(const RiskRegister& r, RiskLang lang) {
    std::ostringstream out;
    write_risk_markdown(r, lang, out);
    return out.str();
}
std::string csv(const RiskRegister& r, RiskLang lang) {
    std::ostringstream out;
    write_risk_csv(r, lang, out);
    return out.str();
}
std::string json(const RiskRegister& r, RiskLang lang) {
    std::ostringstream out;
    write_risk_json(r, lang, out);
    return out.str();
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(RiskMessages, DerivationLinesInBothLanguages) {
    RiskReason base{"base", {}, 1, 1};
    EXPECT_EQ(render_reason(base, RiskLang::cs), "1 Nízká: výchozí úroveň");
    EXPECT_EQ(render_reason(base, RiskLang::en), "1 Low: starting level");
    RiskReason out{"outbound", {"api.hik-connect.com", "SOV-001"}, 1, 2};
    EXPECT_EQ(render_reason(out, RiskLang::cs),
              "+1 → 2: přímé spojení se servery v rizikové jurisdikci nebo ovládanými z ní: api.hik-connect.com (SOV-001)");
    EXPECT_EQ(render_reason(out, RiskLang::en),
              "+1 → 2: direct connection to servers located in or controlled from the threat's jurisdictions: "
              "api.hik-connect.com (SOV-001)");
    RiskReason cap{"cap", {"6"}, -2, 4};
    EXPECT_EQ(render_reason(cap, RiskLang::en), "-2 → 4: sum 6 capped at the highest level 4");
    // A hostile argument cannot act as a format string.
    RiskReason odd{"outbound", {"{0}{1}{99}", "x"}, 1, 2};
    EXPECT_TRUE(has(render_reason(odd, RiskLang::en), "{0}{1}{99} (x)"));
    EXPECT_EQ(render_measure_status(MeasureStatus::not_applicable, RiskLang::cs),
              "neaplikovatelné: žádné riziko nemá zjištění, na která opatření odpovídá");
}

TEST(RiskMessages, EveryKeyTheWritersUseExistsInBothLanguages) {
    RiskRegister r = sample({camera()}, {egress_cn("10.0.0.5", 50'000'000), inbound_cn("10.0.0.5", "1.2.3.4", "SSH/22")});
    for (RiskLang lang : {RiskLang::cs, RiskLang::en}) {
        EXPECT_FALSE(has(markdown(r, lang), "??")) << markdown(r, lang);
        EXPECT_FALSE(has(csv(r, lang), "??"));
        EXPECT_FALSE(has(json(r, lang), "??"));
    }
}

TEST(RiskMarkdown, CzechReportWithTheFixedWording) {
    RiskRegister r = sample({camera()}, {egress_cn("10.0.0.5", 50'000'000)});
    const std::string md = markdown(r, RiskLang::cs);
    EXPECT_TRUE(has(md, "# Analýza rizik\n"));
    EXPECT_TRUE(has(md, "## 1. Zpráva o hodnocení rizik\n"));
    EXPECT_TRUE(has(md, "## 2. Prohlášení o aplikovatelnosti\n"));
    EXPECT_TRUE(has(md, "## 3. Plán zvládání rizik\n"));
    EXPECT_TRUE(has(md, "## 4. Evidence dodavatelů\n"));
    EXPECT_TRUE(has(md, "| Kritické | 36–64 | Riziko je nepřípustné a musí být neprodleně zahájeny kroky k jeho odstranění. |"));
    EXPECT_TRUE(has(md, "| Nízké | 1–7 | Riziko je považováno za přijatelné. |"));
    EXPECT_TRUE(has(md, "| R.AD5TF.PRC |"));
    EXPECT_TRUE(has(md, "- Riziko = dopad 3 (C;I;A) × hrozba 3 × zranitelnost 4 = 36\n"));
    EXPECT_TRUE(has(md, "- Úroveň rizika: Kritické (36). Riziko je nepřípustné a musí být neprodleně zahájeny kroky k jeho "
                        "odstranění.\n"));
    EXPECT_TRUE(has(md, "  - +1 → 3: odesláno 50,0 MB, alespoň práh 10,0 MB\n"));
    EXPECT_TRUE(has(md, "| NUKIB\\-2025\\-PRC |") || has(md, "| NUKIB-2025-PRC |"));
    EXPECT_TRUE(has(md, "3 Vysoká"));
    EXPECT_TRUE(has(md, "Kamera vrátnice"));  // UTF-8 from the CMDB kept as letters
    // The seven items of § 8 for each plan item.
    for (const char* item : {"1. **Popis opatření**: ", "2. **Cíle a přínosy**: ", "3. **Odpovědná osoba**: ",
                             "4. **Zdroje**: ", "5. **Termín**: bude rozhodnuto", "6. **Vazba mezi riziky a opatřením**: ",
                             "7. **Způsob realizace**: "})
        EXPECT_TRUE(has(md, item)) << item;
    EXPECT_TRUE(has(md, "3. **Odpovědná osoba**: security@example.cz (garant dotčených aktiv)"));
}

TEST(RiskMarkdown, EnglishReportFromTheSameLayout) {
    RiskRegister r = sample({camera()}, {egress_cn("10.0.0.5", 1'000)});
    const std::string md = markdown(r, RiskLang::en);
    EXPECT_TRUE(has(md, "# Risk analysis\n"));
    EXPECT_TRUE(has(md, "## 3. Risk-treatment plan\n"));
    EXPECT_TRUE(has(md, "| High | 18–35 | The risk is not acceptable in the long term and systematic steps to remove it must "
                        "be started. |"));
    EXPECT_TRUE(has(md, "- Risk = impact 3 (C;I;A) × threat 3 × vulnerability 3 = 27\n"));
    EXPECT_TRUE(has(md, "  - +0 → 2: 1.0 kB sent, below the threshold of 10.0 MB: no increase\n"));
    EXPECT_TRUE(has(md, "5. **Deadline**: to be decided"));
    EXPECT_FALSE(has(md, "Riziko je"));
}

TEST(RiskMarkdown, AcceptedAndExpiredExceptionsAreShown) {
    const std::string base =
        "exceptions:\n  - id: CHG-7\n    counterpart: 47.96.1.10\n    justification: camera cloud until 2027\n"
        "    owner: security@example.cz\n    expires: ";
    Policy valid = parse_policy_file(base + "2027-06-30\n", "site.yaml");
    std::vector<Finding> f = {egress_cn("10.0.0.5", 50'000'000)};
    f[0].suppressed_by = valid.exceptions[0].ref();
    std::string md = markdown(sample({camera()}, f, valid), RiskLang::cs);
    EXPECT_TRUE(has(md, "- Přijaté riziko: výjimka CHG\\-7") || has(md, "- Přijaté riziko: výjimka CHG-7 (vlastník výjimky "
                                                                       "security@example.cz, platnost do 2027-06-30): "
                                                                       "camera cloud until 2027. Zbytkové riziko: 9 "
                                                                       "(Střední).\n"))
        << md;
    EXPECT_TRUE(has(md, "| CHG-7 | platná | security@example.cz | 2027-06-30 | camera cloud until 2027 | site.yaml:2 | R.AD5TF.PRC |"));

    Policy expired = parse_policy_file(base + "2026-01-31\n", "site.yaml");
    md = markdown(sample({camera()}, {egress_cn("10.0.0.5", 50'000'000)}, expired), RiskLang::en);
    EXPECT_TRUE(has(md, "- **WARNING: exception CHG-7 (owner security@example.cz) expired on 2026-01-31; it no longer "
                        "covers the findings (SOV-006).**\n"))
        << md;
    EXPECT_TRUE(has(md, "| CHG-7 | **expired** |"));
    const std::string c = csv(sample({camera()}, {egress_cn("10.0.0.5", 50'000'000)}, expired), RiskLang::en);
    EXPECT_TRUE(has(c, ",open,,,,,CHG-7,"));
    const auto j = nlohmann::json::parse(json(sample({camera()}, f, valid), RiskLang::en));
    EXPECT_EQ(j["risks"][0]["status"], "accepted");
    EXPECT_EQ(j["risks"][0]["residual_score"], 9);
    EXPECT_EQ(j["risks"][0]["inherent"]["score"], 36);
    EXPECT_EQ(j["risks"][0]["accepted_by"][0]["owner"], "security@example.cz");
    EXPECT_EQ(j["exceptions"][0]["expired"], false);
}

// What a capture or an inventory can carry: HTML, Markdown links, formulas, terminal escapes,
// malformed UTF-8 and bidi overrides.
MergedAsset hostile_asset() {
    MergedAsset a = camera();
    a.id = "inv:<script>alert(1)</script>";
    a.name = "=HYPERLINK(\"http://evil.example/\",\"x\")\"><img src=x onerror=alert(1)>";
    a.owner = "[click](javascript:alert(1)) | \x1b[31mred\x1b[0m";
    a.vendors[0].vendor_name = "Hik\xe2\x80\xaevision\xff";
    return a;
}

Finding hostile_finding() {
    Finding f = egress_cn("10.0.0.5", 50'000'000, "47.96.1.10", "<svg onload=alert(1)>.example\x1b]0;x\x07");
    f.summary = "@SUM(1+1)*cmd|' /C calc'!A0 \x1b[2J";
    f.counterpart.edit().vendor_name = "Hik\xe2\x80\xaevision\xff";
    return f;
}

TEST(RiskWriters, HostileStringsAreEscapedInMarkdown) {
    RiskRegister r = sample({hostile_asset()}, {hostile_finding()});
    for (RiskLang lang : {RiskLang::cs, RiskLang::en}) {
        const std::string md = markdown(r, lang);
        EXPECT_FALSE(has(md, "<script")) << md;
        EXPECT_FALSE(has(md, "<img"));
        EXPECT_FALSE(has(md, "<svg"));
        EXPECT_FALSE(has(md, "\x1b"));
        EXPECT_FALSE(has(md, "\x07"));
        EXPECT_FALSE(has(md, "\xe2\x80\xae"));  // RIGHT-TO-LEFT OVERRIDE
        EXPECT_FALSE(has(md, "\xff"));
        EXPECT_FALSE(has(md, "[click](javascript"));
        EXPECT_TRUE(has(md, "&lt;script&gt;alert(1)&lt;/script&gt;"));
        EXPECT_TRUE(has(md, "\\[click\\](javascript:alert(1)) \\| \\\\x1b\\[31mred"));
        EXPECT_TRUE(has(md, "Hik\\\\xe2\\\\x80\\\\xaevision\\\\xff"));
    }
}

TEST(RiskWriters, HostileStringsAreEscapedInCsv) {
    const std::string c = csv(sample({hostile_asset()}, {hostile_finding()}), RiskLang::cs);
    EXPECT_FALSE(has(c, "\x1b"));
    EXPECT_FALSE(has(c, "\xe2\x80\xae"));
    // The name cell starts with a neutralising apostrophe, never with '='.
    EXPECT_TRUE(has(c, ",\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"\"><img src=x onerror=alert(1)>\","));
    EXPECT_FALSE(has(c, ",=HYPERLINK"));
    EXPECT_FALSE(has(c, ",\"=HYPERLINK"));
    // Czech text stays UTF-8.
    EXPECT_TRUE(has(c, "Riziko je nepřípustné a musí být neprodleně zahájeny kroky k jeho odstranění."));
    EXPECT_TRUE(has(c, "risk_id,asset_id,asset_name,threat_id,"));
}

TEST(RiskWriters, HostileStringsAreEscapedInJson) {
    const std::string text = json(sample({hostile_asset()}, {hostile_finding()}), RiskLang::en);
    EXPECT_FALSE(has(text, "\x1b"));
    EXPECT_FALSE(has(text, "\xe2\x80\xae"));
    const auto j = nlohmann::json::parse(text);  // valid JSON, valid UTF-8
    EXPECT_EQ(j["schema"], "sovscan-risk");
    EXPECT_EQ(j["schema_version"], 2);
    EXPECT_EQ(j["lang"], "en");
    EXPECT_EQ(j["assets"][0]["id"], "inv:<script>alert(1)</script>");  // JSON strings carry it inertly
    EXPECT_EQ(j["assets"][0]["owner"], "[click](javascript:alert(1)) | \\x1b[31mred\\x1b[0m");
    EXPECT_EQ(j["risks"][0]["vendors"][0], "Hik\\xe2\\x80\\xaevision\\xff");
    EXPECT_EQ(j["risks"][0]["level"], "critical");
    EXPECT_EQ(j["risks"][0]["level_meaning"], "The risk is not acceptable and steps to remove it must be started without delay.");
    EXPECT_EQ(j["risks"][0]["derivation"][2]["code"], "volume");
    EXPECT_EQ(j["risks"][0]["derivation"][2]["text"], "+1 → 3: 50.0 MB sent, at least the threshold of 10.0 MB");
    EXPECT_EQ(j["method"]["levels"][3]["min_score"], 36);
    EXPECT_EQ(j["threats"][0]["level"], 3);
    EXPECT_EQ(j["threats"][0]["level_name"], "High");
    EXPECT_EQ(j["treatment_plan"][0]["owner"], "[click](javascript:alert(1)) | \\x1b[31mred\\x1b[0m");
    EXPECT_TRUE(j["treatment_plan"][0]["deadline"].is_null());
    const auto cs = nlohmann::json::parse(json(sample({camera()}, {egress_cn("10.0.0.5", 50'000'000)}), RiskLang::cs));
    EXPECT_EQ(cs["risks"][0]["level_name"], "Kritické");
    EXPECT_EQ(cs["assets"][0]["name"], "Kamera vrátnice");
}

// A finding whose summary is built as the assessor builds it: the counterpart's name, with a
// terminal escape and markup, made printable() when the finding is made. Each format must show
// that \x1b exactly as it is (its backslash not escaped a second time, never \x5cx1b) and add only
// its own escaping.
TEST(RiskWriters, FindingSummariesAreEscapedOnceInEveryFormat) {
    const std::string name = "evil\x1b[2J<script>alert(1)</script>.example";
    Finding f = egress_cn("10.0.0.5", 50'000'000, "47.96.1.10", name.c_str());
    f.summary = "10.0.0.5 sent 47.7 MiB to 47.96.1.10 [" + printable(name) + "] (CN, Alibaba Cloud) Čechy";
    ASSERT_EQ(f.summary, "10.0.0.5 sent 47.7 MiB to 47.96.1.10 [evil\\x1b[2J<script>alert(1)</script>.example] "
                         "(CN, Alibaba Cloud) Čechy");
    const RiskRegister r = sample({camera()}, {f});
    ASSERT_FALSE(r.risks.empty());
    ScanReport scan;
    scan.findings = {f};
    std::ostringstream page;
    write_risk_html(r, scan, RiskLang::en, page);

    const std::string outputs[] = {markdown(r, RiskLang::en), csv(r, RiskLang::en), json(r, RiskLang::en), page.str()};
    for (const std::string& out : outputs) {
        EXPECT_FALSE(has(out, "\x1b")) << out;                // no raw ESC
        EXPECT_FALSE(has(out, "x5cx1b")) << out;               // no backslash escaped twice
        EXPECT_FALSE(has(out, "\\x5c")) << out;
        EXPECT_TRUE(has(out, "Čechy")) << out;                 // UTF-8 letters kept
    }
    const std::string& md = outputs[0];
    const std::string& c = outputs[1];
    const std::string& html = outputs[3];
    // Markdown: the backslash escaped for Markdown (renders as \x1b), markup neutralised.
    EXPECT_TRUE(has(md, "\\[evil\\\\x1b\\[2J&lt;script&gt;alert(1)&lt;/script&gt;.example\\]")) << md;
    EXPECT_FALSE(has(md, "<script"));
    // CSV carries text, not markup: the summary as it is.
    EXPECT_TRUE(has(c, "SOV-001: 10.0.0.5 sent 47.7 MiB to 47.96.1.10 [evil\\x1b[2J<script>alert(1)</script>.example]")) << c;
    // JSON: the same string, once.
    const auto j = nlohmann::json::parse(outputs[2]);
    EXPECT_EQ(j["risks"][0]["findings"][0]["summary"], f.summary);
    // HTML: entity escaping only.
    EXPECT_TRUE(has(html, "[evil\\x1b[2J&lt;script&gt;alert(1)&lt;/script&gt;.example]")) << html;
    size_t scripts = 0;
    for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) ++scripts;
    EXPECT_EQ(scripts, 1u);  // the page's own

    // Czech: the summary rendered from the finding's fields (JSON "text", schema 2) carries the
    // server's name escaped once too, and the decimal comma.
    const std::string czech = "10.0.0.5: odesláno 50,0 MB na 47.96.1.10 [evil\\x1b[2J<script>alert(1)</script>.example] "
                              "(server umístěn v CN)";
    EXPECT_TRUE(has(csv(r, RiskLang::cs), "SOV-001: " + czech)) << csv(r, RiskLang::cs);
    const auto cs = nlohmann::json::parse(json(r, RiskLang::cs));
    EXPECT_EQ(cs["risks"][0]["findings"][0]["text"], czech);
    EXPECT_EQ(cs["risks"][0]["findings"][0]["summary"], f.summary);
    EXPECT_EQ(j["risks"][0]["findings"][0]["text"], f.summary);  // English: the summary itself
    const std::string md_cs = markdown(r, RiskLang::cs);
    EXPECT_TRUE(has(md_cs, "odesláno 50,0 MB na 47.96.1.10 \\[evil\\\\x1b\\[2J&lt;script&gt;")) << md_cs;
    EXPECT_FALSE(has(md_cs, "x5cx1b"));
}

// Where the operator wrote a decision ("<policy file>:<line>") is made readable when the policy is
// read: a Czech file name stays legible, a control character in it becomes \x1b, and no writer
// escapes that backslash a second time (a policy at such a path once came out as \x5cxc4\x5cx8c).
TEST(RiskWriters, PolicyLocationsAreEscapedOnceInEveryFormat) {
    const std::string path = "sites/Čerpací stanice\x1b[2J.yaml";
    Policy p = parse_policy_file(
        "exceptions:\n"
        "  - id: CHG-7\n"
        "    counterpart: 47.96.1.10\n"
        "    justification: camera cloud until 2027\n"
        "    owner: security@example.cz\n"
        "    expires: 2027-06-30\n"
        "risk:\n"
        "  threat_levels:\n"
        "    NUKIB-2025-PRC: 4\n"
        "    NUKIB-2099-X: 2\n"
        "  measures:\n"
        "    M-EGRESS-JUR: {status: applied, note: geo-blocking}\n",
        path);
    const std::string at = "sites/Čerpací stanice\\x1b[2J.yaml";
    ASSERT_EQ(p.exceptions[0].ref().defined_at, at + ":2");
    std::vector<Finding> f = {egress_cn("10.0.0.5", 50'000'000)};
    f[0].suppressed_by = p.exceptions[0].ref();
    const RiskRegister r = sample({camera()}, f, p);
    ScanReport scan;
    scan.findings = f;
    std::ostringstream page;
    write_risk_html(r, scan, RiskLang::en, page);

    const std::string outputs[] = {markdown(r, RiskLang::en), json(r, RiskLang::en), page.str()};
    for (const std::string& out : outputs) {
        EXPECT_FALSE(has(out, "\x1b")) << out;
        EXPECT_FALSE(has(out, "x5c")) << out;
        EXPECT_FALSE(has(out, "\\xc4")) << out;  // Č kept as a letter
    }
    EXPECT_TRUE(has(outputs[0], "| sites/Čerpací stanice\\\\x1b\\[2J.yaml:2 |")) << outputs[0];
    const auto j = nlohmann::json::parse(outputs[1]);
    EXPECT_EQ(j["exceptions"][0]["defined_at"], at + ":2");
    bool threat_seen = false, measure_seen = false;
    for (const auto& t : j["threats"])
        if (t["id"] == "NUKIB-2025-PRC") threat_seen = (t["level_defined_at"] == at + ":9");
    for (const auto& m : j["statement_of_applicability"])
        if (m["measure"] == "M-EGRESS-JUR") measure_seen = (m["defined_at"] == at + ":12");
    EXPECT_TRUE(threat_seen) << j["threats"].dump();
    EXPECT_TRUE(measure_seen) << j["statement_of_applicability"].dump();
    // A problem naming the place, in the same form.
    ASSERT_EQ(j["problems"].size(), 1u);
    EXPECT_EQ(j["problems"][0], at + ":10: risk: threat_levels: unknown threat 'NUKIB-2099-X' (not in threats.csv)");
    EXPECT_TRUE(has(outputs[2], "sites/Čerpací stanice\\x1b[2J.yaml:2")) << outputs[2];
}

TEST(Utf8Text, KeepsLettersEscapesEverythingElse) {
    EXPECT_EQ(readable_text("Příliš žluťoučký kůň"), "Příliš žluťoučký kůň");
    EXPECT_EQ(readable_text("a\\b"), "a\\x5cb");
    EXPECT_EQ(readable_text("\x1b[0m\n"), "\\x1b[0m\\x0a");
    EXPECT_EQ(readable_text("\xc2\x85"), "\\xc2\\x85");          // C1 NEL
    EXPECT_EQ(readable_text("\xe2\x81\xa6x"), "\\xe2\\x81\\xa6x");  // LEFT-TO-RIGHT ISOLATE
    EXPECT_EQ(readable_text("\xc0\xaf"), "\\xc0\\xaf");          // overlong '/'
    EXPECT_EQ(readable_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
    EXPECT_EQ(readable_text("\xe4\xb8"), "\\xe4\\xb8");          // truncated
    // Text readable already: unchanged, but what slipped in raw is still escaped.
    const std::string once = readable_text("a\\b \x1b Čech \xe2\x80\xae");
    EXPECT_EQ(readable_again(once), once);
    EXPECT_EQ(readable_again("x\\x1b \x1b\xff"), "x\\x1b \\x1b\\xff");
    EXPECT_EQ(markdown_readable("\\x1b <b>"), "\\\\x1b &lt;b&gt;");
    EXPECT_EQ(markdown_text("*a* _b_ `c` <d> & e|f ~g~ ![h](i) #"), "\\*a\\* \\_b\\_ \\`c\\` &lt;d&gt; &amp; e\\|f \\~g\\~ \\!\\[h\\](i) \\#");
}

}  // namespace
}  // namespace sovscan::test
