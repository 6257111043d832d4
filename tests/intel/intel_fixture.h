#pragma once
// The installed intel (scripts/install-intel.sh) loaded once for the whole test binary. Tests that
// need it FAIL with a clear message when it is missing: they never skip.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.h"
#include "common/mac_address.h"
#include "intel/intel.h"
#include "intel/oui_registry.h"

namespace sovscan::test {

inline std::string problems_text(const Diagnostics& d) {
    std::string s;
    for (const auto& p : d.problems()) s += "\n  " + p.input + ": " + p.message;
    return s;
}

// Null (after recording a failure naming the directory) when the intel is not installed.
inline const Intel* installed_intel() {
    static const std::pair<std::unique_ptr<Intel>, std::string> loaded = [] {
        Diagnostics d;
        IntelPaths paths = default_intel_paths();
        auto intel = Intel::load(paths, d);
        std::string why;
        if (!intel)
            why = "intel not installed or broken in " + paths.intel_dir + " (catalog " + paths.catalog_dir +
                  "); run scripts/install-intel.sh or set SOVSCAN_INTEL_DIR:" + problems_text(d);
        return std::make_pair(std::move(intel), why);
    }();
    if (!loaded.first) ADD_FAILURE() << loaded.second;
    return loaded.first.get();
}

// One MAC address inside each IEEE assignment whose organisation name equals `ieee_org_name`
// (case- and space-folded), from the installed oui.bin; empty, after a failure naming the file, when
// it is missing.
inline std::vector<MacAddress> macs_assigned_to(std::string_view ieee_org_name) {
    static const std::pair<std::unique_ptr<OuiRegistry>, std::string> registry = [] {
        auto r = std::make_unique<OuiRegistry>();
        std::string path = default_intel_paths().intel_dir + "/oui.bin", error;
        if (!r->open(path, error)) return std::make_pair(std::unique_ptr<OuiRegistry>(), path + ": " + error);
        return std::make_pair(std::move(r), std::string());
    }();
    std::vector<MacAddress> out;
    if (!registry.first) {
        ADD_FAILURE() << registry.second << "; run scripts/install-intel.sh";
        return out;
    }
    const std::string folded = fold_org_name(ieee_org_name);
    for (int r = 0; r < 3; ++r)
        for (uint32_t i = 0; i < registry.first->count(static_cast<OuiRegistryKind>(r)); ++i) {
            OuiHit hit = registry.first->entry_at(static_cast<OuiRegistryKind>(r), i);
            if (fold_org_name(hit.organisation) != folded) continue;
            const uint64_t value = (hit.prefix << (48 - kOuiPrefixBits[r])) | 1;  // host part 1
            uint8_t bytes[6];
            for (int b = 0; b < 6; ++b) bytes[b] = static_cast<uint8_t>(value >> (40 - 8 * b));
            out.emplace_back(bytes);
        }
    return out;
}

}  // namespace sovscan::test

#define SOVSCAN_REQUIRE_INTEL(var)                          \
    const ::sovscan::Intel* var = ::sovscan::test::installed_intel(); \
    if (!var) return
