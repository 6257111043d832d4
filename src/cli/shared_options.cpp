#include "cli/shared_options.h"

#include <fmt/format.h>

#include <cctype>
#include <iostream>
#include <stdexcept>

#include "assess/policy_file.h"
#include "common/escape.h"

namespace sovscan::cli {

void IntelDirOptions::add_to(CLI::App& cmd) {
    cmd.add_option("--intel-dir", intel_dir, "compiled intel (default $SOVSCAN_INTEL_DIR or " SOVSCAN_DEFAULT_INTEL_DIR ")")
        ->type_name("DIR");
    add_catalog_dir_to(cmd);
}

void IntelDirOptions::add_catalog_dir_to(CLI::App& cmd) {
    cmd.add_option("--catalog-dir", catalog_dir, "vendor/domain/ASN catalog CSVs (default: the project's data/)")
        ->type_name("DIR");
}

IntelPaths IntelDirOptions::paths() const {
    IntelPaths p = default_intel_paths();
    if (!intel_dir.empty()) p.intel_dir = intel_dir;
    if (!catalog_dir.empty()) p.catalog_dir = catalog_dir;
    return p;
}

CLI::Option* add_high_risk_option(CLI::App& cmd, std::string& value) {
    return cmd.add_option("--high-risk", value, "high-risk jurisdictions, ISO 3166-1 alpha-2 codes")
        ->capture_default_str()
        ->type_name("CC,CC,...");
}

bool parse_high_risk_option(const std::string& text, std::set<std::string>& out) {
    out.clear();
    std::string item;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == ',') {
            if (item.size() != 2) {
                std::cerr << fmt::format("sovscan: error: --high-risk: '{}' is not a 2-letter ISO country code\n",
                                         terminal_safe(item));
                return false;
            }
            for (char& c : item) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
            out.insert(item);
            item.clear();
        } else if (text[i] != ' ') {
            item.push_back(text[i]);
        }
    }
    return true;
}

bool load_policy_option(const std::string& path, Policy& policy) {
    try {
        policy = load_policy_file(path);
    } catch (const std::runtime_error& e) {
        std::cerr << fmt::format("sovscan: error: {}\n", e.what());  // "path:line: ...", already escaped
        return false;
    }
    return true;
}

void print_problems(const Diagnostics& diag) {
    for (const auto& p : diag.problems())
        std::cerr << fmt::format("sovscan: {}: {}{}{}\n", p.level == ProblemLevel::error ? "error" : "warning",
                                 terminal_safe(p.input), p.input.empty() ? "" : ": ", p.message);
}

}  // namespace sovscan::cli
