#include "assess/policy.h"

namespace sovscan {

Policy::Policy() {
    high_risk_jurisdictions = {"CN", "HK", "MO"};
    // Remote administration and industrial control: a session to these from a high-risk
    // jurisdiction is someone operating the asset, not just data leaving it.
    admin_ports = {
        {22, "SSH"},       {23, "Telnet"},     {102, "S7comm (ISO-TSAP)"}, {502, "Modbus/TCP"},
        {2404, "IEC 60870-5-104"}, {3389, "RDP"}, {5900, "VNC"},           {5901, "VNC"},
        {20000, "DNP3"},   {5938, "TeamViewer"}, {7070, "AnyDesk"},        {44818, "EtherNet/IP"},
        {47808, "BACnet"}, {161, "SNMP"},       {623, "IPMI"},             {5985, "WinRM"},
        {5986, "WinRM"},   {4840, "OPC UA"},
    };
    for (const RuleInfo& r : all_rules()) severity[static_cast<size_t>(r.id)] = r.default_severity;
}

bool Policy::is_local(const IpAddress& ip) const {
    if (ip.is_private_or_local()) return true;
    for (const Cidr& c : home_networks)
        if (c.contains(ip)) return true;
    return false;
}

}  // namespace sovscan
