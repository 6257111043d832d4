#pragma once
// DNS message parsing and the table of answers (internal to observe/; exposed for tests and
// benchmarks). See dns.cpp for the dissector.
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/flat_hash_map.h"
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

enum class DnsSection : uint8_t { answer, authority, additional };

// One resource record as it is on the wire; `rdata` is a view into the message.
struct DnsResourceRecord {
    DnsSection section = DnsSection::answer;
    std::string name;        // owner, lower case, no trailing dot
    uint16_t type = 0;
    uint16_t rclass = 0;     // as sent: mDNS sets the top bit (cache flush)
    uint32_t ttl = 0;
    size_t rdata_pos = 0;    // offset of `rdata` in the message (names in it may be compressed)
    Bytes rdata;
};

struct DnsMessage {
    uint16_t id = 0;
    bool response = false;
    uint8_t opcode = 0, rcode = 0;
    std::string question;  // first question name ("" when none)
    uint16_t qtype = 0;
    std::vector<DnsRecord> answers;  // A, AAAA, CNAME of the answer section, in order

    // Kept from one parse to the next in the same DnsMessage, so that their strings' buffers are
    // reused instead of allocated for every message (a DNS name rarely fits a string's inline 15
    // bytes): the records of the previous message, a scratch name and record.
    std::vector<DnsRecord> spare_records;
    std::string scratch_name;
    DnsResourceRecord scratch_record;
};

// How read_dns_name returns a name: lower-cased (host names: DNS compares them without case) or
// as sent (DNS-SD service instance names such as "Philips hue - 2476FF" are shown to people).
enum class NameCase : uint8_t { lower, as_sent };

// Reads a (possibly compressed) name at `pos` of `msg`, advancing `pos` past it in the message
// (not past the target of a pointer). Lower-cases ASCII unless asked not to, keeps every other byte
// as it is (a NUL included; outputs escape). false on truncation, too many pointer jumps (loops) or
// a name longer than 255 bytes on the wire.
bool read_dns_name(Bytes msg, size_t& pos, std::string& out, NameCase name_case = NameCase::lower);

struct DnsHeader {
    uint16_t id = 0, flags = 0, qdcount = 0, ancount = 0, nscount = 0, arcount = 0;
    bool response() const { return flags & 0x8000; }
    uint8_t opcode() const { return (flags >> 11) & 0x0f; }
    uint8_t rcode() const { return flags & 0x0f; }
};

// Walks one DNS message in wire order: header, questions, then the records of the answer,
// authority and additional sections. The one DNS wire parser, shared by unicast DNS (dns.cpp) and
// mDNS (mdns.cpp); each decides which records it keeps.
class DnsMessageReader {
public:
    explicit DnsMessageReader(Bytes msg) : msg_(msg) {}
    // The header; call first. false (and malformed) when the message is shorter than 12 bytes.
    bool header(DnsHeader& out);
    // The next question; false when there is none left or it is malformed (see malformed()).
    bool next_question(std::string& name, uint16_t& qtype, uint16_t& qclass);
    // The next record (questions not read yet are skipped first); false when there is none left or
    // it is malformed.
    bool next_record(DnsResourceRecord& out);
    bool malformed() const { return malformed_; }
    Bytes message() const { return msg_; }

private:
    bool fail() {
        malformed_ = true;
        return false;
    }
    Bytes msg_;
    size_t pos_ = 0;
    uint32_t questions_left_ = 0;
    uint32_t records_left_[3] = {0, 0, 0};  // per DnsSection
    bool malformed_ = false;
};

// ok, or malformed with `out` holding what was read before the problem (complete records only).
// Reads the header, the questions and the answer section (authority and additional are not read).
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
    // The address of the latest answer (any client's) to a question for `name` (lower case, no
    // trailing dot), or null. The other way round from find(): for flows through an explicit
    // proxy, which name their server instead of addressing it.
    const IpAddress* find_address(std::string_view name) const;
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
    static size_t name_key(std::string_view name);
    // Drops `node` from latest_by_name_ when it is its name's entry there.
    void forget_name(Order::iterator node);

    // Looked up at the end of every flow without a name of its own: flat tables (one cache miss).
    FlatHashMap<Key, Order::iterator, KeyHash> by_key_;
    FlatHashMap<IpAddress, Order::iterator, IpAddressHash> latest_by_address_;
    // Question name (by its hash, so that no name is copied) -> the latest entry answering it. An
    // entry renamed by a newer answer for its (client, address) leaves the index, so a name may be
    // missed, never answered wrongly or by a dropped entry.
    FlatHashMap<size_t, Order::iterator> latest_by_name_;
};

}  // namespace sovscan::observe
