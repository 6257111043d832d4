#pragma once
// `sovscan lookup` answers as people read them (aligned "key: value" blocks, one per query) and as
// programs do (a JSON array, one object per query, every key always present). Queries are
// attacker-controlled text: both writers escape them (common/escape.h).
#include <ostream>
#include <vector>

#include "assess/lookup.h"
#include "intel/intel.h"

namespace sovscan {

// One block per answered query, then the data sets used with their attributions. Queries that could
// not be read are left out (the command reports them on stderr).
void write_lookup_text(const std::vector<LookupAnswer>& answers, const std::vector<IntelSource>& sources,
                       std::ostream& out);

// A JSON array with one object per query, in order; an unreadable query has `error` set and
// `kind`/`verdict` null. Fields: docs/knowledge.md ("Asking why: sovscan lookup").
void write_lookup_json(const std::vector<LookupAnswer>& answers, std::ostream& out);

}  // namespace sovscan
