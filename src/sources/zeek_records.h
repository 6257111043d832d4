#pragma once
// What each Zeek log's records mean to sovscan (docs/inputs.md has the table):
//   conn            -> FlowRecord (the flows)
//   dns             -> DnsAnswerRecord (client id.orig_h, resolver id.resp_h, A/AAAA answers, CNAMEs)
//   ssl, http, quic -> FlowNote on the flow `uid` (SNI, Host and User-Agent, QUIC SNI)
//   x509            -> the name (first SAN DNS name, else CN) of a certificate ssl.log points at
//   dhcp, software, known_services -> AssetRecord (host names, MACs, addresses, software, services)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sources/log_join.h"
#include "sources/record_sink.h"
#include "sources/zeek_log.h"

namespace sovscan {

enum class ZeekLogKind : uint8_t { conn, dns, ssl, http, x509, quic, dhcp, software, known_services, other };
const char* zeek_log_kind_label(ZeekLogKind k);  // "conn", "dns", ..., "other"

// The record's log: its #path / `_path` when it names one sovscan reads, else judged by the keys
// only that log has (JSON written without `_path`).
ZeekLogKind zeek_log_kind(const ZeekRecord& r);

// Where a record is from, and what was wrong in it: a field whose value is not of its type
// (an address that is none, a port over 65535, a time that is no time) reads as unset and counts.
struct ZeekContext {
    std::string file;  // as given; outputs escape it
    uint64_t line = 0;
    uint16_t input_index = 0;
    uint64_t invalid_values = 0;
};

// nullopt when the record lacks its endpoints (counted by the caller as malformed).
std::optional<FlowRecord> zeek_conn_flow(const ZeekRecord& r, ZeekContext& cx);
// nullopt when the answer gave no address (a query alone, NXDOMAIN, PTR, TXT, ...).
std::optional<DnsAnswerRecord> zeek_dns_answer(const ZeekRecord& r, ZeekContext& cx);
// ssl, http, quic: the note and the flow's uid (and community_id); nullopt without endpoints.
struct ZeekNote {
    std::string uid, community_id;
    FlowNote note;
};
std::optional<ZeekNote> zeek_flow_note(const ZeekRecord& r, ZeekLogKind kind, ZeekContext& cx);
// x509: the certificate's references (file id, fingerprint) and the name it gives; "" when none.
struct ZeekCertificate {
    std::vector<std::string> refs;
    std::string name;
};
ZeekCertificate zeek_certificate(const ZeekRecord& r);
// dhcp, software, known_services: nullopt when it names no device.
std::optional<AssetRecord> zeek_device_record(const ZeekRecord& r, ZeekLogKind kind, ZeekContext& cx);

}  // namespace sovscan
