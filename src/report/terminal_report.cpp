#include "report/terminal_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/escape.h"
#include "common/time_format.h"

namespace sovscan {

namespace {

std::string bytes_short(uint64_t b) {
    if (b < 10'000) return fmt::format("{}", b);
    if (b < 10'000'000) return fmt::format("{:.1f}k", b / 1e3);
    if (b < 10'000'000'000ULL) return fmt::format("{:.1f}M", b / 1e6);
    return fmt::format("{:.1f}G", b / 1e9);
}

// Cut to `width` display columns (cells are ASCII after terminal_safe()).
std::string fit(std::string s, size_t width) {
    if (s.size() <= width) return s;
    return s.substr(0, width - 1) + "~";
}

const char* colour_of(Severity s) {
    switch (s) {
        case Severity::critical: return "\033[1;31m";
        case Severity::high: return "\033[31m";
        case Severity::medium: return "\033[33m";
        case Severity::low: return "\033[36m";
        default: return "\033[0m";
    }
}

std::string where_of(const Finding& f) {
    const Counterpart& c = f.counterpart;
    std::string s = c.located_in.empty() ? "??" : c.located_in;
    if (c.asn) s += fmt::format(" AS{}", c.asn);
    if (!c.resolver_operator.empty()) s += " " + c.resolver_operator;
    else if (!c.operator_name.empty()) s += " " + c.operator_name;
    else if (!c.vendor_name.empty()) s += " " + c.vendor_name;
    else if (!c.as_org.empty()) s += " " + c.as_org;
    return s;
}

// One line of the findings table, before fitting and escaping.
struct Row {
    std::string asset, counterpart = "-", name, where, sent = "-", received = "-", flows = "-";
};

Row row_of(const Finding& f) {
    Row row;
    switch (rule_info(f.rule).subject) {
        case RuleSubject::traffic:
            row.asset = f.asset.has_ip ? f.asset.ip.to_string() : "";
            if (row.asset.empty() && !f.asset.macs.empty()) row.asset = f.asset.macs[0].to_string();
            if (f.counterpart->has_ip()) row.counterpart = f.counterpart->ip.to_string();
            if (!f.counterpart->names.empty()) row.name = f.counterpart->names[0].name;
            row.where = where_of(f);
            row.sent = bytes_short(f.bytes_sent);
            row.received = bytes_short(f.bytes_received);
            row.flows = std::to_string(f.flows);
            break;
        case RuleSubject::device:
            if (!f.asset.macs.empty()) row.asset = f.asset.macs[0].to_string();
            if (f.asset.has_ip) row.asset += (row.asset.empty() ? "" : " ") + f.asset.ip.to_string();
            // A merged asset is named (its MAC and address are in the JSON); an SBOM system or a
            // model file has no address at all.
            if (!f.asset.name.empty() && (f.asset.name != row.asset)) row.asset = f.asset.name;
            row.where = fmt::format("{} ({})",
                                    f.asset.mac_vendor_name.empty() ? f.asset.mac_organisation : f.asset.mac_vendor_name,
                                    f.asset.mac_vendor_controlled_by);
            break;
        case RuleSubject::policy:
            if (f.about_exception) {
                row.asset = "exception " + f.about_exception->id;
                row.where = fmt::format("expired {}, {}", f.about_exception->expires.to_string(), f.about_exception->owner);
            }
            break;
    }
    return row;
}

}  // namespace

void write_terminal_report(const ScanReport& r, std::ostream& out, const TerminalStyle& style) {
    const char* bold = style.colour ? "\033[1m" : "";
    const char* reset = style.colour ? "\033[0m" : "";
    out << fmt::format("{}sovscan scan{}: {} input(s), {} packets ({} IP), {} flows", bold, reset, r.inputs.size(),
                       r.packets, r.ip_packets, r.traffic.flows);
    if (r.first_ns) out << fmt::format(", {} .. {}", rfc3339_utc(r.first_ns).substr(0, 19), rfc3339_utc(r.last_ns).substr(0, 19));
    out << fmt::format(" ({:.2f}s)\n", r.elapsed_seconds);
    out << fmt::format("high-risk jurisdictions: {}", fmt::join(r.policy.high_risk_jurisdictions, ", "));
    if (!r.policy.home_networks.empty()) {
        std::vector<std::string> nets;
        for (const auto& c : r.policy.home_networks) nets.push_back(c.to_string());
        out << fmt::format("; home networks: {}", fmt::join(nets, ", "));
    }
    if (!r.policy.file_path.empty()) out << fmt::format("; policy: {}", terminal_safe(r.policy.file_path));
    out << "\n\n";

    // Findings an exception suppresses stay in the JSON/CSV report; the table shows the rest.
    std::vector<const Finding*> shown_findings;
    for (const Finding& f : r.findings)
        if (!f.suppressed()) shown_findings.push_back(&f);
    const size_t suppressed = r.findings.size() - shown_findings.size();

    if (shown_findings.empty()) {
        if (suppressed) out << "No findings outside the policy's exceptions.\n";
        else out << "No findings: no traffic to or from high-risk jurisdictions or operators, no high-risk vendor devices.\n";
    } else {
        const char* hdr = "{:<8} {:<7} {:<39} {:<39} {:<30} {:<28} {:>7} {:>7} {:>5}  {:<19}\n";
        out << fmt::format(fmt::runtime(hdr), "SEVERITY", "RULE", "ASSET", "COUNTERPART", "NAME", "WHERE / WHO", "SENT",
                           "RECV", "FLOWS", "LAST SEEN");
        size_t shown = 0;
        for (const Finding* f : shown_findings) {
            if (shown++ >= style.max_rows) break;
            const Row row = row_of(*f);
            if (style.colour) out << colour_of(f->severity);
            out << fmt::format(fmt::runtime(hdr), severity_label(f->severity), rule_info(f->rule).code,
                               fit(terminal_safe(row.asset), 39), fit(row.counterpart, 39), fit(terminal_safe(row.name), 30),
                               fit(terminal_safe(row.where), 28), row.sent, row.received, row.flows,
                               f->last_ns ? rfc3339_utc(f->last_ns).substr(0, 19) : "");
            if (style.colour) out << reset;
        }
        if (shown_findings.size() > style.max_rows)
            out << fmt::format("... and {} more finding(s) in the JSON/CSV report\n", shown_findings.size() - style.max_rows);
        out << "\n";
        std::vector<std::string> parts;
        for (int s = static_cast<int>(Severity::critical); s >= 0; --s) {
            auto sev = static_cast<Severity>(s);
            auto n = std::count_if(shown_findings.begin(), shown_findings.end(),
                                   [sev](const Finding* f) { return f->severity == sev; });
            if (n) parts.push_back(fmt::format("{} {}", n, severity_label(sev)));
        }
        out << fmt::format("{} finding(s): {}\n", shown_findings.size(), fmt::join(parts, ", "));
    }
    if (r.inventory) {
        const auto& assets = r.inventory->assets;
        auto n = [&](Verdict v) {
            return std::count_if(assets.begin(), assets.end(), [v](const MergedAsset& a) { return a.verdict == v; });
        };
        out << fmt::format("{} asset(s) in the inventory ({} high-risk, {} for review) from {} record(s); "
                           "`sovscan assets` lists them\n",
                           assets.size(), n(Verdict::high_risk), n(Verdict::review), r.inventory->records);
    }
    if (suppressed)
        out << fmt::format("{} {} suppressed by policy exceptions (see JSON)\n", suppressed,
                           suppressed == 1 ? "finding" : "findings");
    for (const auto& p : r.problems)
        out << fmt::format("{}: {}{}{}\n", p.level == ProblemLevel::error ? "error" : "warning", terminal_safe(p.input),
                           p.input.empty() ? "" : ": ", p.message);
    if (r.partial()) out << "warning: results are partial (an input was truncated or corrupt)\n";
    if (r.folding.happened()) out << "note: " << r.folding.note() << "\n";
}

}  // namespace sovscan
