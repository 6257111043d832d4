#pragma once
// What a JSON report found, as keys comparable across inputs: "RULE asset counterpart" per finding.
#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace sovscan::test {

// `traffic_only`: only the findings about a counterpart address (what flow records and logs can
// show); otherwise device findings too, with an empty counterpart.
inline std::set<std::string> finding_keys(const nlohmann::json& report, bool traffic_only = false) {
    std::set<std::string> keys;
    for (const nlohmann::json& f : report["findings"]) {
        const bool has_counterpart =
            f.contains("counterpart") && f["counterpart"].is_object() && f["counterpart"]["ip"].is_string();
        if (traffic_only && !has_counterpart) continue;
        const std::string asset = f["asset"]["ip"].is_string() ? f["asset"]["ip"].get<std::string>() : "";
        keys.insert(f["rule_id"].get<std::string>() + " " + asset + " " +
                    (has_counterpart ? f["counterpart"]["ip"].get<std::string>() : ""));
    }
    return keys;
}

}  // namespace sovscan::test
