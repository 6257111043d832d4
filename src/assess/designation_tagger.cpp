#include "assess/designation_tagger.h"

#include <algorithm>
#include <map>

namespace sovscan {

std::vector<FindingDesignation> DesignationTagger::of(const Vendor& v) const {
    std::vector<FindingDesignation> out;
    for (const VendorDesignation& d : catalog_.designations_for(v)) {
        if (d.entry && !d.entry->current()) continue;  // removed from its list: history, not a tag
        FindingDesignation t;
        t.list_id = d.list->id;
        t.list_name = d.list->name;
        t.list_name_cs = d.list->name_cs;
        t.issuer = d.list->issuer;
        t.kind = d.list->kind;
        t.url = d.list->url;
        t.vendor_id = v.id;
        t.listed_name = d.entry ? d.entry->listed_name : std::string();
        t.listed_on = d.entry ? d.entry->listed_on : d.list->issued;
        t.via_parent = d.via ? d.via->id.str() : std::string();
        // One tag per list and vendor: a list naming both a company and its parent says it once.
        const bool seen = std::any_of(out.begin(), out.end(), [&](const FindingDesignation& o) {
            return o.list_id == t.list_id && o.vendor_id == t.vendor_id;
        });
        if (!seen) out.push_back(std::move(t));
    }
    return out;
}

void DesignationTagger::tag(std::vector<Finding>& findings) const {
    // One list per pair of vendors, shared by every finding that names that pair (FindingDesignations).
    std::map<std::pair<std::string, std::string>, FindingDesignations> lists;
    for (Finding& f : findings) {
        auto [it, fresh] = lists.try_emplace({f.counterpart->vendor_id, f.asset.mac_vendor_id});
        if (fresh) it->second = of_pair(f.counterpart->vendor_id, f.asset.mac_vendor_id);
        f.designations = it->second;
    }
}

FindingDesignations DesignationTagger::of_pair(const std::string& counterpart_vendor, const std::string& asset_vendor) const {
    std::vector<FindingDesignation> out;
    for (const std::string* id : {&counterpart_vendor, &asset_vendor}) {
        const Vendor* v = id->empty() ? nullptr : catalog_.vendor(*id);
        if (!v) continue;
        for (FindingDesignation& d : of(*v)) {
            const bool seen = std::any_of(out.begin(), out.end(), [&](const FindingDesignation& o) {
                return o.list_id == d.list_id && o.vendor_id == d.vendor_id;
            });
            if (!seen) out.push_back(std::move(d));
        }
    }
    return FindingDesignations(std::move(out));
}

}  // namespace sovscan
