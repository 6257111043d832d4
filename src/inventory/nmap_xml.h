#pragma once
// nmap's XML output (-oX), any nmap version from 5 on.
#include <string>
#include <string_view>

#include "inventory/inventory_result.h"

namespace sovscan {

// One AssetRecord per host whose status is up: its IPv4/IPv6 and MAC addresses (with nmap's MAC
// vendor as a "manufacturer" attribute), host names, OS guesses (osmatch, osclass), and the
// services on its open ports (product, version, extrainfo, ostype, devicetype as attributes; product
// and CPEs as SoftwareComponents). nmap's version and command line are in each record's
// source.detail. A truncated file (an interrupted scan) yields the hosts before the break.
InventoryReadResult read_nmap_xml(std::string_view text, const std::string& file);

}  // namespace sovscan
