#pragma once
// The scales of the Czech method (decree 82/2018 Annexes 1-2, kept by 409/2025): asset values,
// threat and vulnerability on four levels, risk = impact x threat x vulnerability (1..64), and the
// four risk levels with the fixed Czech wording. The decree fixes no cut-offs between risk levels:
// these are sovscan's, stated in docs/risk-method.md and configurable in the policy file.
#include <cstdint>
#include <optional>
#include <string_view>

#include "risk/text.h"

namespace sovscan {

enum class RiskLevel : uint8_t { low = 1, medium, high, critical };

const char* risk_level_code(RiskLevel l);  // "low", "medium", "high", "critical"
std::optional<RiskLevel> parse_risk_level(std::string_view code);

// Risk levels: "Nízké"/"Low" ... "Kritické"/"Critical".
const Bilingual& risk_level_name(RiskLevel l);
// The method's fixed sentence for each risk level ("Riziko je považováno za přijatelné." ...) and
// its English translation.
const Bilingual& risk_level_wording(RiskLevel l);
// The four-level scale of assets, threats and vulnerabilities: 1 "Nízká"/"Low" ... 4 "Kritická"/
// "Critical". `level` outside 1..4 is clamped.
const Bilingual& scale_level_name(int level);

// Lowest score of each level above low; low is 1 .. medium-1. Defaults: 8 = 2x2x2 (every factor
// medium), 18 = 3x3x2 (two high, one medium), 36 = 4x3x3 (one critical, two high).
struct RiskCutoffs {
    int medium = 8, high = 18, critical = 36;
    RiskLevel level_of(int score) const;
    // 1 < medium < high < critical <= 64.
    bool valid() const { return 1 < medium && medium < high && high < critical && critical <= 64; }
};

}  // namespace sovscan
