#include "assess/asset_address.h"

#include <algorithm>

namespace sovscan {

namespace {

bool is_loopback(const IpAddress& ip) {
    if (ip.is_v4()) return (ip.v4_host_order() >> 24) == 127;
    static const IpAddress v6_loopback = *IpAddress::parse("::1");
    return ip == v6_loopback;
}

}  // namespace

AssetAddressRule::AssetAddressRule(std::span<const Cidr> known_subnets) {
    for (const Cidr& net : known_subnets) {
        if (!net.network().is_v4() || net.prefix_length() > 30) continue;  // /31, /32: every address a host
        const uint32_t host_bits = net.prefix_length() == 0 ? 0xFFFFFFFFu : (1u << (32 - net.prefix_length())) - 1;
        subnet_broadcasts_.push_back(IpAddress::v4(net.network().v4_host_order() | host_bits));
    }
}

bool AssetAddressRule::identifies(const IpAddress& ip) const {
    if (ip.is_unspecified() || ip.is_multicast_or_broadcast() || is_loopback(ip)) return false;
    return std::find(subnet_broadcasts_.begin(), subnet_broadcasts_.end(), ip) == subnet_broadcasts_.end();
}

std::vector<IpAddress> AssetAddressRule::identifying(std::span<const IpAddress> ips) const {
    std::vector<IpAddress> out;
    for (const IpAddress& ip : ips)
        if (identifies(ip)) out.push_back(ip);
    return out;
}

}  // namespace sovscan
