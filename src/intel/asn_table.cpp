#include "intel/asn_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "common/csv_reader.h"
#include "intel/binary_writer.h"

namespace sovscan {
namespace {

U128 to_u128(const IpAddress& ip) {
    U128 v;
    for (int i = 0; i < 8; ++i) v.hi = (v.hi << 8) | ip.bytes()[i];
    for (int i = 8; i < 16; ++i) v.lo = (v.lo << 8) | ip.bytes()[i];
    return v;
}

IpAddress from_u128(const U128& v) {
    uint8_t b[16];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v.hi >> (56 - 8 * i));
    for (int i = 0; i < 8; ++i) b[8 + i] = static_cast<uint8_t>(v.lo >> (56 - 8 * i));
    return IpAddress::v6_bytes(b);
}

// Index of the last range whose start <= key, or -1.
template <typename T>
ptrdiff_t last_start_at_or_below(const T* starts, uint32_t n, const T& key) {
    const T* it = std::upper_bound(starts, starts + n, key);
    return (it - starts) - 1;
}

}  // namespace

std::optional<U128> parse_decimal_u128(std::string_view text) {
    if (text.empty() || text.size() > 39) return std::nullopt;
    unsigned __int128 v = 0;
    const unsigned __int128 max = ~static_cast<unsigned __int128>(0);
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        unsigned d = static_cast<unsigned>(c - '0');
        if (v > (max - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    return U128{static_cast<uint64_t>(v >> 64), static_cast<uint64_t>(v)};
}

// ---- reading ----

bool AsnTable::open(const std::string& path, std::string& error) {
    if (!file_.open(path, error)) return false;
    auto bytes = file_.bytes();
    hdr_ = compiled_header<AsnFileHeader>(bytes, kAsnMagic, kAsnFormatVersion, "asn.bin", error);
    if (!hdr_) return false;
    const auto& h = *hdr_;
    if (h.file_size != bytes.size() || !fits<uint32_t>(bytes, h.v4_offset, 4ull * h.v4_count) ||
        !fits<U128>(bytes, h.v6_offset, 2ull * h.v6_count) ||
        !fits<uint32_t>(bytes, h.v6_offset + 32ull * h.v6_count, 2ull * h.v6_count) ||
        !fits<uint32_t>(bytes, h.asn_offset, 2ull * h.asn_count) ||
        !fits<uint32_t>(bytes, h.org_index_offset, uint64_t(h.org_count) + 1) ||
        !fits<char>(bytes, h.strings_offset, h.strings_size)) {
        error = "truncated or corrupt asn.bin (sections outside the file)";
        return false;
    }
    v4_start_ = section<uint32_t>(bytes, h.v4_offset);
    v4_end_ = v4_start_ + h.v4_count;
    v4_asn_ = v4_end_ + h.v4_count;
    v4_org_ = v4_asn_ + h.v4_count;
    v6_start_ = section<U128>(bytes, h.v6_offset);
    v6_end_ = v6_start_ + h.v6_count;
    v6_asn_ = reinterpret_cast<const uint32_t*>(v6_end_ + h.v6_count);
    v6_org_ = v6_asn_ + h.v6_count;
    asn_ = section<uint32_t>(bytes, h.asn_offset);
    asn_org_ = asn_ + h.asn_count;
    org_index_ = section<uint32_t>(bytes, h.org_index_offset);
    strings_ = section<char>(bytes, h.strings_offset);
    if (org_index_[h.org_count] > h.strings_size) {
        error = "corrupt asn.bin (organisation index beyond the string blob)";
        return false;
    }
    return true;
}

std::string_view AsnTable::org(uint32_t id) const {
    return string_table_at(org_index_, strings_, hdr_->org_count, hdr_->strings_size, id);
}

std::optional<AsnHit> AsnTable::lookup(const IpAddress& ip) const {
    if (!hdr_) return std::nullopt;
    if (ip.is_v4()) {
        uint32_t key = ip.v4_host_order();
        ptrdiff_t i = last_start_at_or_below(v4_start_, hdr_->v4_count, key);
        if (i < 0 || v4_end_[i] < key) return std::nullopt;
        return AsnHit{v4_asn_[i], org(v4_org_[i])};
    }
    U128 key = to_u128(ip);
    ptrdiff_t i = last_start_at_or_below(v6_start_, hdr_->v6_count, key);
    if (i < 0 || v6_end_[i] < key) return std::nullopt;
    return AsnHit{v6_asn_[i], org(v6_org_[i])};
}

std::optional<std::string_view> AsnTable::asn_org(uint32_t asn) const {
    if (!hdr_) return std::nullopt;
    const uint32_t* it = std::lower_bound(asn_, asn_ + hdr_->asn_count, asn);
    if (it == asn_ + hdr_->asn_count || *it != asn) return std::nullopt;
    return org(asn_org_[it - asn_]);
}

AsnRange AsnTable::v4_range(uint32_t i) const {
    return AsnRange{IpAddress::v4(v4_start_[i]), IpAddress::v4(v4_end_[i]), v4_asn_[i]};
}

AsnRange AsnTable::v6_range(uint32_t i) const {
    return AsnRange{from_u128(v6_start_[i]), from_u128(v6_end_[i]), v6_asn_[i]};
}

std::string AsnTable::source_version() const {
    if (!hdr_) return {};
    return std::string(hdr_->source_version, strnlen(hdr_->source_version, sizeof hdr_->source_version));
}

// ---- compiling ----

uint32_t AsnTableCompiler::intern(const std::string& org) {
    auto [it, inserted] = org_ids_.try_emplace(org, static_cast<uint32_t>(orgs_.size()));
    if (inserted) orgs_.push_back(org);
    return it->second;
}

// The ip-location-db ASN CSVs: `start,end,asn,organisation` with addresses as decimal integers.
// Reads every row of `path` and hands its numbers to `add`, which says whether they fit the family.
template <typename AddRow>
static bool read_asn_csv(const std::string& path, std::string_view family, std::string& error, AddRow add) {
    std::string text;
    if (!read_text_file(path, text, error)) {
        error = fmt::format("{}: {}", path, error);
        return false;
    }
    std::string why;
    bool ok = for_each_csv_record(
        text,
        [&](const std::vector<std::string>& f, size_t line) {
            auto s = parse_decimal_u128(f.size() == 4 ? f[0] : "");
            auto e = parse_decimal_u128(f.size() == 4 ? f[1] : "");
            auto a = parse_decimal_u128(f.size() == 4 ? f[2] : "");
            if (!s || !e || !a || a->hi || a->lo > 0xFFFFFFFFu || *e < *s || !add(*s, *e, uint32_t(a->lo), f[3])) {
                why = fmt::format("line {}: expected start,end,asn,org with {} integers", line, family);
                return false;
            }
            return true;
        },
        why);
    if (!ok) error = fmt::format("{}: {}", path, why);
    return ok;
}

bool AsnTableCompiler::add_v4_csv(const std::string& path, std::string& error) {
    return read_asn_csv(path, "IPv4", error, [this](const U128& s, const U128& e, uint32_t asn, const std::string& org) {
        if (s.hi || e.hi || s.lo > 0xFFFFFFFFu || e.lo > 0xFFFFFFFFu) return false;
        v4_.push_back({uint32_t(s.lo), uint32_t(e.lo), asn, intern(org)});
        return true;
    });
}

bool AsnTableCompiler::add_v6_csv(const std::string& path, std::string& error) {
    return read_asn_csv(path, "IPv6", error, [this](const U128& s, const U128& e, uint32_t asn, const std::string& org) {
        v6_.push_back({s, e, asn, intern(org)});
        return true;
    });
}

namespace {

// Sorts by start and cuts a range short where the next one starts inside it, so that lookups can
// take the last start at or below the address. The data has one such overlap (DoD, 214.95.0.0).
template <typename R, typename Minus1>
uint32_t sort_and_clip(std::vector<R>& ranges, Minus1 minus1) {
    std::stable_sort(ranges.begin(), ranges.end(), [](const R& a, const R& b) { return a.start < b.start; });
    uint32_t clipped = 0;
    std::vector<R> out;
    out.reserve(ranges.size());
    for (const R& r : ranges) {
        if (!out.empty() && out.back().start == r.start) {
            // Same start: keep the narrower (more specific) range.
            if (r.end < out.back().end) out.back() = r;
            ++clipped;
            continue;
        }
        if (!out.empty() && !(out.back().end < r.start)) {
            out.back().end = minus1(r.start);
            ++clipped;
        }
        out.push_back(r);
    }
    ranges.swap(out);
    return clipped;
}

}  // namespace

bool AsnTableCompiler::write(const std::string& path, std::string_view source_version, Stats& stats,
                             std::string& error) {
    stats = {};
    stats.overlaps_clipped += sort_and_clip(v4_, [](uint32_t s) { return s - 1; });
    stats.overlaps_clipped += sort_and_clip(v6_, [](U128 s) {
        if (s.lo == 0) --s.hi;
        --s.lo;
        return s;
    });

    // ASN index: each ASN with the organisation string it carries on most ranges (ties: first seen).
    std::unordered_map<uint32_t, std::unordered_map<uint32_t, uint32_t>> org_votes;
    for (const auto& r : v4_) ++org_votes[r.asn][r.org];
    for (const auto& r : v6_) ++org_votes[r.asn][r.org];
    std::vector<std::pair<uint32_t, uint32_t>> asns;
    asns.reserve(org_votes.size());
    for (const auto& [asn, votes] : org_votes) {
        uint32_t best = 0, best_n = 0;
        for (const auto& [org, n] : votes)
            if (n > best_n || (n == best_n && org < best)) best = org, best_n = n;
        asns.emplace_back(asn, best);
    }
    std::sort(asns.begin(), asns.end());

    AsnFileHeader h{};
    std::memcpy(h.magic, kAsnMagic, sizeof kAsnMagic);
    h.format_version = kAsnFormatVersion;
    h.header_size = sizeof h;
    h.v4_count = static_cast<uint32_t>(v4_.size());
    h.v6_count = static_cast<uint32_t>(v6_.size());
    h.asn_count = static_cast<uint32_t>(asns.size());
    h.org_count = static_cast<uint32_t>(orgs_.size());
    std::memcpy(h.source_version, source_version.data(), std::min(source_version.size(), sizeof h.source_version - 1));

    BinaryWriter w;
    w.append(h);  // placeholder, rewritten once the offsets are known
    w.pad8();
    h.v4_offset = w.size();
    for (const auto& r : v4_) w.append(r.start);
    for (const auto& r : v4_) w.append(r.end);
    for (const auto& r : v4_) w.append(r.asn);
    for (const auto& r : v4_) w.append(r.org);
    w.pad8();
    h.v6_offset = w.size();
    for (const auto& r : v6_) w.append(r.start);
    for (const auto& r : v6_) w.append(r.end);
    for (const auto& r : v6_) w.append(r.asn);
    for (const auto& r : v6_) w.append(r.org);
    w.pad8();
    h.asn_offset = w.size();
    for (const auto& a : asns) w.append(a.first);
    for (const auto& a : asns) w.append(a.second);
    const BinaryWriter::StringTable orgs = w.append_string_table(orgs_);
    h.org_index_offset = orgs.index_offset;
    h.strings_offset = orgs.strings_offset;
    h.strings_size = orgs.strings_size;
    h.file_size = w.size();
    w.put_at(0, h);
    if (!w.write_atomically(path, error)) return false;
    stats.v4_ranges = h.v4_count;
    stats.v6_ranges = h.v6_count;
    stats.asns = h.asn_count;
    stats.orgs = h.org_count;
    return true;
}

}  // namespace sovscan
