#include "sources/suricata_eve.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/host_name.h"
#include "common/json_nesting.h"
#include "common/time_format.h"
#include "sources/log_values.h"

namespace sovscan {

using nlohmann::json;

const char* eve_kind_label(EveKind k) {
    switch (k) {
        case EveKind::flow: return "flow";
        case EveKind::netflow: return "netflow";
        case EveKind::dns: return "dns";
        case EveKind::tls: return "tls";
        case EveKind::http: return "http";
        case EveKind::quic: return "quic";
        case EveKind::dhcp: return "dhcp";
        case EveKind::alert: return "alert";
        case EveKind::anomaly: return "anomaly";
        case EveKind::fileinfo: return "fileinfo";
        case EveKind::ssh: return "ssh";
        case EveKind::stats: return "stats";
        case EveKind::other: return "other";
    }
    return "other";
}

namespace {

// EVE nests a few levels (stats go deepest, about 6); far more is no EVE.
constexpr int kMaxJsonDepth = 32;

const json* member(const json& o, std::string_view key) {
    if (!o.is_object()) return nullptr;
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return nullptr;
    return &*it;
}

// Typed reads: a value of another type counts as invalid and reads as absent.
std::string text(const json& o, std::string_view key, EveContext& cx) {
    const json* v = member(o, key);
    if (!v) return {};
    if (!v->is_string()) {
        ++cx.invalid_values;
        return {};
    }
    return v->get<std::string>();
}
std::optional<uint64_t> count(const json& o, std::string_view key, EveContext& cx) {
    const json* v = member(o, key);
    if (!v) return std::nullopt;
    if (v->is_number_unsigned()) return v->get<uint64_t>();
    if (v->is_number_integer() && v->get<int64_t>() >= 0) return uint64_t(v->get<int64_t>());
    ++cx.invalid_values;
    return std::nullopt;
}
std::optional<IpAddress> address(const json& o, std::string_view key, EveContext& cx) {
    const std::string t = text(o, key, cx);
    if (t.empty()) return std::nullopt;
    auto a = IpAddress::parse(t);
    if (!a) ++cx.invalid_values;
    return a;
}
std::optional<int64_t> time(const json& o, std::string_view key, EveContext& cx) {
    const std::string t = text(o, key, cx);
    if (t.empty()) return std::nullopt;
    auto v = parse_iso8601(t);
    if (!v) ++cx.invalid_values;
    return v;
}
const json* object(const json& o, std::string_view key, EveContext& cx) {
    const json* v = member(o, key);
    if (!v) return nullptr;
    if (!v->is_object()) {
        ++cx.invalid_values;
        return nullptr;
    }
    return v;
}

// The 5-tuple, time and link-layer facts every event of a flow carries.
bool endpoints(const EveEvent& e, EveContext& cx, FlowRecord& f) {
    const json& d = e.doc;
    const auto src = address(d, "src_ip", cx), dst = address(d, "dest_ip", cx);
    if (!src || !dst) return false;
    f.src_ip = *src;
    f.dst_ip = *dst;
    auto port = [&](std::string_view key) -> uint16_t {
        const auto p = count(d, key, cx);
        if (p && *p > 65535) {
            ++cx.invalid_values;
            return 0;
        }
        return uint16_t(p.value_or(0));
    };
    f.src_port = port("src_port");
    f.dst_port = port("dest_port");
    if (const json* p = member(d, "proto")) {
        std::optional<uint8_t> proto;
        if (p->is_string()) proto = parse_transport(p->get<std::string>());
        else if (p->is_number_unsigned() && p->get<uint64_t>() <= 255) proto = uint8_t(p->get<uint64_t>());
        if (proto) f.proto = *proto;
        else ++cx.invalid_values;
    }
    f.first_ns = f.last_ns = time(d, "timestamp", cx).value_or(0);
    if (const json* ether = object(d, "ether", cx)) {  // Suricata 7: the flow's or packet's MACs
        const std::string s = text(*ether, "src_mac", cx), t = text(*ether, "dest_mac", cx);
        const auto a = MacAddress::parse(s), b = MacAddress::parse(t);
        if (a && b) {
            f.has_macs = true;
            f.src_mac = *a;
            f.dst_mac = *b;
        }
    }
    if (const json* vlan = member(d, "vlan"); vlan && vlan->is_array() && !vlan->empty() &&
                                               vlan->front().is_number_unsigned() && vlan->front().get<uint64_t>() < 4096)
        f.vlan = uint16_t(vlan->front().get<uint64_t>());
    f.input_index = cx.input_index;
    return true;
}

// flow.{pkts,bytes}_to{server,client}, start, end: in a flow event and (so far) in an alert's.
void flow_counts(const json& fl, EveContext& cx, FlowRecord& f) {
    f.packets[0] = count(fl, "pkts_toserver", cx).value_or(0);
    f.packets[1] = count(fl, "pkts_toclient", cx).value_or(0);
    f.bytes[0] = count(fl, "bytes_toserver", cx).value_or(0);
    f.bytes[1] = count(fl, "bytes_toclient", cx).value_or(0);
    if (const auto start = time(fl, "start", cx)) f.first_ns = *start;
    if (const auto end = time(fl, "end", cx)) f.last_ns = *end;
    if (f.last_ns < f.first_ns) f.last_ns = f.first_ns;
}

void offer(FlowRecord& f, NameSource source, std::string name) {
    if (name.empty() || source <= f.name_source) return;
    f.server_name = std::move(name);
    f.name_source = source;
}

// What the app-layer objects of an event say: tls, http, quic.
bool app_layer(const json& d, EveContext& cx, FlowRecord& f) {
    bool any = false;
    if (const json* tls = object(d, "tls", cx)) {
        any = true;
        offer(f, NameSource::sni, log_server_name(text(*tls, "sni", cx)));
        offer(f, NameSource::tls_certificate, subject_common_name(text(*tls, "subject", cx)));
    }
    if (const json* http = object(d, "http", cx)) {
        any = true;
        offer(f, NameSource::http_host, log_http_host(text(*http, "hostname", cx)));
        if (f.http_user_agent.empty()) f.http_user_agent = text(*http, "http_user_agent", cx);
        // Logged with `dump-all-headers`: the response's Server header.
        if (const json* headers = member(*http, "response_headers"); headers && headers->is_array()) {
            for (const json& h : *headers) {
                const std::string name = text(h, "name", cx);
                if (name.size() == 6 && (name[0] == 'S' || name[0] == 's') && name.substr(1) == "erver") {
                    f.http_server = text(h, "value", cx);
                    break;
                }
            }
        }
    }
    if (const json* quic = object(d, "quic", cx)) {
        any = true;
        offer(f, NameSource::quic_sni, log_server_name(text(*quic, "sni", cx)));
        if (f.http_user_agent.empty()) f.http_user_agent = text(*quic, "ua", cx);
    }
    return any;
}

}  // namespace

std::optional<EveEvent> parse_eve_event(std::string_view line, std::string& problem) {
    if (json_nesting_exceeds(line, kMaxJsonDepth)) {
        problem = "JSON nested deeper than an EVE event";
        return std::nullopt;
    }
    EveEvent e;
    e.doc = json::parse(line.begin(), line.end(), nullptr, false);
    if (e.doc.is_discarded()) {
        problem = "not JSON";
        return std::nullopt;
    }
    const json* type = member(e.doc, "event_type");
    if (!type || !type->is_string()) {
        problem = e.doc.is_object() ? "no event_type" : "not a JSON object";
        return std::nullopt;
    }
    static constexpr std::array<EveKind, 12> kKinds = {EveKind::flow, EveKind::netflow, EveKind::dns,
                                                       EveKind::tls,  EveKind::http,    EveKind::quic,
                                                       EveKind::dhcp, EveKind::alert,   EveKind::anomaly,
                                                       EveKind::fileinfo, EveKind::ssh, EveKind::stats};
    const std::string& t = type->get_ref<const std::string&>();
    for (EveKind k : kKinds)
        if (t == eve_kind_label(k)) e.kind = k;
    if (const json* id = member(e.doc, "flow_id")) {
        if (id->is_number_unsigned() || id->is_number_integer()) e.flow_key = id->dump();
        else if (id->is_string()) e.flow_key = id->get<std::string>();
    }
    if (const json* c = member(e.doc, "community_id"); c && c->is_string()) e.community_id = c->get<std::string>();
    return e;
}

std::optional<FlowRecord> eve_flow(const EveEvent& e, EveContext& cx) {
    FlowRecord f;
    if (!endpoints(e, cx, f)) return std::nullopt;
    if (e.kind == EveKind::flow) {
        f.src_began = true;  // Suricata's flow src is who sent its first packet
        if (const json* fl = object(e.doc, "flow", cx)) flow_counts(*fl, cx, f);
    } else {
        // One direction of the flow, as NetFlow would export it: src sent these packets.
        if (const json* nf = object(e.doc, "netflow", cx)) {
            f.packets[0] = count(*nf, "pkts", cx).value_or(0);
            f.bytes[0] = count(*nf, "bytes", cx).value_or(0);
            if (const auto start = time(*nf, "start", cx)) f.first_ns = *start;
            if (const auto end = time(*nf, "end", cx)) f.last_ns = *end;
            if (f.last_ns < f.first_ns) f.last_ns = f.first_ns;
        }
    }
    return f;
}

std::optional<FlowNote> eve_flow_note(const EveEvent& e, EveContext& cx) {
    FlowNote n;
    FlowRecord& f = n.flow;
    if (!endpoints(e, cx, f)) return std::nullopt;
    const bool named = app_layer(e.doc, cx, f);
    if (e.kind == EveKind::alert) {
        // An alert's direction is the packet's that matched, not the flow's: the service port decides.
        if (const json* fl = object(e.doc, "flow", cx)) flow_counts(*fl, cx, f);
        return n;
    }
    if (!named) return std::nullopt;
    // Transaction events (tls, http, quic) are logged in the flow's direction; fileinfo in the
    // file's, which may be the server's: only the service port decides there.
    f.src_began = e.kind == EveKind::tls || e.kind == EveKind::http || e.kind == EveKind::quic;
    return n;
}

std::vector<AssetRecord> eve_device_records(const EveEvent& e, EveContext& cx) {
    std::vector<AssetRecord> out;
    const AssetSource where{AssetSourceKind::traffic, cx.file, fmt::format("line {}", cx.line),
                            fmt::format("Suricata EVE {}", eve_kind_label(e.kind))};
    auto source = [&](std::string_view field) {
        AssetSource s = where;
        s.detail = fmt::format("{} {}", s.detail, field);
        return s;
    };
    if (e.kind == EveKind::dhcp) {
        const json* dhcp = object(e.doc, "dhcp", cx);
        if (!dhcp) return out;
        AssetRecord a;
        a.source = where;
        if (const auto mac = MacAddress::parse(text(*dhcp, "client_mac", cx))) a.macs.push_back(*mac);
        for (std::string_view key : {"assigned_ip", "client_ip"}) {
            if (auto ip = address(*dhcp, key, cx); ip && !ip->is_unspecified()) {
                if (std::find(a.ips.begin(), a.ips.end(), *ip) == a.ips.end()) a.ips.push_back(*ip);
                a.add_attribute("ip", ip->to_string(), "high", source(key));
            }
        }
        const std::string host = text(*dhcp, "hostname", cx);
        a.add_attribute("hostname", host, "high", source("hostname (DHCP option 12)"));
        a.add_attribute("vendor_class", text(*dhcp, "vendor_class_identifier", cx), "high",
                        source("vendor_class_identifier (DHCP option 60)"));
        std::string key = log_server_name(host);
        if (key.ends_with(".local")) key.resize(key.size() - 6);
        if (!key.empty()) a.hostnames.push_back(key);
        if (!a.ips.empty() || !a.macs.empty()) out.push_back(std::move(a));
    } else if (e.kind == EveKind::ssh) {
        const json* ssh = object(e.doc, "ssh", cx);
        if (!ssh) return out;
        FlowRecord f;
        if (!endpoints(e, cx, f)) return out;
        for (const auto& [side, ip] : {std::pair<std::string_view, IpAddress>{"client", f.src_ip}, {"server", f.dst_ip}}) {
            const json* o = object(*ssh, side, cx);
            if (!o) continue;
            const std::string version = text(*o, "software_version", cx);
            if (version.empty()) continue;
            AssetRecord a;
            a.source = where;
            a.ips.push_back(ip);
            SoftwareComponent c;
            c.name = version;
            c.kind = "application";
            c.source = source(fmt::format("ssh.{}.software_version", side));
            a.software.push_back(std::move(c));
            out.push_back(std::move(a));
        }
    }
    return out;
}

bool EveDnsAnswers::continues(const EveEvent& e) const {
    return pending_v1_ && e.kind == EveKind::dns && !e.flow_key.empty() && key_.starts_with(e.flow_key + "/") &&
           [&] {
               const json* dns = member(e.doc, "dns");
               const json* id = dns ? member(*dns, "id") : nullptr;
               return id && key_ == e.flow_key + "/" + id->dump();
           }();
}

void EveDnsAnswers::read(const EveEvent& e, EveContext& cx) {
    const json* dns = object(e.doc, "dns", cx);
    if (!dns) return;
    const std::string type = text(*dns, "type", cx);
    const auto version = count(*dns, "version", cx).value_or(1);
    // v3 (Suricata 8) writes one event per response with no `type`; v1/v2 mark queries "query".
    if (type == "query" || (type.empty() && version < 3)) return;
    FlowRecord ends;
    if (!endpoints(e, cx, ends)) return;
    // Who asked: Suricata before 7 logs an answer in the answer's direction (src = the resolver),
    // 7 and later in the flow's (src = the client). The DNS port tells them apart.
    // mDNS announces devices (observe reads it as such); it names no server a client chose.
    if (ends.src_port == 5353 || ends.dst_port == 5353) return;
    auto dns_port = [](uint16_t p) { return p == 53 || p == 853; };
    const bool src_is_resolver = dns_port(ends.src_port) && !dns_port(ends.dst_port);
    const IpAddress client = src_is_resolver ? ends.dst_ip : ends.src_ip;
    const IpAddress resolver = src_is_resolver ? ends.src_ip : ends.dst_ip;

    auto take = [&](std::string_view rrtype, std::string_view rdata) {
        if (rrtype == "A" || rrtype == "AAAA") {
            if (auto ip = IpAddress::parse(rdata)) answer_.addresses.push_back(*ip);
            else ++cx.invalid_values;
        } else if (rrtype == "CNAME" && looks_like_host_name(rdata)) {
            answer_.cnames.push_back(log_server_name(rdata));
        }
    };
    const json* answers = member(*dns, "answers");
    const bool v1 = version < 2 && !answers && member(*dns, "rdata");
    if (v1 && pending_) {  // the next answer of the response held
        take(text(*dns, "rrtype", cx), text(*dns, "rdata", cx));
        return;
    }
    answer_ = DnsAnswerRecord{};
    answer_.client = client;
    answer_.resolver = resolver;
    answer_.ts_ns = ends.first_ns;
    answer_.input_index = cx.input_index;
    std::string query = text(*dns, "rrname", cx);
    if (const json* queries = member(*dns, "queries"); queries && queries->is_array() && !queries->empty())
        query = text(queries->front(), "rrname", cx);  // v3
    answer_.query = log_server_name(query);
    pending_ = true;
    pending_v1_ = v1;
    if (v1) {
        const json* id = member(*dns, "id");
        key_ = e.flow_key + "/" + (id ? id->dump() : std::string());
        take(text(*dns, "rrtype", cx), text(*dns, "rdata", cx));
        return;
    }
    if (answers && answers->is_array()) {
        for (const json& a : *answers) take(text(a, "rrtype", cx), text(a, "rdata", cx));
    } else if (const json* grouped = object(*dns, "grouped", cx)) {
        for (const char* rrtype : {"CNAME", "A", "AAAA"}) {
            const json* list = member(*grouped, rrtype);
            if (!list || !list->is_array()) continue;
            for (const json& v : *list)
                if (v.is_string()) take(rrtype, v.get<std::string>());
                else ++cx.invalid_values;
        }
    } else if (answers) {
        ++cx.invalid_values;
    }
}

}  // namespace sovscan
