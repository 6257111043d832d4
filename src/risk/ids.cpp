#include "risk/ids.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace sovscan {

namespace {

std::string alnum_upper(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// NUKIB-2025-PRC -> PRC: the parts after the last all-digit part (the year), else the whole id.
std::string threat_short(std::string_view id) {
    size_t after = 0;
    size_t start = 0;
    while (start <= id.size()) {
        size_t end = id.find('-', start);
        if (end == std::string_view::npos) end = id.size();
        std::string_view part = id.substr(start, end - start);
        if (!part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
            after = end + 1;
        start = end + 1;
    }
    std::string tag = after < id.size() ? alnum_upper(id.substr(after)) : "";
    return tag.empty() ? alnum_upper(id) : tag;
}

}  // namespace

std::string asset_id_hash(std::string_view asset_id, size_t length) {
    static constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    uint64_t h = 14695981039346656037ull;  // FNV-1a 64
    for (unsigned char c : asset_id) {
        h ^= c;
        h *= 1099511628211ull;
    }
    // FNV alone changes few high bits for the last byte (CAM-1, CAM-2 would read TREKQ, TREKS):
    // MurmurHash3's finaliser spreads every input bit over the whole value.
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    std::string out;
    for (size_t i = 0; i < length && i < 12; ++i) out += kCrockford[(h >> (59 - 5 * i)) & 31];
    return out;
}

RiskIds::RiskIds(const RiskCatalog& catalog, const std::set<std::string>& asset_ids) {
    std::map<std::string, int> tags;
    for (const ThreatEntry& t : catalog.threats()) ++tags[threat_short(t.id)];
    for (const ThreatEntry& t : catalog.threats()) {
        const std::string tag = threat_short(t.id);
        threat_part_[t.id] = tags[tag] > 1 ? alnum_upper(t.id) : tag;
    }
    std::map<std::string, int> shorts;
    for (const std::string& a : asset_ids) ++shorts[asset_id_hash(a)];
    for (const std::string& a : asset_ids) asset_part_[a] = asset_id_hash(a, shorts[asset_id_hash(a)] > 1 ? 10 : 5);
}

std::string RiskIds::risk_id(const std::string& asset_id, const std::string& threat_id) const {
    auto a = asset_part_.find(asset_id);
    auto t = threat_part_.find(threat_id);
    return "R." + (a != asset_part_.end() ? a->second : asset_id_hash(asset_id)) + "." +
           (t != threat_part_.end() ? t->second : alnum_upper(threat_id));
}

std::string treatment_id(std::string_view measure_id) {
    if (measure_id.starts_with("M-")) measure_id.remove_prefix(2);
    std::string out = "T";
    bool separator = true;
    for (char c : measure_id) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            if (separator) out += '.';
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            separator = false;
        } else {
            separator = true;
        }
    }
    return out;
}

}  // namespace sovscan
