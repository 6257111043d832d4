#pragma once
// What each Suricata EVE event means to sovscan (docs/inputs.md has the table):
//   flow     -> FlowRecord (both directions; src began the flow)
//   netflow  -> FlowRecord (one direction)
//   dns      -> DnsAnswerRecord: v1 (one answer per event, the events of one response joined),
//               v2 (`answers` array or `grouped`), v3 (`queries` and `answers`)
//   tls, http, quic, and the tls/http/quic objects an alert or fileinfo event carries
//            -> FlowNote on the flow `flow_id` (SNI or certificate CN, Host and User-Agent, QUIC SNI)
//   alert    -> also a FlowNote with the packet counts it carries (the flow when no flow event comes)
//   dhcp, ssh -> AssetRecord (host name, MAC, addresses; SSH software versions)
//   anomaly, stats and the rest -> counted
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/log_join.h"
#include "sources/record_sink.h"

namespace sovscan {

enum class EveKind : uint8_t { flow, netflow, dns, tls, http, quic, dhcp, alert, anomaly, fileinfo, ssh, stats, other };
const char* eve_kind_label(EveKind k);  // the event_type

struct EveContext {
    std::string file;
    uint64_t line = 0;
    uint16_t input_index = 0;
    uint64_t invalid_values = 0;  // values of the wrong type or that are not what they say (read as absent)
};

// One event, parsed. nullopt (with `problem`) when the line is not a JSON object with an
// event_type string.
struct EveEvent {
    nlohmann::json doc;
    EveKind kind = EveKind::other;
    std::string flow_key;      // "flow_id" as text ("" when absent)
    std::string community_id;  // "" when absent
};
std::optional<EveEvent> parse_eve_event(std::string_view line, std::string& problem);

// flow and netflow events; nullopt without endpoints.
std::optional<FlowRecord> eve_flow(const EveEvent& e, EveContext& cx);
// What tls/http/quic/alert/fileinfo events say about their flow; nullopt when nothing or no endpoints.
std::optional<FlowNote> eve_flow_note(const EveEvent& e, EveContext& cx);
// dhcp and ssh events.
std::vector<AssetRecord> eve_device_records(const EveEvent& e, EveContext& cx);

// DNS answers. v1 logs one answer per event: the events of one response (same flow_id and DNS id)
// are joined here, and the response handed on when the next one begins or at finish(). At most
// one response is held.
class EveDnsAnswers {
public:
    // Calls emit(DnsAnswerRecord&) for each complete answer with addresses.
    template <typename F>
    void add(const EveEvent& e, EveContext& cx, F&& emit) {
        if (pending_ && !continues(e)) flush(emit);
        read(e, cx);
        if (pending_ && !pending_v1_) flush(emit);
    }
    template <typename F>
    void finish(F&& emit) {
        if (pending_) flush(emit);
    }

private:
    bool continues(const EveEvent& e) const;
    void read(const EveEvent& e, EveContext& cx);
    template <typename F>
    void flush(F&& emit) {
        pending_ = false;
        if (!answer_.addresses.empty() && !answer_.query.empty()) emit(answer_);
    }

    bool pending_ = false, pending_v1_ = false;
    std::string key_;  // v1: flow_id and DNS id of the response held
    DnsAnswerRecord answer_;
};

}  // namespace sovscan
