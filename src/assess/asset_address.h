#pragma once
// Which IP addresses can name an asset. A DHCP client sends from 0.0.0.0 before it has a lease, to
// 255.255.255.255; mDNS and SSDP go to multicast groups; every host answers on 127.0.0.1. Such an
// address is shared by every device that uses it, so it never identifies one: neither when records
// of the inventory and of traffic are merged (assess/asset_merger.h), nor when a finding is tied to
// an asset (risk register, AssetAssessor::link), nor when a chart names an asset by its address.
// Issue 15 defect 1: three devices seen only as 0.0.0.0 were all tied to one CMDB smart plug.
#include <span>
#include <vector>

#include "common/ip_address.h"

namespace sovscan {

class AssetAddressRule {
public:
    // `known_subnets`: the networks whose directed broadcast address is known to be no host (the
    // policy's home networks, --home-net): for an IPv4 prefix of /30 or shorter, its last address.
    // Without a prefix a subnet's broadcast cannot be told from a host (10.0.1.255 is a host in a /23).
    explicit AssetAddressRule(std::span<const Cidr> known_subnets = {});

    // False for the unspecified address (0.0.0.0, ::), loopback (127/8, ::1), the limited broadcast
    // 255.255.255.255, multicast (224/4, ff00::/8) and the broadcast of a known subnet.
    bool identifies(const IpAddress& ip) const;

    // The addresses of `ips` that identify an asset, in their order.
    std::vector<IpAddress> identifying(std::span<const IpAddress> ips) const;

private:
    std::vector<IpAddress> subnet_broadcasts_;
};

}  // namespace sovscan
