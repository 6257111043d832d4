#pragma once
// IP -> ASN and organisation, from the compiled asn.bin: sorted, non-overlapping ranges searched in
// place in a read-only mapping (loading is an mmap and a header check, no parsing).
//
// asn.bin layout (little-endian; every section 8-byte aligned; offsets from the file start):
//   AsnFileHeader
//   v4 section:  uint32 start[n4], uint32 end[n4], uint32 asn[n4], uint32 org[n4]
//   v6 section:  U128 start[n6], U128 end[n6], uint32 asn[n6], uint32 org[n6]   (U128 = {hi, lo})
//   asn index:   uint32 asn[na] (sorted, unique), uint32 org[na] (its most frequent organisation)
//   org index:   uint32 offset[no + 1] into the string blob (organisation i = blob[offset[i], offset[i+1]))
//   string blob: UTF-8 organisation names, deduplicated, not terminated
// Starts, ends, ASNs and organisations are separate arrays so that the binary search touches only
// the starts.
#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/ip_address.h"
#include "intel/mapped_file.h"

namespace sovscan {

struct U128 {
    uint64_t hi = 0, lo = 0;
    friend auto operator<=>(const U128&, const U128&) = default;
    friend bool operator==(const U128&, const U128&) = default;
};

struct AsnFileHeader {
    char magic[8];              // "SOVSASN\0"
    uint32_t format_version;    // kAsnFormatVersion
    uint32_t header_size;       // sizeof(AsnFileHeader)
    uint32_t v4_count, v6_count, asn_count, org_count;
    uint64_t v4_offset, v6_offset, asn_offset, org_index_offset, strings_offset, strings_size;
    uint64_t file_size;
    char source_version[32];    // "@ip-location-db/asn" version, NUL padded
};
static_assert(sizeof(AsnFileHeader) == 120);
// The compiled files are host-order; sovscan targets little-endian hosts (x86-64, arm64).
static_assert(std::endian::native == std::endian::little);

inline constexpr char kAsnMagic[8] = {'S', 'O', 'V', 'S', 'A', 'S', 'N', '\0'};
inline constexpr uint32_t kAsnFormatVersion = 1;

struct AsnHit {
    uint32_t asn = 0;
    std::string_view org;  // points into the mapping; valid while the AsnTable lives
};

// One range of the compiled table, as `intel update` compares two builds.
struct AsnRange {
    IpAddress first, last;
    uint32_t asn = 0;
    friend bool operator==(const AsnRange&, const AsnRange&) = default;
    friend auto operator<=>(const AsnRange&, const AsnRange&) = default;
};

class AsnTable {
public:
    // Maps and checks `path` (magic, version, sizes, offsets); false with `error` otherwise.
    bool open(const std::string& path, std::string& error);

    std::optional<AsnHit> lookup(const IpAddress& ip) const;
    // Whether the ASN announces any range in the data, and its most frequent organisation string.
    std::optional<std::string_view> asn_org(uint32_t asn) const;

    uint32_t v4_count() const { return hdr_->v4_count; }
    uint32_t v6_count() const { return hdr_->v6_count; }
    uint32_t asn_count() const { return hdr_->asn_count; }
    uint32_t org_count() const { return hdr_->org_count; }
    std::string source_version() const;

    // Whole-table walks in ascending order, for comparing two builds (`sovscan intel update`); not
    // for the hot path. Indexes below v4_count(), v6_count() and asn_count() respectively.
    AsnRange v4_range(uint32_t i) const;
    AsnRange v6_range(uint32_t i) const;
    uint32_t asn_at(uint32_t i) const { return asn_[i]; }
    std::string_view asn_org_at(uint32_t i) const { return org(asn_org_[i]); }

private:
    std::string_view org(uint32_t id) const;
    MappedFile file_;
    const AsnFileHeader* hdr_ = nullptr;
    const uint32_t *v4_start_ = nullptr, *v4_end_ = nullptr, *v4_asn_ = nullptr, *v4_org_ = nullptr;
    const U128 *v6_start_ = nullptr, *v6_end_ = nullptr;
    const uint32_t *v6_asn_ = nullptr, *v6_org_ = nullptr;
    const uint32_t *asn_ = nullptr, *asn_org_ = nullptr, *org_index_ = nullptr;
    const char* strings_ = nullptr;
};

// Compiles ip-location-db's asn-ipv4-num.csv and asn-ipv6-num.csv (start,end,asn,org with decimal
// integers) into asn.bin.
class AsnTableCompiler {
public:
    struct Stats {
        uint32_t v4_ranges = 0, v6_ranges = 0, asns = 0, orgs = 0;
        uint32_t overlaps_clipped = 0;  // ranges cut short because the next range starts inside them
    };
    // Parses a CSV file of one family; false with `error` (file and line) on malformed input.
    bool add_v4_csv(const std::string& path, std::string& error);
    bool add_v6_csv(const std::string& path, std::string& error);
    // Writes the table (atomically: a temporary file renamed into place).
    bool write(const std::string& path, std::string_view source_version, Stats& stats, std::string& error);

private:
    uint32_t intern(const std::string& org);
    struct V4 { uint32_t start, end, asn, org; };
    struct V6 { U128 start, end; uint32_t asn, org; };
    std::vector<V4> v4_;
    std::vector<V6> v6_;
    std::vector<std::string> orgs_;
    std::unordered_map<std::string, uint32_t> org_ids_;
};

// Parses a non-negative decimal integer of up to 128 bits; nullopt on anything else.
std::optional<U128> parse_decimal_u128(std::string_view text);

}  // namespace sovscan
