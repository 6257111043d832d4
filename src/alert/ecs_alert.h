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

// The parts of it other ECS documents share (export/ecs_documents.h: assets and aggregates).
// observer: the sensor, as every sovscan document names it.
nlohmann::ordered_json ecs_observer(const AlertContext& context);
// A MAC as ECS writes it: upper case, dash separated (RFC 7042).
std::string ecs_mac(const MacAddress& mac);
// The finding's local asset and its remote counterpart as ECS source/destination objects (ip, mac,
// domain, geo, as); `with_port` adds the first server port.
nlohmann::ordered_json ecs_local_endpoint(const Finding& f, bool with_port);
nlohmann::ordered_json ecs_remote_endpoint(const Finding& f, bool with_port);

}  // namespace sovscan
