#pragma once
// What every inventory reader must guarantee for any input, checked by the inventory fuzz targets:
// each problem says where and what in printable ASCII (hostile bytes escaped, never passed to a
// terminal), and every record keeps the invariants the merge relies on.
#include <cstdlib>
#include <string>

#include "inventory/inventory_result.h"
#include "inventory/purl.h"

namespace sovscan::fuzz {

inline void check_problems(const InventoryReadResult& result) {
    for (const InventoryProblem& p : result.problems) {
        if (p.message.empty()) std::abort();  // a problem must say what is wrong
        for (unsigned char c : problem_line(p))
            if (c < 0x20 || c > 0x7e) std::abort();  // unescaped input reached a message
    }
}

inline void check_records(const InventoryReadResult& result) {
    for (const AssetRecord& r : result.records) {
        if (r.cia.c > 4 || r.cia.i > 4 || r.cia.a > 4) std::abort();
        for (const SoftwareComponent& c : r.software) {
            std::string ns = purl_namespace(c.purl);  // any purl text must parse or be refused
            if (!ns.empty() && ns.find('/') == std::string::npos) std::abort();
        }
    }
}

}  // namespace sovscan::fuzz
