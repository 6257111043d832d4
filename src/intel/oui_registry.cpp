#include "intel/oui_registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "common/csv_reader.h"
#include "intel/binary_writer.h"

namespace sovscan {
namespace {

constexpr std::string_view kRegistrationAuthority = "IEEE Registration Authority";

bool is_upper2(std::string_view t) {
    return t.size() == 2 && t[0] >= 'A' && t[0] <= 'Z' && t[1] >= 'A' && t[1] <= 'Z';
}

std::optional<uint64_t> parse_hex(std::string_view s) {
    if (s.empty() || s.size() > 16) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else return std::nullopt;
        v = (v << 4) | static_cast<uint64_t>(d);
    }
    return v;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string fold_org_name(std::string_view name) {
    std::string out;
    bool space = false;
    for (char c : name) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

std::string registrant_country(std::string_view address) {
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < address.size()) {
        while (i < address.size() && (address[i] == ' ' || address[i] == '\t')) ++i;
        size_t start = i;
        while (i < address.size() && address[i] != ' ' && address[i] != '\t') ++i;
        if (i > start) words.push_back(address.substr(start, i - start));
    }
    size_t stop = words.size() > 5 ? words.size() - 5 : 0;
    for (size_t k = words.size(); k > stop; --k)
        if (is_upper2(words[k - 1])) return std::string(words[k - 1]);
    return {};
}

std::string OuiHit::prefix_hex() const {
    int digits = kOuiPrefixBits[static_cast<int>(registry)] / 4;
    return fmt::format("{:0{}X}", prefix, digits);
}

// ---- reading ----

bool OuiRegistry::open(const std::string& path, std::string& error) {
    if (!file_.open(path, error)) return false;
    auto bytes = file_.bytes();
    hdr_ = compiled_header<OuiFileHeader>(bytes, kOuiMagic, kOuiFormatVersion, "oui.bin", error);
    if (!hdr_) return false;
    const auto& h = *hdr_;
    bool ok = h.file_size == bytes.size() && fits<uint32_t>(bytes, h.org_index_offset, uint64_t(h.org_count) + 1) &&
              fits<char>(bytes, h.strings_offset, h.strings_size);
    for (int r = 0; r < 3; ++r) ok = ok && fits<OuiEntry>(bytes, h.entries_offset[r], h.count[r]);
    if (!ok) {
        error = "truncated or corrupt oui.bin (sections outside the file)";
        return false;
    }
    for (int r = 0; r < 3; ++r) entries_[r] = section<OuiEntry>(bytes, h.entries_offset[r]);
    org_index_ = section<uint32_t>(bytes, h.org_index_offset);
    strings_ = section<char>(bytes, h.strings_offset);
    return true;
}

std::string_view OuiRegistry::org(uint32_t id) const {
    return string_table_at(org_index_, strings_, hdr_->org_count, hdr_->strings_size, id);
}

std::optional<OuiHit> OuiRegistry::lookup(const MacAddress& mac) const {
    if (!hdr_ || mac.is_group() || mac.is_locally_administered()) return std::nullopt;
    const uint64_t m = mac.as_u64();
    for (int r = 2; r >= 0; --r) {  // MA-S, MA-M, MA-L: longest prefix first
        uint64_t key = m >> (48 - kOuiPrefixBits[r]);
        const OuiEntry* b = entries_[r];
        const OuiEntry* e = b + hdr_->count[r];
        const OuiEntry* it = std::lower_bound(b, e, key, [](const OuiEntry& x, uint64_t k) { return x.prefix < k; });
        if (it == e || it->prefix != key) continue;
        std::string_view name = org(it->org);
        // The RA's own MA-L blocks are containers for MA-M/MA-S assignments, not a registrant.
        if (name == kRegistrationAuthority) return std::nullopt;
        std::string_view cc(it->country, it->country[0] ? 2 : 0);
        return OuiHit{static_cast<OuiRegistryKind>(r), key, name, cc};
    }
    return std::nullopt;
}

OuiHit OuiRegistry::entry_at(OuiRegistryKind r, uint32_t i) const {
    const OuiEntry& e = entries_[static_cast<int>(r)][i];
    return OuiHit{r, e.prefix, org(e.org), std::string_view(e.country, e.country[0] ? 2 : 0)};
}

std::string OuiRegistry::source_version() const {
    if (!hdr_) return {};
    return std::string(hdr_->source_version, strnlen(hdr_->source_version, sizeof hdr_->source_version));
}

std::unordered_map<std::string, std::array<uint32_t, 3>> OuiRegistry::assignment_counts() const {
    std::unordered_map<std::string, std::array<uint32_t, 3>> counts;
    if (!hdr_) return counts;
    std::vector<std::string> folded(hdr_->org_count);
    for (uint32_t i = 0; i < hdr_->org_count; ++i) folded[i] = fold_org_name(org(i));
    for (int r = 0; r < 3; ++r)
        for (uint32_t i = 0; i < hdr_->count[r]; ++i) {
            uint32_t o = entries_[r][i].org;
            if (o < folded.size()) ++counts[folded[o]][r];
        }
    return counts;
}

// ---- compiling ----

uint32_t OuiRegistryCompiler::intern(const std::string& org) {
    auto [it, inserted] = org_ids_.try_emplace(org, static_cast<uint32_t>(orgs_.size()));
    if (inserted) orgs_.push_back(org);
    return it->second;
}

bool OuiRegistryCompiler::add_csv(const std::string& path, OuiRegistryKind registry, std::string& error) {
    std::string text;
    if (!read_text_file(path, text, error)) {
        error = fmt::format("{}: {}", path, error);
        return false;
    }
    const int r = static_cast<int>(registry);
    const size_t digits = static_cast<size_t>(kOuiPrefixBits[r] / 4);
    bool header = true;
    std::string why;
    bool ok = for_each_csv_record(
        text,
        [&](const std::vector<std::string>& f, size_t line) {
            if (header) {
                header = false;
                if (f.size() < 4 || f[0] != "Registry" || f[1] != "Assignment") {
                    why = "expected header Registry,Assignment,Organization Name,Organization Address";
                    return false;
                }
                return true;
            }
            auto prefix = f.size() == 4 && f[1].size() == digits ? parse_hex(f[1]) : std::nullopt;
            if (!prefix || f[0] != kOuiRegistryNames[r]) {
                why = fmt::format("line {}: expected a {} row with a {}-digit assignment", line,
                                  kOuiRegistryNames[r], digits);
                return false;
            }
            OuiEntry e{};
            e.prefix = *prefix;
            e.org = intern(std::string(trim(f[2])));
            std::string cc = registrant_country(f[3]);
            if (cc.size() == 2) std::memcpy(e.country, cc.data(), 2);
            entries_[r].push_back(e);
            return true;
        },
        why);
    if (!ok) error = fmt::format("{}: {}", path, why);
    return ok;
}

bool OuiRegistryCompiler::write(const std::string& path, std::string_view source_version, Stats& stats,
                                std::string& error) {
    stats = {};
    OuiFileHeader h{};
    std::memcpy(h.magic, kOuiMagic, sizeof kOuiMagic);
    h.format_version = kOuiFormatVersion;
    h.header_size = sizeof h;
    std::memcpy(h.source_version, source_version.data(), std::min(source_version.size(), sizeof h.source_version - 1));
    for (auto& list : entries_) {
        // A few assignments are listed more than once (080030 three times): keep the first row.
        std::stable_sort(list.begin(), list.end(), [](const OuiEntry& a, const OuiEntry& b) { return a.prefix < b.prefix; });
        auto end = std::unique(list.begin(), list.end(), [](const OuiEntry& a, const OuiEntry& b) { return a.prefix == b.prefix; });
        stats.duplicates += static_cast<uint32_t>(list.end() - end);
        list.erase(end, list.end());
    }
    h.org_count = static_cast<uint32_t>(orgs_.size());

    BinaryWriter w;
    w.append(h);
    w.pad8();
    for (int r = 0; r < 3; ++r) {
        h.count[r] = static_cast<uint32_t>(entries_[r].size());
        stats.assignments[r] = h.count[r];
        h.entries_offset[r] = w.size();
        for (const auto& e : entries_[r]) w.append(e);
    }
    const BinaryWriter::StringTable orgs = w.append_string_table(orgs_);
    h.org_index_offset = orgs.index_offset;
    h.strings_offset = orgs.strings_offset;
    h.strings_size = orgs.strings_size;
    h.file_size = w.size();
    w.put_at(0, h);
    if (!w.write_atomically(path, error)) return false;
    stats.orgs = h.org_count;
    return true;
}

}  // namespace sovscan
