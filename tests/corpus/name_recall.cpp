#include "corpus/name_recall.h"

#include <fmt/format.h>

#include <set>
#include <unordered_map>

namespace sovscan::test {
namespace {

// Transport, then both endpoints in a fixed order, addresses in canonical text: the same key for
// nDPI's "[fe80::1]:5353 -> ..." and sovscan's flow either way round.
std::string five_tuple_key(uint8_t proto, const IpAddress& a, uint16_t pa, const IpAddress& b, uint16_t pb) {
    std::string ea = a.to_string() + "|" + std::to_string(pa), eb = b.to_string() + "|" + std::to_string(pb);
    if (eb < ea) std::swap(ea, eb);
    return std::to_string(proto) + "|" + ea + "|" + eb;
}

std::string five_tuple_key(const NdpiFlow& f) {
    const auto a = IpAddress::parse(f.a), b = IpAddress::parse(f.b);
    if (!a || !b || !f.ip_proto) return {};
    return five_tuple_key(f.ip_proto, *a, f.pa, *b, f.pb);
}

std::string five_tuple_key(const Flow& f) {
    return five_tuple_key(f.proto, f.client_ip, f.client_port, f.server_ip, f.server_port);
}

int outcome_rank(NameOutcome o) {
    switch (o) {
        case NameOutcome::same: return 4;
        case NameOutcome::same_by_dns: return 3;
        case NameOutcome::different: return 2;
        case NameOutcome::unnamed: return 1;
        case NameOutcome::no_flow: return 0;
    }
    return 0;
}

std::string host_port(const std::string& ip, uint16_t port) {
    return (ip.find(':') != std::string::npos ? "[" + ip + "]" : ip) + ":" + std::to_string(port);
}

}  // namespace

void NameRecall::add_capture(const std::string& capture, const std::vector<NdpiFlow>& ndpi, const std::vector<Flow>& ours) {
    ++captures_;
    std::unordered_map<std::string, std::vector<const Flow*>> by_key;
    for (const Flow& f : ours) by_key[five_tuple_key(f)].push_back(&f);

    std::set<std::string> ndpi_keys, ndpi_named_keys;
    for (const NdpiFlow& n : ndpi) {
        const std::string key = five_tuple_key(n);
        ndpi_keys.insert(key);
        if (n.hostname.empty()) continue;
        ndpi_named_keys.insert(key);

        NamedFlow r;
        r.capture = capture;
        r.ndpi = n;
        r.family = ndpi_name_family(n.master);
        r.outcome = NameOutcome::no_flow;
        if (const auto it = by_key.find(key); it != by_key.end()) {
            // The best of the flows on the 5-tuple: the name from the flow itself, from DNS, another name.
            const std::string want = comparable_name(n.hostname);
            r.outcome = NameOutcome::unnamed;
            for (const Flow* f : it->second) {
                if (f->server_name.empty()) continue;
                const bool same = comparable_name(f->server_name) == want;
                const NameOutcome o = !same ? NameOutcome::different
                                      : f->name_source == NameSource::dns ? NameOutcome::same_by_dns
                                                                          : NameOutcome::same;
                if (outcome_rank(o) <= outcome_rank(r.outcome)) continue;
                r.outcome = o;
                r.sovscan_name = f->server_name;
                r.sovscan_source = f->name_source;
            }
        }
        named_.push_back(std::move(r));
    }

    for (const Flow& f : ours) {
        if (f.server_name.empty()) continue;
        const std::string key = five_tuple_key(f);
        if (ndpi_named_keys.count(key)) continue;
        ExtraTally& t = extras_[f.name_source];
        ++(ndpi_keys.count(key) ? t.ndpi_flow_unnamed : t.ndpi_no_flow);
    }
}

FamilyTally NameRecall::tally(NdpiNameFamily family) const {
    FamilyTally t;
    for (const NamedFlow& r : named_) {
        if (r.family != family) continue;
        ++t.named;
        switch (r.outcome) {
            case NameOutcome::same: ++t.same; break;
            case NameOutcome::same_by_dns: ++t.same_by_dns; break;
            case NameOutcome::different: ++t.different; break;
            case NameOutcome::unnamed: ++t.unnamed; break;
            case NameOutcome::no_flow: ++t.no_flow; break;
        }
    }
    return t;
}

bool family_names_the_server(NdpiNameFamily family) {
    return family == NdpiNameFamily::tls || family == NdpiNameFamily::quic || family == NdpiNameFamily::http;
}

bool is_miss(const NamedFlow& r) { return family_names_the_server(r.family) && r.outcome != NameOutcome::same; }

std::string endpoints_label(const NdpiFlow& f) {
    return f.transport + " " + host_port(f.a, f.pa) + (f.one_way ? " -> " : " <-> ") + host_port(f.b, f.pb);
}

namespace {

// Names in the Markdown tables are from captures: keep them from breaking a table row.
std::string cell(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += "\\|";
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += '?';
        else out += c;
    }
    return out;
}

std::string what_sovscan_has(const NamedFlow& r) {
    switch (r.outcome) {
        case NameOutcome::same: return "same";
        case NameOutcome::same_by_dns: return fmt::format("`{}` (dns only)", cell(r.sovscan_name));
        case NameOutcome::different:
            return fmt::format("`{}` ({})", cell(r.sovscan_name), name_source_label(r.sovscan_source));
        case NameOutcome::unnamed: return "no name";
        case NameOutcome::no_flow: return "no flow";
    }
    return "?";
}

const char* family_note(NdpiNameFamily f) {
    switch (f) {
        case NdpiNameFamily::tls: return "SNI (certificate CN without SNI)";
        case NdpiNameFamily::quic: return "SNI of the ClientHello / CHLO";
        case NdpiNameFamily::http: return "Host header";
        case NdpiNameFamily::dns: return "by design: the query; the server is the resolver";
        case NdpiNameFamily::mdns: return "by design: a multicast question or answer";
        case NdpiNameFamily::llmnr: return "by design: a multicast query";
        case NdpiNameFamily::netbios: return "by design: a broadcast name query or announcement";
        case NdpiNameFamily::dhcp: return "by design: the client's own host name (a device attribute)";
        case NdpiNameFamily::ssdp: return "by design: the multicast group in HOST";
        case NdpiNameFamily::other: return "informational: banners, STUN, MGCP, Munin, Whois, ...";
    }
    return "";
}

}  // namespace

std::string name_recall_markdown(const NameRecall& recall, const std::function<std::string(const NamedFlow&)>& cause_of,
                                 const std::map<std::string, std::string>& cause_text) {
    std::string md = fmt::format(
        "# Server names compared with nDPI\n\n"
        "{} nDPI captures; every flow ndpiReader names (`[Hostname/SNI: ...]`) against sovscan's\n"
        "`server_name` on the same transport, addresses and ports (method: docs/observe.md).\n"
        "Generated by `test_corpus --gtest_filter=NdpiNameRecall.*`.\n\n"
        "| family | nDPI-named flows | same name | of which from DNS only | different | no name | no flow | recall | what nDPI's name is |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---|\n",
        recall.captures());
    FamilyTally server_families;
    for (NdpiNameFamily f : kNdpiNameFamilies) {
        const FamilyTally t = recall.tally(f);
        if (!t.named) continue;
        // A recall of names sovscan is not meant to give would read as a failure: the counts say it.
        const std::string recall_cell =
            family_names_the_server(f) ? fmt::format("{:.1f}%", t.recall_percent()) : std::string("n/a");
        md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", ndpi_name_family_label(f), t.named,
                          t.same_name(), t.same_by_dns, t.different, t.unnamed, t.no_flow, recall_cell, family_note(f));
        if (!family_names_the_server(f)) continue;
        server_families.named += t.named;
        server_families.same += t.same;
        server_families.same_by_dns += t.same_by_dns;
        server_families.different += t.different;
        server_families.unnamed += t.unnamed;
        server_families.no_flow += t.no_flow;
    }
    md += fmt::format("| **TLS + QUIC + HTTP** | {} | {} | {} | {} | {} | {} | {:.1f}% | server names |\n\n",
                      server_families.named, server_families.same_name(), server_families.same_by_dns,
                      server_families.different,
                      server_families.unnamed, server_families.no_flow, server_families.recall_percent());

    md += "## Names only sovscan gives\n\n"
          "Flows sovscan names on a 5-tuple nDPI gives no name to, by how sovscan learnt the name.\n\n"
          "| source | nDPI has the flow, unnamed | nDPI has no such flow | total |\n|---|---:|---:|---:|\n";
    ExtraTally all;
    for (const auto& [source, t] : recall.extras()) {
        md += fmt::format("| {} | {} | {} | {} |\n", name_source_label(source), t.ndpi_flow_unnamed, t.ndpi_no_flow,
                          t.ndpi_flow_unnamed + t.ndpi_no_flow);
        all.ndpi_flow_unnamed += t.ndpi_flow_unnamed;
        all.ndpi_no_flow += t.ndpi_no_flow;
    }
    md += fmt::format("| **all** | {} | {} | {} |\n\n", all.ndpi_flow_unnamed, all.ndpi_no_flow,
                      all.ndpi_flow_unnamed + all.ndpi_no_flow);

    md += "## TLS, QUIC and HTTP flows whose own protocol did not give nDPI's name, by cause\n\n";
    std::map<std::string, std::vector<const NamedFlow*>> by_cause;
    for (const NamedFlow& r : recall.named_flows())
        if (is_miss(r)) by_cause[cause_of(r)].push_back(&r);
    for (const auto& [cause, flows] : by_cause) {
        const auto text = cause_text.find(cause);
        md += fmt::format("### `{}` ({} flow{})\n\n{}\n\n| capture | family | flow | nDPI | sovscan |\n|---|---|---|---|---|\n",
                          cause.empty() ? "unexplained" : cause, flows.size(), flows.size() == 1 ? "" : "s",
                          text == cause_text.end() ? "Not reviewed yet." : text->second);
        for (const NamedFlow* r : flows)
            md += fmt::format("| `{}` | {} | {} | `{}` | {} |\n", r->capture, ndpi_name_family_label(r->family),
                              endpoints_label(r->ndpi), cell(r->ndpi.hostname), what_sovscan_has(*r));
        md += "\n";
    }
    if (by_cause.empty()) md += "None.\n\n";

    md += "## The other names nDPI gives\n\n"
          "Informational: what nDPI reads a name from in protocols sovscan does not take a server name from.\n\n"
          "| capture | nDPI protocol | flow | nDPI | sovscan |\n|---|---|---|---|---|\n";
    for (const NamedFlow& r : recall.named_flows())
        if (r.family == NdpiNameFamily::other)
            md += fmt::format("| `{}` | {} | {} | `{}` | {} |\n", r.capture, cell(r.ndpi.master), endpoints_label(r.ndpi),
                              cell(r.ndpi.hostname), what_sovscan_has(r));
    return md;
}

}  // namespace sovscan::test
