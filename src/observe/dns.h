#pragma once
// DNS message parsing and the table of answers (internal to observe/; exposed for tests and
// benchmarks). See dns.cpp for the dissector.
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/ip_address.h"
#include "observe/dissector.h"
#include "observe/observer.h"

namespace sovscan::observe {

struct DnsRecord {
    std::string name;    // owner, lower case, no trailing dot
    uint16_t type = 0;   // 1 = A, 28 = AAAA, 5 = CNAME (others are skipped)
    IpAddress address;   // A, AAAA
    std::string target;  // CNAME
};

struct DnsMessage {
    uint16_t id = 0;
    bool response = false;
    uint8_t opcode = 0, rcode = 0;
    std::string question;  // first question name ("" when none)
    uint16_t qtype = 0;
    std::vector<DnsRecord> answers;  // A, AAAA, CNAME of the answer section, in order
};

// Reads a (possibly compressed) name at `pos` of `msg`, advancing `pos` past it in the message
// (not past the target of a pointer). Lower-cases ASCII, keeps every other byte as it is (a NUL
// included; outputs escape). false on truncation, too many pointer jumps (loops) or a name longer
// than 255 bytes on the wire.
bool read_dns_name(Bytes msg, size_t& pos, std::string& out);

// ok, or malformed with `out` holding what was read before the problem (complete records only).
ParseStatus parse_dns_message(Bytes msg, DnsMessage& out);

// Addresses reachable from the first question through the CNAME chain, each with the chain that
// led to it (empty when the question itself holds the address).
struct DnsResolution {
    IpAddress address;
    std::vector<std::string> cnames;
};
std::vector<DnsResolution> resolve_answers(const DnsMessage& msg);

// (client, address) -> the latest DnsName, bounded; the oldest answers are dropped beyond the bound.
class DnsTable {
public:
    explicit DnsTable(size_t max_entries) : max_(max_entries ? max_entries : 1) {}
    void record(const IpAddress& client, const IpAddress& address, DnsName name);
    const DnsName* find(const IpAddress& client, const IpAddress& address) const;
    const DnsName* find_any_client(const IpAddress& address) const;
    size_t size() const { return by_key_.size(); }

private:
    struct Key {
        IpAddress client, address;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const noexcept {
            return IpAddressHash{}(k.client) * 31 ^ IpAddressHash{}(k.address);
        }
    };
    struct Node {
        Key key;
        DnsName name;
    };
    using Order = std::list<Node>;  // oldest first
    size_t max_;
    Order order_;
    std::unordered_map<Key, Order::iterator, KeyHash> by_key_;
    std::unordered_map<IpAddress, Order::iterator> latest_by_address_;
};

}  // namespace sovscan::observe
