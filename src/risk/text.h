#pragma once
// Text the risk documents carry in both of their languages: Czech (the decree's and the auditor's)
// and English. Values hold both; a writer picks one (risk/messages.h holds the layout words).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sovscan {

enum class RiskLang : uint8_t { cs, en };

inline std::optional<RiskLang> parse_risk_lang(std::string_view s) {
    if (s == "cs") return RiskLang::cs;
    if (s == "en") return RiskLang::en;
    return std::nullopt;
}
inline const char* risk_lang_code(RiskLang l) { return l == RiskLang::cs ? "cs" : "en"; }

struct Bilingual {
    std::string cs, en;
    const std::string& in(RiskLang l) const { return l == RiskLang::cs ? cs : en; }
};

}  // namespace sovscan
