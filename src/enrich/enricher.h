#pragma once
// Attaches intel to what observe saw, once per distinct address, name or MAC (cached): the per-flow
// cost is one hash lookup, never a database query.
#include <optional>
#include <string>
#include <unordered_map>

#include "common/ip_address.h"
#include "common/mac_address.h"
#include "intel/intel.h"

namespace sovscan {

// Who is behind an address: where it is located (geolocation), the registry's country, and the
// network that announces it with the jurisdiction controlling that network's operator.
struct EndpointIntel {
    std::string located_in;        // ISO code by geolocation, "" if unknown
    std::string registry_country;  // ISO code of the RIR/whois record, "" if unknown
    uint32_t asn = 0;
    std::string as_org;
    const AsnOperator* op = nullptr;  // catalogued operator (with control_country), if any
};

// Who is behind a name: the catalogued vendor whose domain it is, and that vendor's jurisdiction.
struct NameIntel {
    const DomainEntry* entry = nullptr;
    const Vendor* vendor = nullptr;
};

// Who made a network interface: the IEEE registrant and the catalogued vendor.
struct DeviceIntel {
    std::optional<OuiAnswer> oui;  // none for locally administered (randomised) addresses
};

class Enricher {
public:
    // Each cache (addresses, names, MACs) holds at most `max_cached` entries: a full one is emptied
    // before the next miss (an answer is recomputed from the intel, never lost), so that a flood of
    // distinct addresses costs no memory here. 2^16 addresses are about 10 MB.
    static constexpr size_t kDefaultMaxCached = 1u << 16;
    explicit Enricher(const Intel& intel, size_t max_cached = kDefaultMaxCached)
        : intel_(intel), max_cached_(max_cached) {}

    // The answers are valid until the next call.
    const EndpointIntel& endpoint(const IpAddress& ip);
    const NameIntel& name(const std::string& name);
    const DeviceIntel& device(const MacAddress& mac);
    const Intel& intel() const { return intel_; }

private:
    const Intel& intel_;
    size_t max_cached_;
    std::unordered_map<IpAddress, EndpointIntel, IpAddressHash> endpoints_;
    std::unordered_map<std::string, NameIntel> names_;
    std::unordered_map<uint64_t, DeviceIntel> devices_;
};

}  // namespace sovscan
