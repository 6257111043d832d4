#include "assess/vendor_attributor.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>
#include <unordered_set>

#include "assess/evidence_citer.h"
#include "intel/catalog.h"
#include "intel/category.h"
#include "inventory/purl.h"

namespace sovscan {
namespace {

// How much an attribute can say about the maker, whatever its source's confidence: a banner or a
// host name can be chosen by anyone (an app, a proxy, the owner), a manufacturer field cannot.
struct AttributeBasis {
    std::string_view attribute, basis, cap;
};
constexpr std::array<AttributeBasis, 13> kAttributeBases = {{
    {"manufacturer", "manufacturer", "high"},
    {"os_vendor", "manufacturer", "low"},  // nmap lists every OS fingerprint guess, most of them wrong
    {"vendor_class", "manufacturer", "medium"},
    {"supplier", "sbom_supplier", "high"},
    {"publisher", "sbom_supplier", "medium"},
    {"model", "model_name", "medium"},
    {"model_number", "model_name", "medium"},
    {"friendly_name", "model_name", "medium"},
    {"server_banner", "banner", "medium"},
    {"service_banner", "banner", "medium"},
    {"user_agent", "banner", "low"},
    {"hostname", "hostname", "low"},
    {"fqdn", "hostname", "low"},
}};

// Vendor-domain purposes that only the vendor's own devices use.
constexpr std::array<std::string_view, 11> kDevicePurposes = {
    "device cloud", "firmware update", "telemetry", "MQTT", "P2P relay", "vehicle cloud", "IoT platform",
    "remote service", "router management", "connectivity check", "smart TV backend"};

int confidence_rank(std::string_view c) { return c == "high" ? 0 : c == "medium" ? 1 : 2; }
const std::string& weaker(const std::string& a, const std::string& b) {
    return confidence_rank(a) >= confidence_rank(b) ? a : b;
}

// The order bases are ranked in when confidence ties (merged_asset.h lists them).
constexpr std::array<std::string_view, 10> kBasisOrder = {"manufacturer", "sbom_supplier", "model_origin",
                                                          "purl_namespace", "cpe_vendor",  "mac_oui",
                                                          "vendor_cloud", "model_name",     "banner",
                                                          "hostname"};
size_t basis_rank(std::string_view b) {
    return std::find(kBasisOrder.begin(), kBasisOrder.end(), b) - kBasisOrder.begin();
}

// The vendor field of a CPE 2.2 URI or 2.3 formatted string ("cpe:/h:hikvision:ds-2cd" ->
// "hikvision"), "" when there is none.
std::string cpe_vendor(std::string_view cpe) {
    const size_t colons = cpe.rfind("cpe:2.3:", 0) == 0 ? 3 : 2;  // before the vendor field
    size_t pos = 0;
    for (size_t i = 0; i < colons; ++i) {
        pos = cpe.find(':', pos);
        if (pos == std::string_view::npos) return {};
        ++pos;
    }
    std::string_view rest = cpe.substr(pos);
    std::string vendor(rest.substr(0, rest.find(':')));
    std::replace(vendor.begin(), vendor.end(), '_', ' ');  // CPE writes spaces as '_'
    return vendor == "*" || vendor == "-" ? std::string() : vendor;
}

VendorAttribution attribution_for(const Vendor* v) {
    VendorAttribution a;
    if (v) {
        a.vendor_id = v->id;
        a.vendor_name = v->name;
        a.controlled_by = v->control_country;
        a.prc_linked = v->prc_linked;
    }
    return a;
}

std::string component_label(const SoftwareComponent& c) {
    return c.version.empty() ? c.name : fmt::format("{} {}", c.name, c.version);
}

}  // namespace

bool VendorAttributor::names_device_maker(const DomainEntry& entry) {
    bool device_purpose = std::any_of(kDevicePurposes.begin(), kDevicePurposes.end(), [&](std::string_view p) {
        return entry.purpose.find(p) != std::string::npos;
    });
    if (!device_purpose) return false;
    // A domain of service categories only (a cloud, an LLM API) says nothing about the device.
    return !first_device_category(entry.categories).empty();
}

void VendorAttributor::from_mac(const MacAddress& mac, const AssetSource& source,
                                std::vector<VendorAttribution>& out) const {
    auto oui = intel_.oui(mac);  // nullopt for a locally administered address
    if (!oui) return;
    VendorAttribution a = attribution_for(oui->vendor);
    if (!oui->vendor) {
        a.vendor_name = word(oui->organisation);
        a.controlled_by.clear();
    }
    a.basis = word("mac_oui");
    a.value = fmt::format("{} ({} {} {})", mac.to_string(), oui->registry, oui->prefix, oui->organisation);
    // A module or chip maker's OUI (an Espressif Wi-Fi module) names a part, not the device's maker:
    // the clouds the device contacts or its own announcements say more.
    const bool part = oui->vendor && is_component_maker(*oui->vendor);
    a.confidence = word(oui->vendor && !part ? "medium" : "low");
    a.source = source;
    a.source.detail = word(fmt::format("IEEE {} registrant{}{}", oui->registry,
                                       oui->country.empty() ? std::string() : fmt::format(", registered in {}", oui->country),
                                       part ? "; a module/chip maker: the device's maker may differ" : ""));
    // The registrant's country counts only without a catalogued vendor (JurisdictionFacts).
    if (!oui->vendor) a.registrant_country = word(oui->country);
    out.push_back(std::move(a));
}

void VendorAttributor::from_attributes(const std::vector<AssetAttribute>& attributes,
                                       std::vector<VendorAttribution>& out) const {
    for (const AssetAttribute& attr : attributes) {
        auto it = std::find_if(kAttributeBases.begin(), kAttributeBases.end(),
                               [&](const AttributeBasis& b) { return b.attribute == attr.name; });
        if (it == kAttributeBases.end()) continue;
        add_named(attr.value, std::string(it->basis), weaker(attr.confidence, std::string(it->cap)), attr.source, "",
                  false, out);
    }
}

void VendorAttributor::from_component(const SoftwareComponent& c, std::vector<VendorAttribution>& out) const {
    // An SBOM lists software on the system; nmap's CPEs describe the host itself.
    const bool software = c.source.kind == AssetSourceKind::sbom;
    const SharedText component = component_label(c);  // one copy for each attribution of the component
    if (software) {
        add_named(c.supplier, "sbom_supplier", "high", c.source, component, software, out);
        add_named(c.manufacturer, "sbom_supplier", "high", c.source, component, software, out);
        add_named(c.publisher, "sbom_supplier", "medium", c.source, component, software, out);
        add_named(c.author, "sbom_supplier", "medium", c.source, component, software, out);
    }
    if (!c.purl.empty()) {
        const std::string ns = purl_namespace(c.purl);
        if (const PackageNamespaceEntry* e = ns.empty() ? nullptr : intel_.catalog().package_namespace(ns)) {
            VendorAttribution a = attribution_for(intel_.vendor(e->vendor_id));
            a.basis = word("purl_namespace");
            a.value = c.purl;
            a.confidence = word(e->confidence);
            a.source = c.source;
            a.source.detail = word(fmt::format("{}; package namespace {} (data/{}:{})", c.source.detail, e->namespace_,
                                               CatalogFiles::package_namespaces,
                                               intel_.catalog().line_of(CatalogTable::package_namespaces,
                                                                        e - intel_.catalog().package_namespaces().data())));
            a.component = component;
            a.software = software;
            if (!a.vendor_id.empty()) out.push_back(std::move(a));
        }
    }
    if (!c.cpe.empty()) add_named(cpe_vendor(c.cpe), "cpe_vendor", "medium", c.source, software ? component : SharedText(), software, out);
}

void VendorAttributor::from_cloud(const std::string& name, uint64_t flows, std::vector<VendorAttribution>& out) const {
    DomainAnswer d = intel_.domain(name);
    if (!d.entry || !d.vendor || !names_device_maker(*d.entry)) return;
    VendorAttribution a = attribution_for(d.vendor);
    a.basis = word("vendor_cloud");
    a.value = name;
    a.confidence = word("medium");  // an app on a phone or PC may use the same cloud
    a.source = AssetSource{AssetSourceKind::traffic, "", "",
                           fmt::format("{} flow(s) to {} ({}: {})", flows, name, d.entry->domain, d.entry->purpose)};
    out.push_back(std::move(a));
}

void VendorAttributor::add_named(const std::string& text, const std::string& basis, const std::string& confidence,
                                 const AssetSource& source, const SharedText& component, bool software,
                                 std::vector<VendorAttribution>& out) const {
    if (text.empty()) return;
    const Catalog& catalog = intel_.catalog();
    for (const VendorNameMatch& m : catalog.vendors_named(text)) {
        if (!m.vendor) continue;
        VendorAttribution a = attribution_for(m.vendor);
        a.basis = word(basis);
        a.value = text;
        a.confidence = word(weaker(confidence, m.entry->confidence));
        a.source = source;
        a.source.detail = word(fmt::format("{}{}names \"{}\" (data/{}:{})", source.detail, source.detail.empty() ? "" : "; ",
                                           m.entry->name, CatalogFiles::vendor_names,
                                           catalog.line_of(CatalogTable::vendor_names, m.entry - catalog.vendor_names().data())));
        a.component = component;
        a.software = software;
        out.push_back(std::move(a));
    }
}

void rank_attributions(std::vector<VendorAttribution>& a) {
    std::stable_sort(a.begin(), a.end(), [](const VendorAttribution& x, const VendorAttribution& y) {
        int cx = confidence_rank(x.confidence), cy = confidence_rank(y.confidence);
        if (cx != cy) return cx < cy;
        if (x.software != y.software) return !x.software;  // what the asset is, before what it contains
        return basis_rank(x.basis) < basis_rank(y.basis);
    });
    // The first of each (vendor, basis, value, component), found by hash: an SBOM of a hundred
    // thousand components gives as many attributions to one asset, and comparing each with every
    // one kept before took hours (issue 19).
    std::vector<VendorAttribution> unique;
    unique.reserve(a.size());  // kept by a million assets: no spare room from growing by doubling
    auto key = [&unique](size_t i) {
        const VendorAttribution& u = unique[i];
        return std::tie(u.vendor_id, u.vendor_name, u.basis, u.value, u.component);
    };
    auto hash = [&unique](size_t i) {
        const VendorAttribution& u = unique[i];
        size_t h = 0;
        for (std::string_view s : {std::string_view(u.vendor_id), std::string_view(u.vendor_name),
                                   std::string_view(u.basis), std::string_view(u.value), std::string_view(u.component)})
            h = h * 1000003u ^ std::hash<std::string_view>{}(s);
        return h;
    };
    auto same = [&key](size_t x, size_t y) { return key(x) == key(y); };
    std::unordered_set<size_t, decltype(hash), decltype(same)> kept(a.size(), hash, same);
    for (VendorAttribution& v : a) {
        unique.push_back(std::move(v));
        if (!kept.insert(unique.size() - 1).second) unique.pop_back();
    }
    if (unique.size() < a.size()) unique.shrink_to_fit();
    a = std::move(unique);
}

}  // namespace sovscan
