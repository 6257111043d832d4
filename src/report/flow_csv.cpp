#include "report/flow_csv.h"

#include <fmt/format.h>

#include "common/escape.h"
#include "common/time_format.h"

namespace sovscan {

FlowCsvWriter::FlowCsvWriter(std::ostream& out) : out_(out) {
    out_ << "first_seen,last_seen,proto,client_ip,client_port,server_ip,server_port,vlan,packets_to_server,"
            "bytes_to_server,packets_to_client,bytes_to_client,tcp_flags_to_server,tcp_flags_to_client,"
            "client_by_handshake,server_name,name_source,http_user_agent,http_server,proxy,target_ip,target_port,dns_basis\r\n";
}

void FlowCsvWriter::write(const Flow& f) {
    // Through an explicit proxy: the proxy is the flow's server; the target, the server it asked for.
    std::string proxy, target_ip, target_port;
    if (f.proxy_target_port) {
        const std::string server = f.server_ip.to_string();
        proxy = f.server_ip.is_v4() ? fmt::format("{}:{}", server, f.server_port)
                                    : fmt::format("[{}]:{}", server, f.server_port);
        if (!f.proxy_target_ip.is_unspecified()) target_ip = f.proxy_target_ip.to_string();
        target_port = std::to_string(f.proxy_target_port);
    }
    out_ << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{:#04x},{:#04x},{},{},{},{},{},{},{},{},{}\r\n", rfc3339_utc(f.first_ns),
                        rfc3339_utc(f.last_ns), f.proto, f.client_ip.to_string(), f.client_port,
                        f.server_ip.to_string(), f.server_port, f.vlan, f.packets[kToServer], f.bytes[kToServer],
                        f.packets[kToClient], f.bytes[kToClient], f.tcp_flags[kToServer], f.tcp_flags[kToClient],
                        f.client_by_handshake ? 1 : 0, csv_cell(printable(f.server_name)),
                        name_source_label(f.name_source), csv_cell(printable(f.http_user_agent)),
                        csv_cell(printable(f.http_server)), proxy, target_ip, target_port,
                        dns_name_basis_label(f.dns_basis));
}

}  // namespace sovscan
