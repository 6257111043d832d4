#include "risk/scale.h"

#include <algorithm>
#include <array>

namespace sovscan {

namespace {

// The Czech texts are the method's own words (../shared/reference/czech-risk-methodology.md);
// auditors compare them literally, so they are never paraphrased.
const std::array<Bilingual, 4> kRiskNames = {{
    {"Nízké", "Low"},
    {"Střední", "Medium"},
    {"Vysoké", "High"},
    {"Kritické", "Critical"},
}};

const std::array<Bilingual, 4> kRiskWording = {{
    {"Riziko je považováno za přijatelné.", "The risk is considered acceptable."},
    {"Riziko může být sníženo méně náročnými opatřeními nebo v případě vyšší náročnosti opatření je riziko "
     "přijatelné.",
     "The risk can be reduced by less demanding measures, or, where measures would be more demanding, the risk is "
     "acceptable."},
    {"Riziko je dlouhodobě nepřípustné a musí být zahájeny systematické kroky k jeho odstranění.",
     "The risk is not acceptable in the long term and systematic steps to remove it must be started."},
    {"Riziko je nepřípustné a musí být neprodleně zahájeny kroky k jeho odstranění.",
     "The risk is not acceptable and steps to remove it must be started without delay."},
}};

const std::array<Bilingual, 4> kScaleNames = {{
    {"Nízká", "Low"},
    {"Střední", "Medium"},
    {"Vysoká", "High"},
    {"Kritická", "Critical"},
}};

const std::array<const char*, 4> kCodes = {"low", "medium", "high", "critical"};

size_t index_of(RiskLevel l) { return static_cast<size_t>(l) - 1; }

}  // namespace

const char* risk_level_code(RiskLevel l) { return kCodes[index_of(l)]; }

std::optional<RiskLevel> parse_risk_level(std::string_view code) {
    for (size_t i = 0; i < kCodes.size(); ++i)
        if (code == kCodes[i]) return static_cast<RiskLevel>(i + 1);
    return std::nullopt;
}

const Bilingual& risk_level_name(RiskLevel l) { return kRiskNames[index_of(l)]; }
const Bilingual& risk_level_wording(RiskLevel l) { return kRiskWording[index_of(l)]; }
const Bilingual& scale_level_name(int level) { return kScaleNames[static_cast<size_t>(std::clamp(level, 1, 4) - 1)]; }

RiskLevel RiskCutoffs::level_of(int score) const {
    if (score >= critical) return RiskLevel::critical;
    if (score >= high) return RiskLevel::high;
    if (score >= medium) return RiskLevel::medium;
    return RiskLevel::low;
}

}  // namespace sovscan
