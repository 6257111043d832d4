#pragma once
// Compiles the installed public data into the intel directory that Intel::load reads:
//   dbip-country.mmdb, geo-whois-asn-country.mmdb   copied from the npm packages
//   asn.bin                                         from @ip-location-db/asn's asn-ipv{4,6}-num.csv
//   oui.bin                                         from ieee-data's oui.csv, mam.csv, oui36.csv
//   manifest.json                                   every source: package, version, input file and
//                                                   sha256, licence, attribution; counts; build date
// Run by `sovscan intel build` from scripts/install-intel.sh; each file is replaced atomically and the
// manifest is written last, so a reader sees the old set or the new one.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "intel/intel.h"

namespace sovscan {

struct IntelBuildOptions {
    // Where npm installed the packages: DIR/npm (holding node_modules/@ip-location-db/...) or a
    // node_modules directory itself.
    std::string npm_dir;
    std::string out_dir;  // created when missing
    std::string ieee_dir = "/usr/share/ieee-data";
    // ieee-data package version for the manifest; empty = read from /var/lib/dpkg/status, falling back
    // to the snapshot date in ieee_dir/.lastupdate.
    std::string ieee_version;
    std::string dpkg_status = "/var/lib/dpkg/status";
};

struct IntelBuildSummary {
    uint32_t v4_ranges = 0, v6_ranges = 0, asns = 0, asn_orgs = 0;
    uint32_t oui_ma_l = 0, oui_ma_m = 0, oui_ma_s = 0;
};

// Returns false (with errors in `diag` naming the file) when an input is missing or malformed; the
// output directory then keeps whatever it held before.
bool build_intel(const IntelBuildOptions& options, Diagnostics& diag, IntelBuildSummary* summary = nullptr);

// The manifest file name and the format version this build writes and Intel::load accepts.
inline constexpr const char* kIntelManifest = "manifest.json";
inline constexpr int kIntelManifestVersion = 1;

// Every file build_intel writes, the manifest last (the order files are put in place).
inline constexpr std::array<const char*, 5> kIntelFiles = {"dbip-country.mmdb", "geo-whois-asn-country.mmdb",
                                                           "asn.bin", "oui.bin", kIntelManifest};

// Reads DIR/manifest.json into one IntelSource per data set (id, package, version, licence,
// attribution, input sha256s); false with an error in `diag` naming the file when it is missing,
// malformed or of another format version.
bool read_intel_manifest(const std::string& dir, std::vector<IntelSource>& out, Diagnostics& diag);

}  // namespace sovscan
