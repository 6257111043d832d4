#pragma once
// The template engine NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) share: what a template says a
// data record holds, where an exporter's templates live (scoped per exporter address, protocol
// version and observation domain / source id), and the decoding of one data record into the
// information elements sovscan uses. The two decoders only parse their own headers and sets.
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "common/ip_address.h"
#include "common/mac_address.h"

namespace sovscan {

// IPFIX's reverse information elements (RFC 5103): the forward element's number under this
// enterprise number.
inline constexpr uint32_t kReverseEnterprise = 29305;
// A template field length of 65535 announces a variable-length element (RFC 7011 section 7).
inline constexpr uint16_t kVariableLength = 65535;

struct TemplateField {
    uint16_t id = 0;           // information element number, enterprise bit cleared
    uint16_t length = 0;       // octets, or kVariableLength
    uint32_t enterprise = 0;   // 0: IANA
};

struct FlowTemplate {
    std::vector<TemplateField> fields;
    uint16_t scope_fields = 0;  // options templates: the first `scope_fields` fields are the scope
    bool options = false;
    uint32_t min_record_length = 0;  // fixed lengths plus one octet per variable-length field
    bool operator==(const FlowTemplate& o) const;
};

// Which templates one exporter defined. Bounded: an exporter (or a forged source address) cannot
// make it hold more than kMaxTemplates templates or kMaxFields fields in all (256 KiB).
class TemplateStore {
public:
    static constexpr size_t kMaxTemplates = 4096;
    static constexpr size_t kMaxFields = 32768;
    enum class Added { added, refreshed, changed, full };
    // `scope` is the protocol version and observation domain (scope_key()).
    static uint64_t scope_key(uint16_t version, uint32_t domain) { return (uint64_t(version) << 32) | domain; }

    Added add(uint64_t scope, uint16_t id, FlowTemplate t);
    bool withdraw(uint64_t scope, uint16_t id);
    // IPFIX's "withdraw all data (or options) templates" of a domain. Returns how many went.
    size_t withdraw_all(uint64_t scope, bool options);
    const FlowTemplate* find(uint64_t scope, uint16_t id) const;
    size_t size() const { return templates_.size(); }

private:
    static uint64_t key(uint64_t scope, uint16_t id) { return (scope << 16) | id; }
    std::unordered_map<uint64_t, FlowTemplate> templates_;
    size_t fields_ = 0;
};

// The elements of one data record sovscan uses; everything else is skipped by its length.
struct DecodedRecord {
    IpAddress src, dst;
    bool has_src = false, has_dst = false;
    uint16_t src_port = 0, dst_port = 0;
    uint8_t proto = 0;
    uint8_t tcp_flags[2] = {0, 0};
    uint64_t packets[2] = {0, 0}, bytes[2] = {0, 0};
    bool has_reverse = false;     // RFC 5103 reverse counters, or initiator/responder counters
    int biflow_direction = -1;    // biflowDirection (239) when present
    // Times: absolute in ns since the epoch, or sysUpTime-relative in ms.
    int64_t start_ns = 0, end_ns = 0;
    bool has_start = false, has_end = false;
    uint32_t start_uptime_ms = 0, end_uptime_ms = 0;
    bool has_start_uptime = false, has_end_uptime = false;
    int64_t system_init_ms = -1;  // systemInitTimeMilliseconds (160)
    MacAddress src_mac, dst_mac;
    bool has_src_mac = false, has_dst_mac = false;
    uint16_t vlan = 0;
    // Sampling, as an options record (or the record itself) states it.
    uint64_t sampling_interval = 0;  // samplingInterval (34), samplerRandomInterval (50), samplingPacketInterval (305)
    uint64_t sampling_space = 0;     // samplingPacketSpace (306): interval packets taken, then space skipped
    bool has_sampler_id = false;     // samplerId (48) / selectorId (302)
    uint64_t sampler_id = 0;
    uint32_t sampling_rate() const;  // 1 in N, 0 when the record states none
};

// Decodes one data record laid out by `t` from `p` (at most `n` octets). Returns the octets it
// took, or 0 when the record does not fit (a length field pointing past the end is never trusted).
size_t decode_template_record(const FlowTemplate& t, const uint8_t* p, size_t n, DecodedRecord& out);

}  // namespace sovscan
