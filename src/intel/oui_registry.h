#pragma once
// MAC -> IEEE registrant, from the compiled oui.bin: the MA-S (36-bit), MA-M (28-bit) and MA-L
// (24-bit) assignments as three sorted arrays searched in place (longest match first).
//
// oui.bin layout (little-endian; sections 8-byte aligned; offsets from the file start):
//   OuiFileHeader
//   entries[registry]: OuiEntry[count[registry]] sorted by prefix, for MA-L, MA-M, MA-S
//   org index: uint32 offset[org_count + 1] into the string blob
//   string blob: UTF-8 organisation names, deduplicated
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/mac_address.h"
#include "intel/mapped_file.h"

namespace sovscan {

enum class OuiRegistryKind : uint8_t { ma_l = 0, ma_m = 1, ma_s = 2 };
inline constexpr std::array<int, 3> kOuiPrefixBits = {24, 28, 36};
inline constexpr std::array<std::string_view, 3> kOuiRegistryNames = {"MA-L", "MA-M", "MA-S"};

struct OuiFileHeader {
    char magic[8];  // "SOVSOUI\0"
    uint32_t format_version;
    uint32_t header_size;
    uint32_t count[3];  // MA-L, MA-M, MA-S
    uint32_t org_count;
    uint64_t entries_offset[3];
    uint64_t org_index_offset, strings_offset, strings_size, file_size;
    char source_version[32];  // ieee-data package version
};
static_assert(sizeof(OuiFileHeader) == 120);

struct OuiEntry {
    uint64_t prefix;  // the assignment's top bits, right-aligned (e.g. 0xA4C64F for MA-L)
    uint32_t org;
    char country[2];  // registrant country from the address, or two NULs
    uint16_t reserved;
};
static_assert(sizeof(OuiEntry) == 16);

inline constexpr char kOuiMagic[8] = {'S', 'O', 'V', 'S', 'O', 'U', 'I', '\0'};
inline constexpr uint32_t kOuiFormatVersion = 1;

struct OuiHit {
    OuiRegistryKind registry;
    uint64_t prefix;
    std::string_view organisation;  // into the mapping
    std::string_view country;       // "" when the address has none
    std::string prefix_hex() const;  // upper-case, 6/7/9 digits
};

// The registrant country of an IEEE "Organization Address": the last 2-letter upper-case token among
// its final five words (addresses end "... City Province CN 518129"), as corpus/FACTS.md counts it.
std::string registrant_country(std::string_view address);

class OuiRegistry {
public:
    bool open(const std::string& path, std::string& error);

    // Longest-prefix match. nullopt for group or locally administered addresses, for unassigned
    // prefixes, and for blocks registered to "IEEE Registration Authority" with no sub-assignment.
    std::optional<OuiHit> lookup(const MacAddress& mac) const;

    uint32_t count(OuiRegistryKind r) const { return hdr_->count[static_cast<int>(r)]; }
    std::string source_version() const;
    // Number of assignments per registry carrying each organisation name, for catalog validation
    // (key: folded name). Walks the whole table: not for the hot path.
    std::unordered_map<std::string, std::array<uint32_t, 3>> assignment_counts() const;
    // Assignment `i` of a registry in ascending prefix order (i < count(r)), Registration Authority
    // containers included: for comparing two builds, not for the hot path.
    OuiHit entry_at(OuiRegistryKind r, uint32_t i) const;

private:
    std::string_view org(uint32_t id) const;
    MappedFile file_;
    const OuiFileHeader* hdr_ = nullptr;
    std::array<const OuiEntry*, 3> entries_{};
    const uint32_t* org_index_ = nullptr;
    const char* strings_ = nullptr;
};

// Compiles the ieee-data CSVs (Registry,Assignment,Organization Name,Organization Address).
class OuiRegistryCompiler {
public:
    struct Stats {
        std::array<uint32_t, 3> assignments{};
        uint32_t orgs = 0;
        uint32_t duplicates = 0;  // repeated assignments (the first one is kept)
    };
    bool add_csv(const std::string& path, OuiRegistryKind registry, std::string& error);
    bool write(const std::string& path, std::string_view source_version, Stats& stats, std::string& error);

private:
    uint32_t intern(const std::string& org);
    std::array<std::vector<OuiEntry>, 3> entries_;
    std::vector<std::string> orgs_;
    std::unordered_map<std::string, uint32_t> org_ids_;
};

// Case-folded, whitespace-collapsed, trimmed form used to compare organisation names.
std::string fold_org_name(std::string_view name);

}  // namespace sovscan
