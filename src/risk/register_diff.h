#pragma once
// Period over period: the register of an earlier run (its JSON, risk/register_json.h) read back,
// and what changed since — new, closed, raised and lowered risks, added and removed suppliers
// (docs/risk-method.md, "Changes since the last assessment"). A risk is the same risk when its id
// is the same or, for registers written before ids came from the asset and the threat (issue 15),
// when its asset id and threat id are.
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "risk/register.h"

namespace sovscan {

// What the diff needs of a previous register.
struct PreviousRegister {
    struct Risk {
        std::string id, asset_id, asset_name, threat_id;
        int score = 0;
        RiskLevel level = RiskLevel::low;
    };
    struct Supplier {
        std::string key, name, kind;
    };
    int schema_version = 0;
    std::string assessed_on;
    std::vector<Risk> risks;
    std::vector<Supplier> suppliers;
};

// Reads a register written by `sovscan risk -o FILE.json`: schema "sovscan-risk", a
// schema_version from 1 to RiskRegister::kSchemaVersion. Anything else (not JSON, another
// document, an unknown version, a risk without asset, threat, score or level) is refused with the
// reason in `error` ("schema_version 7 is not one this sovscan reads (1-1)"), values escaped.
std::optional<PreviousRegister> read_previous_register(std::istream& in, std::string& error);

// The supplier key the diff compares: the catalog vendor id, else the name.
std::string supplier_key(const SupplierEntry& s);

RegisterChanges diff_registers(const PreviousRegister& previous, const std::string& previous_file, const RiskRegister& now);

}  // namespace sovscan
