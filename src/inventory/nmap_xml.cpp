#include "inventory/nmap_xml.h"

#include <fmt/format.h>

#include <algorithm>
#include <pugixml.hpp>

#include "common/escape.h"

namespace sovscan {

namespace {

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// What a CPE names, from its part letter: cpe:/a (application), /o (operating system), /h (hardware).
const char* cpe_kind(std::string_view cpe) {
    if (starts_with(cpe, "cpe:/o") || starts_with(cpe, "cpe:2.3:o")) return "os";
    if (starts_with(cpe, "cpe:/h") || starts_with(cpe, "cpe:2.3:h")) return "hardware";
    return "application";
}

// The product field of a CPE ("cpe:/a:igor_sysoev:nginx:1.2" -> "nginx"), a name for a component
// nmap reported only as a CPE.
std::string cpe_product(std::string_view cpe) {
    size_t colons = starts_with(cpe, "cpe:2.3:") ? 4 : 3;  // cpe:2.3:a:vendor:product / cpe:/a:vendor:product
    size_t start = 0;
    for (size_t i = 0; i < colons; ++i) {
        start = cpe.find(':', start);
        if (start == std::string_view::npos) return std::string(cpe);
        ++start;
    }
    return std::string(cpe.substr(start, cpe.find(':', start) - start));
}

class NmapHostReader {
public:
    NmapHostReader(const std::string& file, std::string run_detail, std::vector<InventoryProblem>& problems)
        : file_(file), problems_(problems) {
        record_.source = AssetSource{AssetSourceKind::nmap, file, "", std::move(run_detail)};
    }

    // False when the host has no usable address (reported).
    bool read(const pugi::xml_node& host, size_t index) {
        std::string where = fmt::format("{}: host #{}", printable(file_), index);
        for (const pugi::xml_node& address : host.children("address")) read_address(address, where);
        if (record_.ips.empty() && record_.macs.empty()) {
            problems_.push_back({where, "no usable IPv4, IPv6 or MAC address; skipped"});
            return false;
        }
        std::string id = record_.ips.empty() ? record_.macs.front().to_string() : record_.ips.front().to_string();
        record_.source.location = "host " + id;
        for (AssetAttribute& a : record_.attributes) a.source.location = record_.source.location;
        for (const pugi::xml_node& name : host.child("hostnames").children("hostname")) add_hostname(name);
        read_os(host.child("os"));
        for (const pugi::xml_node& port : host.child("ports").children("port")) read_port(port);
        return true;
    }

    AssetRecord take() { return std::move(record_); }

private:
    void read_address(const pugi::xml_node& address, const std::string& where) {
        std::string_view type = address.attribute("addrtype").value();
        std::string_view text = address.attribute("addr").value();
        if (type == "ipv4" || type == "ipv6") {
            auto ip = IpAddress::parse(text);
            if (!ip || ip->is_v4() != (type == "ipv4")) {
                problems_.push_back({where, fmt::format("{} is not an {} address; ignored", quoted_value(text), type)});
                return;
            }
            if (std::find(record_.ips.begin(), record_.ips.end(), *ip) == record_.ips.end()) record_.ips.push_back(*ip);
        } else if (type == "mac") {
            auto mac = MacAddress::parse(text);
            if (!mac) {
                problems_.push_back({where, fmt::format("{} is not a MAC address; ignored", quoted_value(text))});
                return;
            }
            if (std::find(record_.macs.begin(), record_.macs.end(), *mac) == record_.macs.end())
                record_.macs.push_back(*mac);
            // nmap names the OUI's registrant from its own table (nmap-mac-prefixes): derived, so medium.
            add_attribute("manufacturer", address.attribute("vendor").value(), "nmap MAC vendor");
        }
    }

    void add_hostname(const pugi::xml_node& hostname) {
        std::string name = lowered(hostname.attribute("name").value());
        if (!name.empty() &&
            std::find(record_.hostnames.begin(), record_.hostnames.end(), name) == record_.hostnames.end())
            record_.hostnames.push_back(std::move(name));
    }

    // nmap 6+ nests osclass (with CPEs) inside osmatch; nmap 5 writes osclass beside osmatch.
    void read_os(const pugi::xml_node& os) {
        for (const pugi::xml_node& match : os.children("osmatch")) {
            std::string name = match.attribute("name").value();
            add_attribute("os", name, fmt::format("nmap osmatch, accuracy {}%", match.attribute("accuracy").value()));
            for (const pugi::xml_node& cls : match.children("osclass")) read_osclass(cls, name);
        }
        for (const pugi::xml_node& cls : os.children("osclass")) read_osclass(cls, "");
    }

    void read_osclass(const pugi::xml_node& cls, const std::string& match_name) {
        std::string detail = fmt::format("nmap osclass, accuracy {}%", cls.attribute("accuracy").value());
        std::string vendor = cls.attribute("vendor").value();
        add_attribute("os_vendor", vendor, detail);
        add_attribute("os_family", cls.attribute("osfamily").value(), detail);
        add_attribute("device_type", cls.attribute("type").value(), detail);
        for (const pugi::xml_node& cpe : cls.children("cpe")) {
            SoftwareComponent c;
            c.cpe = cpe.text().get();
            c.name = match_name.empty() ? cpe_product(c.cpe) : match_name;
            c.manufacturer = vendor;
            c.kind = cpe_kind(c.cpe);
            add_component(std::move(c), detail);
        }
    }

    void read_port(const pugi::xml_node& port) {
        // Only what answers: closed and filtered ports tell nothing about what runs on the host.
        if (!starts_with(port.child("state").attribute("state").value(), "open")) return;
        pugi::xml_node service = port.child("service");
        std::string port_name =
            fmt::format("{}/{}", port.attribute("protocol").value(), port.attribute("portid").value());
        std::string detail = fmt::format("nmap service {} ({}, conf {})", port_name,
                                         service.attribute("method").value(), service.attribute("conf").value());
        std::string product = service.attribute("product").value();
        std::string version = service.attribute("version").value();
        std::string extrainfo = service.attribute("extrainfo").value();
        add_attribute("open_port", fmt::format("{} {}", port_name, service.attribute("name").value()), detail);
        if (!product.empty()) {
            std::string banner = version.empty() ? product : product + " " + version;
            if (!extrainfo.empty()) banner += " (" + extrainfo + ")";
            add_attribute("service_banner", fmt::format("{} {}", port_name, banner), detail);
        }
        add_attribute("os", service.attribute("ostype").value(), detail);
        add_attribute("device_type", service.attribute("devicetype").value(), detail);

        // The product with its application CPE; every other CPE (the OS, the hardware) on its own.
        SoftwareComponent main;
        main.name = product;
        main.version = version;
        main.kind = "application";
        for (const pugi::xml_node& cpe_node : service.children("cpe")) {
            std::string cpe = cpe_node.text().get();
            if (main.cpe.empty() && std::string_view(cpe_kind(cpe)) == "application") {
                main.cpe = cpe;
                continue;
            }
            SoftwareComponent other;
            other.cpe = cpe;
            other.name = cpe_product(cpe);
            other.kind = cpe_kind(cpe);
            add_component(std::move(other), detail);
        }
        if (!main.name.empty() || !main.cpe.empty()) {
            if (main.name.empty()) main.name = cpe_product(main.cpe);
            add_component(std::move(main), detail);
        }
    }

    // Medium confidence throughout: every nmap fact is a fingerprint match, not the device's word.
    void add_attribute(const char* name, std::string value, std::string detail) {
        if (value.empty()) return;
        for (const AssetAttribute& a : record_.attributes)
            if (a.name == name && a.value == value && a.source.detail == detail) return;
        AssetAttribute a;
        a.name = name;
        a.value = std::move(value);
        a.confidence = "medium";
        a.source = AssetSource{AssetSourceKind::nmap, file_, record_.source.location, std::move(detail)};
        record_.attributes.push_back(std::move(a));
    }

    void add_component(SoftwareComponent c, std::string detail) {
        for (const SoftwareComponent& s : record_.software)
            if (s.name == c.name && s.version == c.version && s.cpe == c.cpe && s.kind == c.kind) return;
        c.source = AssetSource{AssetSourceKind::nmap, file_, record_.source.location, std::move(detail)};
        record_.software.push_back(std::move(c));
    }

    const std::string& file_;
    std::vector<InventoryProblem>& problems_;
    AssetRecord record_;
};

}  // namespace

InventoryReadResult read_nmap_xml(std::string_view text, const std::string& file) {
    InventoryReadResult result;
    pugi::xml_document doc;
    // pugixml expands no external or DTD entities: a hostile file reaches neither network nor disk.
    pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_auto);
    pugi::xml_node run = doc.child("nmaprun");
    if (!parsed) {
        // An interrupted scan leaves XML cut off; pugixml keeps what it parsed before the break.
        result.problems.push_back(
            {printable(file), fmt::format("XML error at byte {}: {}{}", parsed.offset, parsed.description(),
                                          run ? "; hosts before it were read" : "")});
    }
    if (!run) {
        if (parsed) {
            pugi::xml_node root = doc.document_element();
            result.problems.push_back(
                {printable(file),
                 fmt::format("not nmap -oX output: the root element is {}, not nmaprun", quoted_value(root.name()))});
        }
        return result;
    }
    std::string run_detail =
        fmt::format("nmap {}: {}", run.attribute("version").value(), run.attribute("args").value());
    size_t index = 0;
    for (const pugi::xml_node& host : run.children("host")) {
        ++index;
        if (std::string_view(host.child("status").attribute("state").value()) != "up") continue;
        NmapHostReader reader(file, run_detail, result.problems);
        if (reader.read(host, index)) result.records.push_back(reader.take());
    }
    return result;
}

}  // namespace sovscan
