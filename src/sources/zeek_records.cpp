#include "sources/zeek_records.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/host_name.h"
#include "sources/log_values.h"

namespace sovscan {

const char* zeek_log_kind_label(ZeekLogKind k) {
    switch (k) {
        case ZeekLogKind::conn: return "conn";
        case ZeekLogKind::dns: return "dns";
        case ZeekLogKind::ssl: return "ssl";
        case ZeekLogKind::http: return "http";
        case ZeekLogKind::x509: return "x509";
        case ZeekLogKind::quic: return "quic";
        case ZeekLogKind::dhcp: return "dhcp";
        case ZeekLogKind::software: return "software";
        case ZeekLogKind::known_services: return "known_services";
        case ZeekLogKind::other: return "other";
    }
    return "other";
}

ZeekLogKind zeek_log_kind(const ZeekRecord& r) {
    static constexpr std::array<std::pair<std::string_view, ZeekLogKind>, 9> kPaths = {{
        {"conn", ZeekLogKind::conn},
        {"dns", ZeekLogKind::dns},
        {"ssl", ZeekLogKind::ssl},
        {"http", ZeekLogKind::http},
        {"x509", ZeekLogKind::x509},
        {"quic", ZeekLogKind::quic},
        {"dhcp", ZeekLogKind::dhcp},
        {"software", ZeekLogKind::software},
        {"known_services", ZeekLogKind::known_services},
    }};
    if (!r.path().empty()) {
        for (const auto& [path, kind] : kPaths)
            if (r.path() == path) return kind;
        return ZeekLogKind::other;
    }
    // Keys only one log has, most specific first (quic.log shares server_name with ssl.log).
    auto any = [&](std::initializer_list<std::string_view> keys) {
        return std::any_of(keys.begin(), keys.end(), [&](std::string_view k) { return r.has(k); });
    };
    if (any({"client_initial_dcid", "server_scid"})) return ZeekLogKind::quic;
    if (any({"certificate.subject", "san.dns", "certificate.serial"})) return ZeekLogKind::x509;
    if (any({"software_type", "unparsed_version"})) return ZeekLogKind::software;
    if (r.has("port_num") && !r.has("uid")) return ZeekLogKind::known_services;
    if (any({"conn_state", "orig_ip_bytes", "missed_bytes", "history"})) return ZeekLogKind::conn;
    if (any({"qtype", "qtype_name", "query", "rcode_name"})) return ZeekLogKind::dns;
    if (any({"method", "user_agent", "trans_depth", "status_code"})) return ZeekLogKind::http;
    if (any({"cipher", "cert_chain_fuids", "cert_chain_fps", "ssl_history", "ja3"}) || r.has("server_name"))
        return ZeekLogKind::ssl;
    if (any({"msg_types", "assigned_ip", "assigned_addr", "lease_time"})) return ZeekLogKind::dhcp;
    return ZeekLogKind::other;
}

namespace {

// Typed reads: a value of the wrong type counts as invalid and reads as unset.
// A container where a scalar belongs (a JSON array) is of the wrong type too.
std::optional<std::string_view> scalar(const ZeekRecord& r, std::string_view f, ZeekContext& cx) {
    const auto t = r.text(f);
    if (!t && r.has(f)) ++cx.invalid_values;
    return t;
}
std::optional<IpAddress> addr(const ZeekRecord& r, std::string_view f, ZeekContext& cx) {
    const auto t = scalar(r, f, cx);
    if (!t) return std::nullopt;
    auto a = IpAddress::parse(*t);
    if (!a) ++cx.invalid_values;
    return a;
}
template <typename T>
std::optional<T> typed(const ZeekRecord& r, std::string_view f, ZeekContext& cx,
                       std::optional<T> (*parse)(std::string_view)) {
    const auto t = scalar(r, f, cx);
    if (!t) return std::nullopt;
    auto v = parse(*t);
    if (!v) ++cx.invalid_values;
    return v;
}
std::string str(const ZeekRecord& r, std::string_view f) {
    const auto t = r.text(f);
    return t ? std::string(*t) : std::string();
}

// The endpoints every record of a connection carries (id.orig_h ...), its time and input.
bool endpoints(const ZeekRecord& r, ZeekContext& cx, FlowRecord& f) {
    const auto orig = addr(r, "id.orig_h", cx), resp = addr(r, "id.resp_h", cx);
    if (!orig || !resp) return false;
    f.src_ip = *orig;
    f.dst_ip = *resp;
    f.src_port = typed<uint16_t>(r, "id.orig_p", cx, parse_port).value_or(0);
    f.dst_port = typed<uint16_t>(r, "id.resp_p", cx, parse_port).value_or(0);
    // Zeek's originator sent the first packet it saw of the connection: the client.
    f.src_began = true;
    f.first_ns = f.last_ns = typed<int64_t>(r, "ts", cx, parse_log_time).value_or(0);
    f.input_index = cx.input_index;
    return true;
}

AssetSource source_of(const ZeekContext& cx, std::string detail) {
    return AssetSource{AssetSourceKind::traffic, cx.file, fmt::format("line {}", cx.line), std::move(detail)};
}

void add_ip(AssetRecord& a, const IpAddress& ip) {
    if (ip.is_unspecified()) return;
    if (std::find(a.ips.begin(), a.ips.end(), ip) == a.ips.end()) a.ips.push_back(ip);
}

std::string host_key(std::string_view name) {
    std::string h = log_server_name(name);
    if (h.ends_with(".local")) h.resize(h.size() - 6);
    return h;
}

}  // namespace

std::optional<FlowRecord> zeek_conn_flow(const ZeekRecord& r, ZeekContext& cx) {
    FlowRecord f;
    if (!endpoints(r, cx, f)) return std::nullopt;
    std::optional<uint8_t> proto = typed<uint8_t>(r, "proto", cx, parse_transport);
    if (!proto) proto = typed<uint8_t>(r, "ip_proto", cx, parse_transport);
    f.proto = proto.value_or(0);
    if (f.proto == 1 || f.proto == 58) f.src_port = f.dst_port = 0;  // Zeek puts ICMP type and code there
    if (const auto d = typed<int64_t>(r, "duration", cx, parse_interval)) f.last_ns = f.first_ns + *d;
    // L3 bytes (IP headers included), as a capture counts them; orig_bytes/resp_bytes are payload.
    f.packets[0] = typed<uint64_t>(r, "orig_pkts", cx, parse_count).value_or(0);
    f.packets[1] = typed<uint64_t>(r, "resp_pkts", cx, parse_count).value_or(0);
    f.bytes[0] = typed<uint64_t>(r, "orig_ip_bytes", cx, parse_count).value_or(0);
    f.bytes[1] = typed<uint64_t>(r, "resp_ip_bytes", cx, parse_count).value_or(0);
    // policy/protocols/conn/mac-logging and vlan-logging add these.
    const auto orig_mac = r.text("orig_l2_addr"), resp_mac = r.text("resp_l2_addr");
    if (orig_mac && resp_mac) {
        const auto a = MacAddress::parse(*orig_mac), b = MacAddress::parse(*resp_mac);
        if (a && b) {
            f.has_macs = true;
            f.src_mac = *a;
            f.dst_mac = *b;
        } else {
            ++cx.invalid_values;
        }
    }
    f.vlan = typed<uint16_t>(r, "vlan", cx, parse_port).value_or(0);
    return f;
}

std::optional<DnsAnswerRecord> zeek_dns_answer(const ZeekRecord& r, ZeekContext& cx) {
    const auto client = addr(r, "id.orig_h", cx), resolver = addr(r, "id.resp_h", cx);
    if (!client || !resolver) return std::nullopt;
    // mDNS announces devices (observe reads it as such); it names no server a client chose.
    if (r.text("id.resp_p") == std::optional<std::string_view>("5353")) return std::nullopt;
    DnsAnswerRecord a;
    a.client = *client;
    a.resolver = *resolver;
    a.query = log_server_name(str(r, "query"));
    a.ts_ns = typed<int64_t>(r, "ts", cx, parse_log_time).value_or(0);
    a.input_index = cx.input_index;
    // `answers` holds each answer's data: addresses for A/AAAA, names for CNAME (and PTR, MX ...,
    // which come without addresses and so name nothing), "TXT 12 ..." for text.
    for (std::string_view item : r.items("answers")) {
        if (auto ip = IpAddress::parse(item)) {
            a.addresses.push_back(*ip);
        } else if (looks_like_host_name(item)) {
            a.cnames.push_back(log_server_name(item));
        }
    }
    if (a.addresses.empty() || a.query.empty()) return std::nullopt;
    return a;
}

std::optional<ZeekNote> zeek_flow_note(const ZeekRecord& r, ZeekLogKind kind, ZeekContext& cx) {
    ZeekNote n;
    FlowRecord& f = n.note.flow;
    if (!endpoints(r, cx, f)) return std::nullopt;
    n.uid = str(r, "uid");
    n.community_id = str(r, "community_id");
    switch (kind) {
        case ZeekLogKind::ssl: {
            f.proto = 6;
            if (const auto sni = r.text("server_name"); sni && !sni->empty()) {
                f.server_name = log_server_name(*sni);
                f.name_source = NameSource::sni;
            } else if (const auto subject = r.text("subject")) {  // older ssl.log: the leaf's subject
                f.server_name = subject_common_name(*subject);
                if (!f.server_name.empty()) f.name_source = NameSource::tls_certificate;
            }
            // The leaf comes first in the chain: its file id (older) or fingerprint (newer).
            for (std::string_view chain : {"cert_chain_fuids", "cert_chain_fps"}) {
                const auto refs = r.items(chain);
                if (!refs.empty() && n.note.certificate.empty()) n.note.certificate = std::string(refs.front());
            }
            break;
        }
        case ZeekLogKind::http: {
            f.proto = 6;
            if (const auto host = r.text("host")) {
                f.server_name = log_http_host(*host);
                if (!f.server_name.empty()) f.name_source = NameSource::http_host;
            }
            f.http_user_agent = str(r, "user_agent");
            break;
        }
        case ZeekLogKind::quic: {
            f.proto = 17;
            if (const auto sni = r.text("server_name"); sni && !sni->empty()) {
                f.server_name = log_server_name(*sni);
                f.name_source = NameSource::quic_sni;
            }
            break;
        }
        default: return std::nullopt;
    }
    return n;
}

ZeekCertificate zeek_certificate(const ZeekRecord& r) {
    ZeekCertificate c;
    for (std::string_view key : {"id", "fuid", "fingerprint"})
        if (const auto v = r.text(key); v && !v->empty()) c.refs.emplace_back(*v);
    for (std::string_view san : r.items("san.dns")) {
        if (looks_like_host_name(san)) {
            c.name = log_server_name(san);
            return c;
        }
    }
    if (const auto subject = r.text("certificate.subject")) c.name = subject_common_name(*subject);
    return c;
}

std::optional<AssetRecord> zeek_device_record(const ZeekRecord& r, ZeekLogKind kind, ZeekContext& cx) {
    AssetRecord a;
    const std::string log = fmt::format("Zeek {}.log", zeek_log_kind_label(kind));
    a.source = source_of(cx, log);
    auto said = [&](const char* name, std::string value, const char* confidence, const char* field) {
        a.add_attribute(name, std::move(value), confidence, source_of(cx, fmt::format("{} {}", log, field)));
    };
    switch (kind) {
        case ZeekLogKind::dhcp: {
            if (const auto m = r.text("mac")) {
                if (auto mac = MacAddress::parse(*m))
                    a.macs.push_back(*mac);
                else
                    ++cx.invalid_values;
            }
            // Newer dhcp.log: client_addr (ciaddr) and assigned_addr; older: assigned_ip.
            for (std::string_view f : {"assigned_addr", "assigned_ip", "client_addr"}) {
                if (auto ip = addr(r, f, cx)) {
                    add_ip(a, *ip);
                    said("ip", ip->to_string(), "high", f == std::string_view("client_addr") ? "client_addr" : "assigned address");
                }
            }
            const std::string host = str(r, "host_name"), fqdn = str(r, "client_fqdn");
            said("hostname", host, "high", "host_name (DHCP option 12)");
            said("fqdn", fqdn, "high", "client_fqdn (DHCP option 81)");
            said("vendor_class", str(r, "client_software"), "high", "client_software (DHCP option 60)");
            said("domain", str(r, "domain"), "medium", "domain (DHCP option 15)");
            for (const std::string& h : {host, fqdn}) {
                std::string k = host_key(h);
                if (!k.empty() && std::find(a.hostnames.begin(), a.hostnames.end(), k) == a.hostnames.end())
                    a.hostnames.push_back(std::move(k));
            }
            break;
        }
        case ZeekLogKind::software: {
            if (auto ip = addr(r, "host", cx)) add_ip(a, *ip);
            const std::string type = str(r, "software_type"), name = str(r, "name");
            std::string version = str(r, "unparsed_version");
            SoftwareComponent c;
            c.name = name;
            // version.major.minor.minor2.minor3 and addl as Zeek split them; unparsed_version is the banner.
            std::string v;
            for (std::string_view part : {"version.major", "version.minor", "version.minor2", "version.minor3"}) {
                const auto t = r.text(part);
                if (!t) break;
                if (!v.empty()) v += '.';
                v += *t;
            }
            if (const auto addl = r.text("version.addl"); addl && !v.empty()) v += fmt::format("-{}", *addl);
            c.version = v;
            c.kind = "application";
            c.source = source_of(cx, fmt::format("{} {}", log, type));
            if (!c.name.empty()) a.software.push_back(std::move(c));
            // The banners observe records from HTTP itself, under the same names.
            if (type.find("SERVER") != std::string::npos)
                said("server_banner", version, "medium", "unparsed_version (server)");
            else if (type.find("BROWSER") != std::string::npos)
                said("user_agent", version, "medium", "unparsed_version (browser)");
            break;
        }
        case ZeekLogKind::known_services: {
            if (auto ip = addr(r, "host", cx)) add_ip(a, *ip);
            const auto port = typed<uint16_t>(r, "port_num", cx, parse_port);
            std::string services;
            for (std::string_view s : r.items("service")) {
                if (!services.empty()) services += ',';
                services += s;
            }
            if (port)
                said("service", fmt::format("{}/{} {}", *port, str(r, "port_proto"), services), "medium", "service");
            break;
        }
        default: return std::nullopt;
    }
    if (a.ips.empty() && a.macs.empty()) return std::nullopt;
    return a;
}

}  // namespace sovscan
