#pragma once
// Ids of the register that depend only on what they name, so that adding a CMDB row, a finding or
// a decision renumbers nothing (docs/risk-method.md, "Ids"):
//   a risk      R.<asset>.<threat>   e.g. R.7K3QF.PRC
//     <asset>  the first 5 characters (25 bits) of FNV-1a 64 of the asset id, mixed by MurmurHash3's
//              finaliser, in Crockford base32
//              (digits and capitals without I, L, O, U); 10 characters for assets whose 5 collide
//              with another asset's in the same register;
//     <threat> the threat id's part after its year (NUKIB-2025-PRC -> PRC, NUKIB-2018-HUAWEI-ZTE
//              -> HUAWEIZTE), letters and digits only; the whole id so when two threats of the
//              catalog share that part;
//   a treatment item  T.<measure id without its M- prefix>, e.g. T.EGRESS.JUR for M-EGRESS-JUR.
// Periods, never hyphens, separate the parts: a browser or PDF printer may break a line after a
// hyphen ("R-/003") but not at a period between letters and digits (as in a domain name), so an id
// stays on one line wherever it is printed.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "risk/catalog.h"

namespace sovscan {

class RiskIds {
public:
    // `asset_ids`: every asset of the register (collisions are resolved among them).
    RiskIds(const RiskCatalog& catalog, const std::set<std::string>& asset_ids);

    std::string risk_id(const std::string& asset_id, const std::string& threat_id) const;

private:
    std::map<std::string, std::string> asset_part_;   // asset id -> part
    std::map<std::string, std::string> threat_part_;  // threat id -> part
};

std::string treatment_id(std::string_view measure_id);

// The short form of an asset id (5 or `length` characters of Crockford base32).
std::string asset_id_hash(std::string_view asset_id, size_t length = 5);

}  // namespace sovscan
