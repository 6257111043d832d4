#include "enrich/enricher.h"

namespace sovscan {

namespace {

// Empties a full cache before a lookup that may add to it.
template <typename Map, typename Key>
void make_room(Map& cache, const Key& key, size_t max_cached) {
    if (cache.size() >= max_cached && !cache.count(key)) cache.clear();
}

}  // namespace

const EndpointIntel& Enricher::endpoint(const IpAddress& ip) {
    make_room(endpoints_, ip, max_cached_);
    auto [it, inserted] = endpoints_.try_emplace(ip);
    if (!inserted) return it->second;
    EndpointIntel& e = it->second;
    if (ip.is_private_or_local()) return e;  // no database knows where 10.0.0.1 is
    if (auto c = intel_.located_country(ip)) e.located_in = *c;
    if (auto c = intel_.registry_country(ip)) e.registry_country = *c;
    if (auto a = intel_.asn(ip)) {
        e.asn = a->asn;
        e.as_org = a->org;
        e.op = a->op;
    }
    return e;
}

const NameIntel& Enricher::name(const std::string& name) {
    make_room(names_, name, max_cached_);
    auto [it, inserted] = names_.try_emplace(name);
    if (!inserted) return it->second;
    DomainAnswer d = intel_.domain(name);
    it->second.entry = d.entry;
    it->second.vendor = d.vendor;
    return it->second;
}

const DeviceIntel& Enricher::device(const MacAddress& mac) {
    make_room(devices_, mac.as_u64(), max_cached_);
    auto [it, inserted] = devices_.try_emplace(mac.as_u64());
    if (inserted) it->second.oui = intel_.oui(mac);
    return it->second;
}

}  // namespace sovscan
