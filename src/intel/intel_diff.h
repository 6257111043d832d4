#pragma once
// What changed between two compiled intel directories (the installed one and a fresh build): the
// data versions and input checksums of every source, the ASN ranges, the ASNs and their
// organisation strings, and the IEEE assignments. `sovscan intel update` reports it.
#include <cstdint>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "intel/asn_table.h"

namespace sovscan {

// One data set in both builds ("" on a side that has none).
struct IntelSourceChange {
    std::string id, name;
    std::string old_version, new_version;
    std::string old_sha256, new_sha256;  // of the inputs, several joined with " | "
    bool version_changed() const { return old_version != new_version; }
    bool inputs_changed() const { return old_sha256 != new_sha256; }
};

struct AsnNamed {
    uint32_t asn = 0;
    std::string org;
};

struct AsnRenamed {
    uint32_t asn = 0;
    std::string old_org, new_org;
};

struct OuiAssignment {
    std::string registry;  // MA-L, MA-M, MA-S
    std::string prefix;    // upper-case hex, 6/7/9 digits
    std::string organisation;
};

// Counts on both sides; `old_*` are 0 when there was no previous build.
struct IntelCounts {
    uint32_t v4_ranges = 0, v6_ranges = 0, asns = 0;
    uint32_t oui[3] = {0, 0, 0};  // MA-L, MA-M, MA-S
};

struct IntelDiff {
    bool had_previous = false;  // the old directory held a readable build
    std::vector<IntelSourceChange> sources;
    IntelCounts old_counts, new_counts;
    std::vector<AsnRange> ranges_added, ranges_removed;  // IPv4 then IPv6, ascending
    std::vector<AsnNamed> asns_added, asns_removed;
    std::vector<AsnRenamed> asns_renamed;  // same ASN, another most frequent organisation string
    std::vector<OuiAssignment> oui_added, oui_removed;  // a reassigned prefix is one of each

    // Anything at all: a version, an input, a range, an ASN or an assignment (or no previous build).
    bool changed() const;
};

// Compares the build in `old_dir` (may be missing or unreadable: then everything is new, and a
// warning in `diag` says why) with the one in `new_dir`, which must be complete. False with an
// error in `diag` when `new_dir` cannot be read.
bool diff_intel_dirs(const std::string& old_dir, const std::string& new_dir, IntelDiff& out, Diagnostics& diag);

}  // namespace sovscan
