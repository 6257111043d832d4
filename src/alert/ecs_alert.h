#pragma once
// A finding as an Elastic Common Schema 8.x alert document: one JSON object a line, what Elastic,
// OpenSearch, Splunk and Graylog ingest without a parser of their own (docs/alerts.md has the
// mapping).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "assess/finding.h"

namespace sovscan {

inline constexpr const char* kEcsVersion = "8.11.0";

struct AlertContext {
    std::string observer_hostname;  // the sensor (--sensor, default the host name)
    std::string observer_type = "sensor";
    int64_t created_ns = 0;         // when the alert was raised (event.created)
};

// ECS's event.severity: a number, higher is worse; the values Elastic's detection rules use for
// low, medium, high and critical (21, 47, 73, 99), and 1 for info.
int ecs_severity(Severity s);

// The document for `f`. @timestamp is when the exposure was first seen (the alert's creation when
// unknown); event.id is the finding's stable id.
nlohmann::ordered_json ecs_alert(const Finding& f, const AlertContext& context);

}  // namespace sovscan
