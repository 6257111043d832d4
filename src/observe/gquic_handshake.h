#pragma once
// The client's handshake stream of a Google QUIC Q024..Q046 connection, read across the flow's
// first packets until its CHLO names the server. Internal to observe/: the QUIC dissector
// (quic_initial.cpp) hands it the client datagrams that are no IETF QUIC.
#include <unordered_map>
#include <vector>

#include "observe/dissector.h"
#include "observe/gquic_packet.h"
#include "observe/quic_crypto_chlo.h"

namespace sovscan::observe::gquic {

// Offers what a CHLO says: `SNI` as the flow's quic_sni name, `UAID` as a user_agent of the
// client's address. Shared with Q050, whose CHLO comes out of its Initials' CRYPTO frames.
void offer_chlo(Shared& shared, Flow& flow, const ChloInfo& info, int64_t ts_ns);

class ClientHandshake {
public:
    explicit ClientHandshake(Shared& shared) : shared_(shared) {}

    enum class Result : uint8_t {
        not_gquic,  // the flow holds no state and the datagram is no gQUIC client packet
        more,       // the CHLO is not read yet: the flow's next client datagrams may hold it
        done,       // read (or unreadable): the flow is no longer tracked
    };
    // One client datagram of `flow` (not coalesced: gQUIC never coalesces packets).
    Result on_client_datagram(Flow& flow, Bytes datagram, int64_t ts_ns);
    bool tracking(uint64_t flow_id) const { return !flows_.empty() && flows_.count(flow_id) != 0; }
    void forget(uint64_t flow_id) {
        if (!flows_.empty()) flows_.erase(flow_id);
    }

private:
    static constexpr uint64_t kNoStart = UINT64_MAX;
    // A flow whose CHLO did not come whole in one packet: its version (to read the packets that
    // no longer carry it) and stream 1 by offset. Bounded by max_reassembly_bytes of stream
    // (chunks beyond it are dropped and counted) and by the inspection budget in packets; erased
    // when the CHLO is read, at the end of inspection and at the end of the flow.
    struct State {
        explicit State(int v, uint32_t bound) : version(v), stream(bound) {}
        int version;
        StreamAssembler stream;
        uint64_t start = kNoStart;  // stream offset of the earliest CHLO seen to begin
        bool named = false, agent_recorded = false;  // taken from a CHLO still partial: not again
    };
    using Map = std::unordered_map<uint64_t, State>;

    bool read_whole_chlo(Flow& flow, int64_t ts_ns);
    void take_chunks(State& st, Bytes datagram, const ClientPacket& packet);
    Result read_partial_chlo(Flow& flow, State& st, int64_t ts_ns);

    Shared& shared_;
    Map flows_;
    std::vector<StreamChunk> chunks_;  // reused: the stream 1 pieces of the packet being read
};

}  // namespace sovscan::observe::gquic
