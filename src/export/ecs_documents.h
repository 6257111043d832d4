#pragma once
// A scan report as the ECS documents a stream carries (docs/kafka.md): every finding (the alert
// document of alert/ecs_alert.h, event.kind "alert"), every merged asset (event.kind "asset"), and
// the traffic aggregates (event.kind "metric"): per (asset, counterpart, direction) pair and per
// country. event.dataset tells them apart; each has a stable key, the Kafka message key.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>

#include "assess/merged_asset.h"
#include "export/traffic_aggregates.h"
#include "report/scan_report.h"

namespace sovscan {

inline constexpr const char* kFindingDataset = "sovscan.finding";
inline constexpr const char* kAssetDataset = "sovscan.asset";
inline constexpr const char* kPairTrafficDataset = "sovscan.pair_traffic";
inline constexpr const char* kCountryTrafficDataset = "sovscan.country_traffic";

struct EcsDocument {
    std::string key;              // stable: the same thing has the same key in every run
    const char* dataset = "";     // one of the k*Dataset above
    nlohmann::ordered_json body;
};

// How many documents of each kind a report gave.
struct DocumentCounts {
    uint64_t findings = 0, assets = 0, pair_traffic = 0, country_traffic = 0;
    uint64_t total() const { return findings + assets + pair_traffic + country_traffic; }
};

// The documents of `report`, one at a time (an inventory of a million assets is never a million
// documents in memory); `now_ns` is event.created. The observer is report.sensor.
DocumentCounts for_each_ecs_document(const ScanReport& report, int64_t now_ns,
                                     const std::function<void(const EcsDocument&)>& take);

// The single documents, for the tests and for whoever needs one.
nlohmann::ordered_json ecs_finding_document(const Finding& f, const std::string& sensor, int64_t now_ns);
nlohmann::ordered_json ecs_asset_document(const MergedAsset& a, const std::string& sensor, int64_t report_ns,
                                          int64_t now_ns);
nlohmann::ordered_json ecs_pair_traffic_document(const PairTraffic& p, const std::string& key,
                                                 const std::string& sensor, int64_t period_start_ns,
                                                 int64_t period_end_ns, int64_t now_ns);
nlohmann::ordered_json ecs_country_traffic_document(const CountryTotal& c, bool high_risk, const std::string& key,
                                                    const std::string& sensor, int64_t period_start_ns,
                                                    int64_t period_end_ns, int64_t now_ns);

// The document as one line of JSON for the wire: invalid UTF-8 from an input (an asset's name as
// a CMDB gave it) replaced, never a throw.
std::string ecs_wire_text(const nlohmann::ordered_json& body);

}  // namespace sovscan
