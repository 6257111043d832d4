#pragma once
// 16 hex digits for what identifies a thing (FNV-1a, 64 bits): how stable_finding_id
// (assess/finding.h) and the stream's keys (export/traffic_aggregates.h) name something the same way
// in every run and on every sensor. An identifier, not a defence: never used where an adversary
// choosing colliding inputs would matter.
#include <string>
#include <string_view>

namespace sovscan {

std::string stable_hex_id(std::string_view key);

}  // namespace sovscan
