#include "intel/intel.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/csv_reader.h"
#include "intel/asn_table.h"
#include "intel/catalog.h"
#include "intel/geo_country_db.h"
#include "intel/intel_build.h"
#include "intel/oui_registry.h"

namespace sovscan {

namespace {
constexpr const char* kInstallHint = "run scripts/install-intel.sh (or scripts/setup.sh)";
constexpr const char* kGeoFile = "dbip-country.mmdb";
constexpr const char* kRegistryFile = "geo-whois-asn-country.mmdb";
constexpr const char* kAsnFile = "asn.bin";
constexpr const char* kOuiFile = "oui.bin";
}  // namespace

IntelPaths default_intel_paths() {
    IntelPaths p;
    const char* intel = std::getenv("SOVSCAN_INTEL_DIR");
    p.intel_dir = intel && *intel ? intel : SOVSCAN_DEFAULT_INTEL_DIR;
    const char* catalog = std::getenv("SOVSCAN_CATALOG_DIR");
    p.catalog_dir = catalog && *catalog ? catalog : SOVSCAN_SOURCE_DATA_DIR;
    return p;
}

struct Intel::Impl {
    GeoCountryDb geo, registry;
    AsnTable asn;
    OuiRegistry oui;
    std::unique_ptr<Catalog> catalog;
    std::vector<IntelSource> sources;
};

Intel::Intel() : impl_(std::make_unique<Impl>()) {}
Intel::~Intel() = default;

// Reads manifest.json into the source list; the versions reports cite come from here.
bool read_intel_manifest(const std::string& dir, std::vector<IntelSource>& out, Diagnostics& diag) {
    std::string path = dir + "/" + kIntelManifest, text, error;
    if (!read_text_file(path, text, error)) {
        diag.error(path, fmt::format("intel manifest missing ({}); {}", error, kInstallHint));
        return false;
    }
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("sources") || !j["sources"].is_array()) {
        diag.error(path, fmt::format("not a valid intel manifest; {}", kInstallHint));
        return false;
    }
    if (j.value("format_version", 0) != kIntelManifestVersion) {
        diag.error(path, fmt::format("intel manifest format {} (this build reads {}); {}", j.value("format_version", 0),
                                     kIntelManifestVersion, kInstallHint));
        return false;
    }
    for (const auto& s : j["sources"]) {
        if (!s.is_object()) continue;
        IntelSource src;
        src.id = s.value("id", "");
        src.name = s.value("name", "");
        src.version = s.value("version", "");
        src.licence = s.value("licence", "");
        src.attribution = s.value("attribution", "");
        src.file = dir + "/" + s.value("output", "");
        if (s.contains("inputs") && s["inputs"].is_array())
            for (const auto& in : s["inputs"]) {
                if (!src.sha256.empty()) src.sha256 += " | ";
                src.sha256 += in.value("sha256", "");
            }
        out.push_back(std::move(src));
    }
    return true;
}

std::unique_ptr<Intel> Intel::load(const IntelPaths& paths, Diagnostics& diag) {
    std::unique_ptr<Intel> intel(new Intel());
    Impl& m = *intel->impl_;
    const std::string& dir = paths.intel_dir;
    bool ok = true;
    if (!std::filesystem::is_directory(dir)) {
        diag.error(dir, fmt::format("intel directory missing; {}", kInstallHint));
        return nullptr;
    }
    ok = read_intel_manifest(dir, m.sources, diag) && ok;
    auto open = [&](const char* name, auto& table) {
        std::string path = dir + "/" + name, error;
        if (!table.open(path, error)) {
            diag.error(path, fmt::format("{}; {}", error, kInstallHint));
            ok = false;
        }
    };
    open(kGeoFile, m.geo);
    open(kRegistryFile, m.registry);
    open(kAsnFile, m.asn);
    open(kOuiFile, m.oui);

    std::vector<std::string> problems;
    m.catalog = Catalog::load(paths.catalog_dir, problems);
    for (const auto& p : problems) diag.error(paths.catalog_dir, p);
    if (!problems.empty()) ok = false;
    if (!ok) return nullptr;

    // The compiled tables carry the version they were built from; a mismatch means a half-updated
    // directory, which still answers but is worth saying.
    for (const auto& s : m.sources) {
        std::string compiled = s.id == intel_source::asn ? m.asn.source_version()
                               : s.id == intel_source::ieee_oui ? m.oui.source_version() : s.version;
        if (compiled != s.version)
            diag.warn(s.file, fmt::format("built from version {} but the manifest says {}; {}", compiled, s.version,
                                          kInstallHint));
    }
    IntelSource cat;
    cat.id = intel_source::catalog;
    cat.name = "sovscan catalog (data/*.csv)";
    cat.version = SOVSCAN_VERSION;
    cat.licence = "sovscan project data; facts curated from public sources cited per row";
    cat.file = paths.catalog_dir;
    m.sources.push_back(std::move(cat));
    return intel;
}

// Private, loopback, link-local and multicast addresses are no place on the Internet; the public
// data nonetheless has entries for some of them (geo-whois maps 192.168.0.1 to AU), which would
// put a home network "in" a foreign country.
std::optional<std::string> Intel::located_country(const IpAddress& ip) const {
    if (ip.is_private_or_local()) return std::nullopt;
    return impl_->geo.country(ip);
}

std::optional<std::string> Intel::registry_country(const IpAddress& ip) const {
    if (ip.is_private_or_local()) return std::nullopt;
    return impl_->registry.country(ip);
}

std::optional<AsnAnswer> Intel::asn(const IpAddress& ip) const {
    if (ip.is_private_or_local()) return std::nullopt;
    auto hit = impl_->asn.lookup(ip);
    if (!hit) return std::nullopt;
    AsnAnswer a;
    a.asn = hit->asn;
    a.org = std::string(hit->org);
    a.op = impl_->catalog->asn_operator(hit->asn);
    return a;
}

std::optional<OuiAnswer> Intel::oui(const MacAddress& mac) const {
    auto hit = impl_->oui.lookup(mac);
    if (!hit) return std::nullopt;
    OuiAnswer a;
    a.prefix = hit->prefix_hex();
    a.registry = std::string(kOuiRegistryNames[static_cast<int>(hit->registry)]);
    a.organisation = std::string(hit->organisation);
    a.country = std::string(hit->country);
    a.vendor = impl_->catalog->vendor_for_org(hit->organisation);
    return a;
}

DomainAnswer Intel::domain(std::string_view name) const {
    DomainAnswer a;
    a.entry = impl_->catalog->domain(name);
    if (a.entry) a.vendor = impl_->catalog->vendor(a.entry->vendor_id);
    return a;
}

const Vendor* Intel::vendor(std::string_view id) const { return impl_->catalog->vendor(id); }
const std::vector<Vendor>& Intel::vendors() const { return impl_->catalog->vendors(); }
const AsnOperator* Intel::asn_operator(uint32_t asn) const { return impl_->catalog->asn_operator(asn); }

std::optional<std::string> Intel::asn_org(uint32_t asn) const {
    auto org = impl_->asn.asn_org(asn);
    if (!org) return std::nullopt;
    return std::string(*org);
}
const PublicResolver* Intel::public_resolver(const IpAddress& ip) const { return impl_->catalog->public_resolver(ip); }
const std::vector<IntelSource>& Intel::sources() const { return impl_->sources; }
const Catalog& Intel::catalog() const { return *impl_->catalog; }

const IntelSource* Intel::source(std::string_view id) const {
    for (const auto& s : impl_->sources)
        if (s.id == id) return &s;
    return nullptr;
}

}  // namespace sovscan
