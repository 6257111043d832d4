#pragma once
// Server names compared with nDPI's [Hostname/SNI: ...], flow by flow, per protocol family: the
// measurement behind tests/corpus/ndpi_name_recall_test.cpp (method: docs/observe.md, "Names
// compared with nDPI").
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "flows/flow.h"
#include "support/ndpi_expected.h"

namespace sovscan::test {

enum class NameOutcome {
    same,         // sovscan's server_name is nDPI's name (comparable_name on both), read from the
                  // flow itself (SNI, certificate, Host)
    same_by_dns,  // the same name, but from a DNS answer for the server's address: the flow itself
                  // gave none (for TLS, QUIC and HTTP a miss of their dissector that DNS hides)
    different,  // sovscan names the flow, but otherwise
    unnamed,    // sovscan has the flow without a name
    no_flow,    // sovscan has no flow on these addresses, ports and transport
};

// One flow nDPI names, and what sovscan made of it.
struct NamedFlow {
    std::string capture;  // "ndpi/1kxun.pcap"
    NdpiFlow ndpi;
    NdpiNameFamily family = NdpiNameFamily::other;
    NameOutcome outcome = NameOutcome::no_flow;
    std::string sovscan_name;  // the name sovscan gives the flow, empty when none
    NameSource sovscan_source = NameSource::none;
};

struct FamilyTally {
    size_t named = 0, same = 0, same_by_dns = 0, different = 0, unnamed = 0, no_flow = 0;
    // Flows with nDPI's name, however sovscan learnt it.
    size_t same_name() const { return same + same_by_dns; }
    double recall_percent() const { return named ? 100.0 * double(same_name()) / double(named) : 0.0; }
};

// Flows sovscan names that nDPI does not, by how sovscan learnt the name.
struct ExtraTally {
    size_t ndpi_flow_unnamed = 0;  // nDPI has the flow, without a name
    size_t ndpi_no_flow = 0;       // nDPI has no flow on the same 5-tuple
};

class NameRecall {
public:
    // Compares one capture. Flows are matched on transport, addresses and ports in either
    // direction, without the VLAN (nDPI keys on the innermost tag, sovscan on the outermost) and
    // across sovscan's timeout splits: nDPI's name counts as found when any sovscan flow on the
    // 5-tuple has it.
    void add_capture(const std::string& capture, const std::vector<NdpiFlow>& ndpi, const std::vector<Flow>& ours);

    const std::vector<NamedFlow>& named_flows() const { return named_; }
    FamilyTally tally(NdpiNameFamily family) const;
    const std::map<NameSource, ExtraTally>& extras() const { return extras_; }
    size_t captures() const { return captures_; }

private:
    std::vector<NamedFlow> named_;
    std::map<NameSource, ExtraTally> extras_;
    size_t captures_ = 0;
};

// Families whose nDPI name is the server the client chose to reach, as sovscan's server_name is;
// for the others nDPI shows a query, a client's own name or a multicast group.
bool family_names_the_server(NdpiNameFamily family);

// "TCP 192.168.2.126:45380 <-> 161.117.13.29:80", as nDPI prints it ("->" when it saw one way).
std::string endpoints_label(const NdpiFlow& f);

// A flow of a family that names the server, not named by its own protocol as nDPI names it
// (named differently, not at all, only through DNS, or missing).
bool is_miss(const NamedFlow& r);

// The Markdown report: the table per family, the names only sovscan gives, and every miss
// grouped by `cause_of` (a cause id) with `cause_text` describing each.
std::string name_recall_markdown(const NameRecall& recall, const std::function<std::string(const NamedFlow&)>& cause_of,
                                 const std::map<std::string, std::string>& cause_text);

}  // namespace sovscan::test
