#include "report/asset_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "assess/asset_assessor.h"
#include "common/escape.h"
#include "report/report_words.h"

namespace sovscan {
namespace {

// Cut to `width` characters (code points: readable_text() leaves only printable ones), never
// inside a UTF-8 sequence.
std::string fit(std::string s, size_t width) {
    size_t chars = 0, cut = std::string::npos;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xc0) == 0x80) continue;  // continuation byte
        if (chars == width - 1) cut = i;
        if (++chars > width) return s.substr(0, cut) + "~";
    }
    return s;
}

int verdict_rank(Verdict v) { return v == Verdict::high_risk ? 0 : v == Verdict::review ? 1 : 2; }

std::string address_of(const MergedAsset& a) {
    if (!a.ips.empty()) return a.ips.front().to_string();
    if (!a.macs.empty()) return a.macs.front().to_string();
    if (!a.models.empty()) return a.models.front().path;
    return "-";
}

// The vendor a person should see first: the strongest high-risk one, else the strongest.
const VendorAttribution* headline_vendor(const MergedAsset& a) {
    for (const VendorAttribution& v : a.vendors)
        if (!v.controlled_by.empty() && std::find(a.judgement.jurisdictions.begin(), a.judgement.jurisdictions.end(),
                                                  v.controlled_by) != a.judgement.jurisdictions.end())
            return &v;
    return a.vendors.empty() ? nullptr : &a.vendors.front();
}

std::string vendor_cell(const VendorAttribution* v) {
    if (!v) return "-";
    std::string who = v->vendor_name.empty() ? v->vendor_id : v->vendor_name;
    const std::string& where = v->controlled_by.empty() ? v->registrant_country : v->controlled_by;
    return where.empty() ? who : fmt::format("{} ({})", who, where);
}

std::string sources_of(const MergedAsset& a) {
    std::vector<std::string> s;
    for (AssetSourceKind k : a.sources) s.emplace_back(asset_source_label(k));
    return fmt::format("{}", fmt::join(s, ","));
}

std::string cia_cell(const CiaValues& c) {
    if (!c.c && !c.i && !c.a) return "";
    auto v = [](uint8_t x) { return x ? std::to_string(x) : std::string("-"); };
    return fmt::format("{}/{}/{}", v(c.c), v(c.i), v(c.a));
}

}  // namespace

std::vector<const MergedAsset*> assets_in_report_order(const AssetInventory& inv) {
    std::vector<const MergedAsset*> out;
    for (const MergedAsset& a : inv.assets) out.push_back(&a);
    std::stable_sort(out.begin(), out.end(), [](const MergedAsset* x, const MergedAsset* y) {
        int rx = verdict_rank(x->verdict), ry = verdict_rank(y->verdict);
        if (rx != ry) return rx < ry;
        return x->name < y->name;
    });
    return out;
}

void write_asset_table(const ScanReport& r, std::ostream& out, const TerminalStyle& style, RiskLang lang) {
    const char* bold = style.colour ? "\033[1m" : "";
    const char* reset = style.colour ? "\033[0m" : "";
    if (!r.inventory) return;
    const AssetInventory& inv = *r.inventory;
    auto m = [lang](std::string_view key, const std::vector<std::string>& args = {}) { return report_msg_with(key, lang, args); };
    const bool czech = lang == RiskLang::cs;
    out << fmt::format("{}sovscan assets{}: ", bold, reset)
        << m("assets.intro", {std::to_string(inv.assets.size()), std::to_string(inv.records)});
    if (!inv.files.empty()) out << m("assets.intro_inventory", {std::to_string(inv.files.size())});
    if (!r.inputs.empty()) out << m("assets.intro_captures", {std::to_string(r.inputs.size()), std::to_string(r.packets)});
    out << "\n\n";
    if (inv.assets.empty()) {
        out << m("assets.none") << "\n";
    } else {
        const char* hdr = "{:<9} {:<28} {:<16} {:<39} {:<34} {:<22} {:<7} {:<18}\n";
        out << fmt::format(fmt::runtime(hdr), m("assets.col.verdict"), m("assets.col.asset"), m("assets.col.category"),
                           m("assets.col.address"), m("assets.col.vendor"), m("assets.col.evidence"), m("assets.col.cia"),
                           m("assets.col.sources"));
        size_t shown = 0;
        for (const MergedAsset* a : assets_in_report_order(inv)) {
            if (shown++ >= style.max_rows) break;
            const VendorAttribution* v = headline_vendor(*a);
            const bool hot = a->verdict == Verdict::high_risk;
            if (style.colour && hot) out << "\033[31m";
            // Operators name assets in their language ("Kamera vrátnice"): readable_text() keeps the
            // letters and escapes every control character.
            const std::string verdict =
                czech ? m(fmt::format("assets.verdict.{}", verdict_label(a->verdict))) : std::string(verdict_label(a->verdict));
            const std::string category = a->category.empty() ? "-" : czech ? category_name(a->category, lang) : a->category.str();
            const std::string basis = !v ? "-" : czech ? basis_name(v->basis, lang) : attribution_basis_label(v->basis);
            out << fmt::format(fmt::runtime(hdr), verdict, fit(readable_text(a->name), 28), fit(readable_text(category), 16),
                               fit(readable_text(address_of(*a)), 39), fit(readable_text(vendor_cell(v)), 34), fit(basis, 22),
                               cia_cell(a->cia), fit(sources_of(*a), 18));
            if (style.colour && hot) out << reset;
        }
        if (inv.assets.size() > style.max_rows)
            out << m("assets.more", {std::to_string(inv.assets.size() - style.max_rows)}) << "\n";
    }
    out << "\n";
    size_t asset_findings = 0, open = 0;
    for (const Finding& f : r.findings) {
        if (rule_info(f.rule).subject != RuleSubject::device) continue;
        ++asset_findings;
        if (!f.suppressed()) ++open;
    }
    out << m("assets.findings", {std::to_string(asset_findings), std::to_string(open), std::to_string(r.findings.size())})
        << "\n";
    for (const auto& p : r.problems)
        out << fmt::format("{}: {}{}{}\n", m(p.level == ProblemLevel::error ? "scan.problem.error" : "scan.problem.warning"),
                           terminal_safe(p.input), p.input.empty() ? "" : ": ", terminal_safe(p.message));
}

void write_asset_csv(const AssetInventory& inv, std::ostream& out) {
    out << "id,name,category,verdict,jurisdictions,ips,macs,hostnames,vendor_id,vendor,vendor_controlled_by,basis,"
           "confidence,evidence,sources,owner,location,c,i,a,bytes_sent,bytes_received,high_risk_bytes_sent,"
           "vendor_clouds\r\n";
    auto join = [](const auto& items, auto str) {
        std::string s;
        for (const auto& i : items) s += (s.empty() ? "" : ";") + str(i);
        return s;
    };
    auto level = [](uint8_t v) { return v ? std::to_string(v) : std::string(); };
    for (const MergedAsset* a : assets_in_report_order(inv)) {
        const VendorAttribution* v = headline_vendor(*a);
        std::vector<std::string> cells = {
            a->id,
            a->name,
            a->category,
            std::string(verdict_label(a->verdict)),
            join(a->judgement.jurisdictions, [](const std::string& s) { return s; }),
            join(a->ips, [](const IpAddress& ip) { return ip.to_string(); }),
            join(a->macs, [](const MacAddress& m) { return m.to_string(); }),
            join(a->hostnames, [](const std::string& s) { return s; }),
            v ? v->vendor_id : "",
            v ? v->vendor_name : "",
            v ? (v->controlled_by.empty() ? v->registrant_country : v->controlled_by) : "",
            v ? v->basis : "",
            v ? v->confidence : "",
            v ? fmt::format("{}: {}", v->value, v->source.detail) : "",
            sources_of(*a),
            a->owner,
            a->location,
            level(a->cia.c),
            level(a->cia.i),
            level(a->cia.a),
            std::to_string(a->traffic->bytes_sent),
            std::to_string(a->traffic->bytes_received),
            std::to_string(a->traffic->high_risk_bytes_sent),
            join(a->traffic->vendor_clouds, [](const AssetTraffic::CloudContact& c) { return c.domain; }),
        };
        // Cells hold the inputs' raw strings: UTF-8 kept, control characters and malformed bytes
        // written \xNN (readable_text), then quoted and formula-neutralised (csv_cell).
        for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_cell(readable_text(cells[i]));
        out << "\r\n";
    }
}

}  // namespace sovscan
