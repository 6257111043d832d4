#pragma once
// The installed intel (scripts/install-intel.sh) loaded once for the whole test binary. Tests that
// need it FAIL with a clear message when it is missing: they never skip.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/diagnostics.h"
#include "intel/intel.h"

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

}  // namespace sovscan::test

#define SOVSCAN_REQUIRE_INTEL(var)                          \
    const ::sovscan::Intel* var = ::sovscan::test::installed_intel(); \
    if (!var) return
