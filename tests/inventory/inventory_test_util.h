#pragma once
// Helpers for the inventory reader tests: a private temporary directory, and short ways to look at
// what a reader returned.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/inventory_result.h"

namespace sovscan::test {

// A directory of its own under the system's temp dir, removed with everything in it at the end.
class InventoryTempDir {
public:
    InventoryTempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "sovscan-inventory-XXXXXX").string();
        if (!mkdtemp(pattern.data())) ADD_FAILURE() << "mkdtemp failed for " << pattern;
        path_ = pattern;
    }
    ~InventoryTempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    InventoryTempDir(const InventoryTempDir&) = delete;
    InventoryTempDir& operator=(const InventoryTempDir&) = delete;

    const std::string& path() const { return path_; }
    // Writes `content` to `name` in the directory and returns the file's path.
    std::string write(const std::string& name, std::string_view content) const {
        std::string file = path_ + "/" + name;
        std::ofstream out(file, std::ios::binary);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        if (!out) ADD_FAILURE() << "cannot write " << file;
        return file;
    }

private:
    std::string path_;
};

// Every problem as one line each, for failure messages and substring checks.
inline std::string problem_lines(const InventoryReadResult& r) {
    std::string s;
    for (const InventoryProblem& p : r.problems) s += problem_line(p) + "\n";
    return s;
}

inline bool has_problem(const InventoryReadResult& r, std::string_view line) {
    return std::any_of(r.problems.begin(), r.problems.end(),
                       [&](const InventoryProblem& p) { return problem_line(p) == line; });
}

// The values of every attribute named `name`, in order.
inline std::vector<std::string> attribute_values(const AssetRecord& record, std::string_view name) {
    std::vector<std::string> out;
    for (const AssetAttribute& a : record.attributes)
        if (a.name == name) out.push_back(a.value);
    return out;
}

inline const SoftwareComponent* component_named(const AssetRecord& record, std::string_view name) {
    for (const SoftwareComponent& c : record.software)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace sovscan::test
