#pragma once
// DNS message parsing and the table of answers (internal to observe/; exposed for tests and
// benchmarks). See dns.cpp for the dissector.
#include <cstdint>
#include <list>
#include <memory>
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

// How long after a flow's first packet an answer still counts as received before the flow began.
// sovscan merges captures by timestamp, and captures of two interfaces or sensors may put a DNS
// answer a little after the connection it enabled. Kept below the 1.28 ms by which the corpus's
// closest answer follows a connection it did not enable (docs/observe.md, "DNS names and time").
constexpr int64_t kDnsAnswerSkewNs = 1'000'000;

// A run of answers for one key: from its first answer on, until an answer names something else.
struct DnsAnswerRun {
    int64_t since_ns = 0;  // the run's first answer
    IpAddress client;      // who received it
    std::shared_ptr<const DnsName> name;  // shared by both of DnsTable's tables
};
// The run in force at a time and the one after it; either may be null.
struct DnsRunsAt {
    const DnsAnswerRun* in_force = nullptr;
    const DnsAnswerRun* next = nullptr;
};

// The answers one key received over time, as runs: an answer for the name already in force only
// extends its run, a different name starts a new one. Keyed by (client, address) for a client's own
// answers and by address for every client's (DnsTable below). Bounded: at most `runs_per_key` runs
// per key (the oldest is dropped first: it can matter only to a flow still live after that many
// later names for its address), and `max_runs` in all, the keys least recently answered dropped
// first.
template <typename Key, typename KeyHash>
class DnsAnswerRuns {
public:
    DnsAnswerRuns(size_t max_runs, size_t runs_per_key);
    void record(const Key& key, DnsAnswerRun run);
    DnsRunsAt at(const Key& key, int64_t ts_ns) const;
    size_t runs() const { return runs_; }

private:
    struct Node {
        Key key;
        DnsAnswerRun latest;                // inline: the run almost every lookup wants
        std::vector<DnsAnswerRun> earlier;  // oldest first; empty unless the address changed names
    };
    using Order = std::list<Node>;  // least recently answered first
    void add_run(Node& node, DnsAnswerRun run);

    size_t max_runs_, runs_per_key_;
    size_t runs_ = 0;
    Order order_;
    // Looked up at the end of every flow without a name of its own: a flat table (one cache miss).
    FlatHashMap<Key, typename Order::iterator, KeyHash> by_key_;
};

struct ClientAddress {
    IpAddress client, address;
    friend bool operator==(const ClientAddress&, const ClientAddress&) = default;
};
struct ClientAddressHash {
    size_t operator()(const ClientAddress& k) const noexcept {
        return IpAddressHash{}(k.client) * 31 ^ IpAddressHash{}(k.address);
    }
};

// The DNS answers clients received: (client, address) -> the names over time, and the same for
// every client by address (for a client whose own answer was not seen). Names are immutable once
// recorded and shared by both tables.
class DnsTable {
public:
    // Runs per key: a client that alternates between names of one address keeps its last 8.
    static constexpr size_t kRunsPerKey = 8;

    explicit DnsTable(size_t max_answers);
    void record(const IpAddress& client, const IpAddress& address, DnsName name);
    // The name in force for a flow from `client` to `address` that began at `began_ns`, and its
    // basis (DnsNameBasis: the client's own answer before the flow, else another client's before
    // it, else the client's own first answer after it, else any client's).
    DnsNameMatch find(const IpAddress& client, const IpAddress& address, int64_t began_ns) const;
    // The address of the latest answer (any client's) to a question for `name` (lower case, no
    // trailing dot), or null. The other way round from find(): for flows through an explicit
    // proxy, which name their server instead of addressing it.
    const IpAddress* find_address(std::string_view name) const;
    size_t size() const { return by_client_.runs(); }  // runs in the (client, address) table

private:
    // Question name -> the latest answer's address, direct-mapped by the name's hash: a newer
    // answer takes the slot, another name with the same slot pushes the older out (a missed target
    // address, never a wrong one: the name is compared). kNameSlots slots of ~48 bytes, allocated at
    // the first answer, bound its memory whatever the answers.
    static constexpr size_t kNameSlots = 1u << 14;
    struct NameSlot {
        std::shared_ptr<const DnsName> name;
        IpAddress address;
    };
    std::vector<NameSlot> by_name_;
    // Memory, measured with mallinfo2 over 2^18 answers with 37-byte names: 560 bytes an answer
    // when each names a new address (a node and index slots in both tables, and the shared name),
    // 390 when 64 clients share each address; an earlier run adds 40 bytes to its key.
    DnsAnswerRuns<ClientAddress, ClientAddressHash> by_client_;
    DnsAnswerRuns<IpAddress, IpAddressHash> by_address_;
};

}  // namespace sovscan::observe
