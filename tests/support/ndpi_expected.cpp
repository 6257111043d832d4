#include "support/ndpi_expected.h"

#include <cctype>
#include <charconv>
#include <fstream>
#include <optional>

namespace sovscan::test {
namespace {

// The value of "[KEY: value]" in `line`, or nullopt. A value may itself hold brackets (SSDP's
// "[Hostname/SNI: [ff02::c]:1900]"): it ends at the first ']' that ends the line or opens the
// next field.
std::optional<std::string_view> field(std::string_view line, std::string_view key) {
    const std::string open = "[" + std::string(key) + ": ";
    const size_t start = line.find(open);
    if (start == std::string_view::npos) return std::nullopt;
    const size_t from = start + open.size();
    for (size_t end = line.find(']', from); end != std::string_view::npos; end = line.find(']', end + 1))
        if (end + 1 == line.size() || line[end + 1] == '[') return line.substr(from, end - from);
    return std::nullopt;
}

std::string_view next_token(std::string_view& rest) {
    const size_t sp = rest.find(' ');
    const std::string_view tok = rest.substr(0, sp);
    rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
    return tok;
}

// "1.2.3.4:80" or "[fe80::1]:80".
bool parse_endpoint(std::string_view tok, std::string& ip, uint16_t& port) {
    const size_t colon = tok.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view addr = tok.substr(0, colon);
    if (addr.size() >= 2 && addr.front() == '[' && addr.back() == ']') addr = addr.substr(1, addr.size() - 2);
    const std::string_view digits = tok.substr(colon + 1);
    const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc{} || p != digits.data() + digits.size()) return false;
    ip = addr;
    return true;
}

bool is_word(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

// "\t12\tTCP a <-> b [...]" (or "->" for flows seen one way); anything else is another table.
std::optional<NdpiFlow> parse_flow_line(std::string_view line) {
    if (line.size() < 3 || line[0] != '\t') return std::nullopt;
    size_t i = 1;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    if (i == 1 || i >= line.size() || line[i] != '\t') return std::nullopt;
    std::string_view rest = line.substr(i + 1);
    NdpiFlow f;
    f.transport = next_token(rest);
    const std::string_view a = next_token(rest), arrow = next_token(rest), b = next_token(rest);
    if (!is_word(f.transport) || (arrow != "<->" && arrow != "->") || rest.empty()) return std::nullopt;
    if (!parse_endpoint(a, f.a, f.pa) || !parse_endpoint(b, f.b, f.pb)) return std::nullopt;
    f.one_way = arrow == "->";
    f.ip_proto = f.transport == "TCP" ? 6 : f.transport == "UDP" ? 17 : 0;
    if (auto v = field(rest, "VLAN")) std::from_chars(v->data(), v->data() + v->size(), f.vlan);
    if (auto proto = field(rest, "proto")) {
        // "GTP:91.275/TLS.Crashlytics": tunnel, numbers, master.app
        std::string_view p = *proto;
        const size_t colon = p.find(':'), slash = p.find('/');
        if (colon != std::string_view::npos && colon < slash) f.tunnel = p.substr(0, colon);
        if (slash != std::string_view::npos) {
            const std::string_view names = p.substr(slash + 1);
            const size_t dot = names.find('.');
            f.master = names.substr(0, dot);
            if (dot != std::string_view::npos) f.app = names.substr(dot + 1);
        }
    }
    if (auto h = field(rest, "Hostname/SNI")) f.hostname = *h;
    return f;
}

}  // namespace

std::vector<NdpiFlow> read_ndpi_flows(const std::string& out_file) {
    std::vector<NdpiFlow> out;
    std::ifstream in(out_file);
    std::string line;
    while (std::getline(in, line))
        if (auto f = parse_flow_line(line)) out.push_back(std::move(*f));
    return out;
}

NdpiNameFamily ndpi_name_family(std::string_view m) {
    // nDPI 4.x protocol names. RTSP is not HTTP here: sovscan's HTTP dissector does not read RTSP
    // requests, and no corpus RTSP flow carries a name.
    if (m == "TLS" || m == "DTLS" || m == "SMTPS" || m == "IMAPS" || m == "POPS" || m == "FTPS")
        return NdpiNameFamily::tls;
    if (m == "QUIC") return NdpiNameFamily::quic;
    if (m == "HTTP" || m == "HTTP_Proxy" || m == "HTTP_Connect") return NdpiNameFamily::http;
    if (m == "DNS") return NdpiNameFamily::dns;
    if (m == "MDNS") return NdpiNameFamily::mdns;
    if (m == "LLMNR") return NdpiNameFamily::llmnr;
    if (m == "NetBIOS") return NdpiNameFamily::netbios;
    if (m == "DHCP") return NdpiNameFamily::dhcp;
    if (m == "SSDP") return NdpiNameFamily::ssdp;
    return NdpiNameFamily::other;
}

const char* ndpi_name_family_label(NdpiNameFamily f) {
    switch (f) {
        case NdpiNameFamily::tls: return "TLS";
        case NdpiNameFamily::quic: return "QUIC";
        case NdpiNameFamily::http: return "HTTP";
        case NdpiNameFamily::dns: return "DNS";
        case NdpiNameFamily::mdns: return "mDNS";
        case NdpiNameFamily::llmnr: return "LLMNR";
        case NdpiNameFamily::netbios: return "NetBIOS";
        case NdpiNameFamily::dhcp: return "DHCP";
        case NdpiNameFamily::ssdp: return "SSDP";
        case NdpiNameFamily::other: return "other";
    }
    return "?";
}

std::string comparable_name(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    while (!out.empty() && out.back() == '.') out.pop_back();
    return out;
}

}  // namespace sovscan::test
