#include "report/csv_report.h"

#include <fmt/format.h>

#include "common/escape.h"
#include "common/time_format.h"

namespace sovscan {

namespace {

// "us-fcc-covered-list;us-dod-1260h": the lists naming the finding's vendors, each once.
std::string designation_ids(const Finding& f) {
    std::string out;
    for (const FindingDesignation& d : f.designations) {
        if (out.find(d.list_id) != std::string::npos) continue;
        if (!out.empty()) out += ';';
        out += d.list_id;
    }
    return out;
}

// "10.0.0.3:3128;[2001:db8::3]:8080": the explicit proxies a counterpart was reached through.
std::string proxies(const Counterpart& c) {
    std::string out;
    for (const ProxyRef& p : c.proxies) out += (out.empty() ? "" : ";") + p.to_string();
    return out;
}

}  // namespace

void write_csv_findings(const ScanReport& r, std::ostream& out) {
    out << "severity,confidence,rule_id,rule,asset_ip,asset_mac,counterpart_ip,counterpart_name,name_source,"
           "located_in,registry_country,asn,as_org,operator,operator_controlled_by,vendor,vendor_controlled_by,"
           "jurisdictions,bytes_sent,bytes_received,flows,first_seen,last_seen,server_ports,summary,suppressed_by,"
           "proxies,name_dns_basis,designations,report_partial,report_counterparts_folded\r\n";
    // Every row says whether the run's results are partial: a CSV has no place for a banner.
    const std::string partial = r.partial() ? "true" : "false";
    // And how many counterparts without a finding the memory bound folded (0: none; JSON `folding`).
    const std::string folded = std::to_string(r.folding.stats.counterparts);
    for (const Finding& f : r.findings) {
        const Counterpart& c = f.counterpart;
        const RuleSubject subject = rule_info(f.rule).subject;
        const bool device = subject == RuleSubject::device;
        std::string cells[] = {
            severity_label(f.severity),
            f.confidence,
            std::string(rule_info(f.rule).code),
            std::string(rule_info(f.rule).slug),
            f.asset.has_ip ? f.asset.ip.to_string() : "",
            f.asset.macs.empty() ? "" : f.asset.macs[0].to_string(),
            subject == RuleSubject::traffic && c.has_ip() ? c.ip.to_string() : "",
            c.names.empty() ? "" : printable(c.names[0].name),
            c.names.empty() ? "" : c.names[0].how,
            c.located_in,
            c.registry_country,
            c.asn ? std::to_string(c.asn) : "",
            c.as_org,
            device ? f.asset.mac_organisation.str() : c.operator_name,
            c.operator_controlled_by,
            device ? f.asset.mac_vendor_name.str() : c.vendor_name,
            device ? f.asset.mac_vendor_controlled_by.str() : c.vendor_controlled_by,
            fmt::format("{}", fmt::join(f.jurisdictions, ";")),
            std::to_string(f.bytes_sent),
            std::to_string(f.bytes_received),
            std::to_string(f.flows),
            f.first_ns ? rfc3339_utc(f.first_ns) : "",
            f.last_ns ? rfc3339_utc(f.last_ns) : "",
            fmt::format("{}", fmt::join(f.server_ports, ";")),
            f.summary,
            f.suppressed_by ? f.suppressed_by->id : "",
            proxies(c),
            c.names.empty() ? "" : c.names[0].dns_basis,
            designation_ids(f),
            partial,
            folded,
        };
        bool first = true;
        for (const std::string& cell : cells) {
            if (!first) out << ',';
            first = false;
            // Summaries are readable already; names from intel, the catalogue and the policy are
            // not. readable_again() makes both safe for a terminal without escaping a summary twice.
            out << csv_cell(readable_again(cell));
        }
        out << "\r\n";
    }
}

}  // namespace sovscan
