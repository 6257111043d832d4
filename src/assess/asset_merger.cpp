#include "assess/asset_merger.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <unordered_map>

namespace sovscan {
namespace {

// Names devices ship with by the thousand: they identify nothing.
constexpr std::array<std::string_view, 12> kGenericHostnames = {
    "localhost", "android", "iphone", "ipad", "unknown", "host", "device", "espressif", "esp32", "raspberrypi",
    "www", "default"};

// Union-find over the input records, keeping per group what the merge constraints need.
class Groups {
public:
    explicit Groups(const std::vector<AssetRecord>& records) : parent_(records.size()) {
        std::iota(parent_.begin(), parent_.end(), 0);
        for (const AssetRecord& r : records) {
            ids_.push_back(r.inventory_id.empty() ? std::vector<std::string>{} : std::vector<std::string>{r.inventory_id});
            macs_.push_back(r.macs);
        }
    }

    size_t root(size_t i) {
        while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
        return i;
    }

    // Joins the groups of a and b unless their inventory ids differ, or (for a key weaker than a
    // MAC) their MAC addresses do.
    void join(size_t a, size_t b, bool by_mac) {
        a = root(a), b = root(b);
        if (a == b) return;
        if (!ids_[a].empty() && !ids_[b].empty() && !overlaps(ids_[a], ids_[b])) return;
        if (!by_mac && !macs_[a].empty() && !macs_[b].empty() && !overlaps(macs_[a], macs_[b])) return;
        if (b < a) std::swap(a, b);  // the earlier record's group survives: output order is input order
        parent_[b] = a;
        append_unique(ids_[a], ids_[b]);
        append_unique(macs_[a], macs_[b]);
    }

private:
    template <typename T>
    static bool overlaps(const std::vector<T>& x, const std::vector<T>& y) {
        return std::any_of(x.begin(), x.end(), [&](const T& v) { return std::find(y.begin(), y.end(), v) != y.end(); });
    }
    template <typename T>
    static void append_unique(std::vector<T>& to, const std::vector<T>& from) {
        for (const T& v : from)
            if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
    }
    std::vector<size_t> parent_;
    std::vector<std::vector<std::string>> ids_;
    std::vector<std::vector<MacAddress>> macs_;
};

// Joins, for one kind of key, every record with the first record that had the same key.
template <typename Keys>
void join_on(const std::vector<AssetRecord>& records, Groups& groups, bool by_mac, Keys keys_of) {
    std::unordered_map<std::string, size_t> first;
    for (size_t i = 0; i < records.size(); ++i)
        for (const std::string& key : keys_of(records[i])) {
            if (key.empty()) continue;
            auto [it, fresh] = first.try_emplace(key, i);
            if (!fresh) groups.join(it->second, i, by_mac);
        }
}

// Moves `from`'s items to the end of `to`; the first record of an asset hands its vector over whole.
template <typename T>
void move_append(std::vector<T>& to, std::vector<T>& from) {
    if (to.empty()) {
        to = std::move(from);
        return;
    }
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    from.clear();
}

template <typename T>
void add_unique(std::vector<T>& to, const T& v) {
    if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
}

std::string first_value(const MergedAsset& a, std::string_view name, AssetSourceKind kind) {
    for (const AssetAttribute& attr : a.attributes)
        if (attr.name == name && attr.source.kind == kind) return attr.value;
    return {};
}
std::string first_value(const MergedAsset& a, std::string_view name) {
    for (const AssetAttribute& attr : a.attributes)
        if (attr.name == name) return attr.value;
    return {};
}

// "inv:<id>", "mac:<mac>", "ip:<address>", "host:<name>", else the first source.
std::string asset_id(const MergedAsset& a, const AssetSource& first) {
    if (!a.inventory_ids.empty()) return "inv:" + a.inventory_ids.front();
    if (!a.macs.empty()) return "mac:" + a.macs.front().to_string();
    if (!a.ips.empty()) return "ip:" + a.ips.front().to_string();
    if (!a.hostnames.empty()) return "host:" + a.hostnames.front();
    return fmt::format("{}:{}{}{}", asset_source_label(first.kind), first.file, first.location.empty() ? "" : "#",
                       first.location);
}

// A name for people: the CMDB's, a host name, what the device calls itself, the SBOM's system name.
std::string display_name(const MergedAsset& a) {
    for (const std::string& v : {first_value(a, "name", AssetSourceKind::cmdb), a.hostnames.empty() ? std::string() : a.hostnames.front(),
                                 first_value(a, "friendly_name"), first_value(a, "name")})
        if (!v.empty()) return v;
    if (!a.ips.empty()) return a.ips.front().to_string();
    if (!a.macs.empty()) return a.macs.front().to_string();
    if (!a.models.empty()) return a.models.front().name.empty() ? a.models.front().path : a.models.front().name;
    return a.id;
}

// Records that share no key but the same id source (two rows both named by a host name too short to
// join on, the same file read twice) would give two assets one id: the later ones get "#2", "#3".
void make_ids_unique(std::vector<MergedAsset>& assets) {
    std::unordered_map<std::string, size_t> seen;
    for (MergedAsset& a : assets) {
        size_t& n = seen[a.id];
        if (++n == 1) continue;
        std::string id = fmt::format("{}#{}", a.id, n);
        while (seen.count(id)) id = fmt::format("{}#{}", a.id, ++n);
        seen[id] = 1;
        a.id = std::move(id);
    }
}

}  // namespace

std::string AssetMerger::hostname_key(std::string_view hostname) {
    std::string label(hostname.substr(0, hostname.find('.')));
    std::transform(label.begin(), label.end(), label.begin(), [](unsigned char c) { return std::tolower(c); });
    if (label.size() < 2) return {};
    if (std::find(kGenericHostnames.begin(), kGenericHostnames.end(), label) != kGenericHostnames.end()) return {};
    return label;
}

std::vector<MergedAsset> AssetMerger::merge(std::vector<AssetRecord> records) const {
    Groups groups(records);
    join_on(records, groups, true, [](const AssetRecord& r) { return std::vector<std::string>{r.inventory_id}; });
    join_on(records, groups, true, [](const AssetRecord& r) {
        std::vector<std::string> keys;
        for (const MacAddress& m : r.macs) keys.push_back(m.to_string());
        return keys;
    });
    join_on(records, groups, false, [this](const AssetRecord& r) {
        std::vector<std::string> keys;
        for (const IpAddress& ip : addresses_.identifying(r.ips)) keys.push_back(ip.to_string());
        return keys;
    });
    join_on(records, groups, false, [](const AssetRecord& r) {
        std::vector<std::string> keys;
        for (const std::string& h : r.hostnames) keys.push_back(hostname_key(h));
        return keys;
    });

    std::vector<MergedAsset> out;
    size_t groups_count = 0;  // reserved exactly: a MergedAsset is 560 bytes, a million of them doubled is not spare
    for (size_t i = 0; i < records.size(); ++i) groups_count += groups.root(i) == i;
    out.reserve(groups_count);
    std::unordered_map<size_t, size_t> index;  // group root -> out
    std::vector<const AssetSource*> first_source;
    for (size_t i = 0; i < records.size(); ++i) {
        AssetRecord& r = records[i];
        auto [it, fresh] = index.try_emplace(groups.root(i), out.size());
        if (fresh) {
            out.emplace_back();
            first_source.push_back(&r.source);
        }
        MergedAsset& a = out[it->second];
        if (!r.inventory_id.empty()) add_unique(a.inventory_ids, r.inventory_id);
        for (const IpAddress& ip : addresses_.identifying(r.ips)) add_unique(a.ips, ip);
        for (const MacAddress& m : r.macs) add_unique(a.macs, m);
        for (const std::string& h : r.hostnames) add_unique(a.hostnames, h);
        move_append(a.attributes, r.attributes);
        move_append(a.software, r.software);
        move_append(a.models, r.models);
        add_unique(a.sources, r.source.kind);
        // The CMDB is the operator's own register: its values win; else the first source's.
        const bool cmdb = r.source.kind == AssetSourceKind::cmdb;
        auto take = [&](uint8_t& to, uint8_t v) {
            if (v && (!to || cmdb)) to = v;
        };
        take(a.cia.c, r.cia.c), take(a.cia.i, r.cia.i), take(a.cia.a, r.cia.a);
        if (!r.owner.empty() && (a.owner.empty() || cmdb)) a.owner = std::move(r.owner);
        if (!r.location.empty() && (a.location.empty() || cmdb)) a.location = std::move(r.location);
    }
    for (size_t k = 0; k < out.size(); ++k) {
        MergedAsset& a = out[k];
        a.randomised_mac = !a.macs.empty() && std::all_of(a.macs.begin(), a.macs.end(), [](const MacAddress& m) {
            return m.is_locally_administered();
        });
        a.id = asset_id(a, *first_source[k]);
        a.name = display_name(a);
    }
    make_ids_unique(out);
    return out;
}

}  // namespace sovscan
