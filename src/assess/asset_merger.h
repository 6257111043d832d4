#pragma once
// Merges what every source says about assets into one list: records that share an inventory id, a
// MAC address, an IP address or a host name are the same asset. Keys are tried in that order, and a
// weaker key never joins records that a stronger one keeps apart: two records with different
// inventory ids are two assets even on one address (a CMDB listing two systems behind a NAT), and an
// IP address or host name does not join records whose MAC addresses differ (an address reused by
// DHCP, a router answering for others). Host names join on their first label, case-folded, except
// names that many devices use ("localhost", "android", "iphone", ...). An address that names no
// single host (0.0.0.0, broadcast, multicast: assess/asset_address.h) joins nothing and is not kept
// among the asset's addresses.
#include <string>
#include <vector>

#include "assess/asset_address.h"
#include "assess/merged_asset.h"

namespace sovscan {

class AssetMerger {
public:
    explicit AssetMerger(AssetAddressRule addresses = AssetAddressRule()) : addresses_(std::move(addresses)) {}

    // Merged assets in the order their first record was given. Identity, attributes, software,
    // models, C/I/A, owner and location are filled; vendors, judgement, category and traffic are
    // the AssetProfiler's. Taken by value: the records' attributes, software and models move into
    // the merged assets (a caller done with its records passes them with std::move), so that a
    // million-row inventory is never held twice (issue 19).
    std::vector<MergedAsset> merge(std::vector<AssetRecord> records) const;

    // The key a host name joins on ("" when it is too generic to join anything).
    static std::string hostname_key(std::string_view hostname);

private:
    AssetAddressRule addresses_;
};

}  // namespace sovscan
