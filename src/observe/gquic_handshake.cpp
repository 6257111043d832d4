// The client's Google QUIC handshake stream (Q024..Q046) across packets. Chromium pads its first,
// inchoate CHLO to fill one packet, so the common case is read in place; but a CHLO grows past
// one packet (cached certificate hashes, a long server token), a packet is lost and sent again,
// a continuation overtakes the packet before it, and the capture may begin after the inchoate
// CHLO, whose successor (sent once the server rejected it) lies at a non-zero stream offset.
// Pieces of stream 1 are therefore placed by offset; a message begins where a piece begins with
// the tag "CHLO", and is read once whole, at the reassembly bound, or as far as it goes.
#include "observe/gquic_handshake.h"

namespace sovscan::observe::gquic {

namespace {

bool begins_chlo(Bytes b) { return b.size() >= 4 && b[0] == 'C' && b[1] == 'H' && b[2] == 'L' && b[3] == 'O'; }

}  // namespace

void offer_chlo(Shared& shared, Flow& flow, const ChloInfo& info, int64_t ts_ns) {
    if (!info.server_name.empty()) offer_server_name(flow, NameSource::quic_sni, info.server_name);
    record_client_user_agent(shared, flow, info.user_agent, "gQUIC UAID", ts_ns);
}

ClientHandshake::Result ClientHandshake::on_client_datagram(Flow& flow, Bytes datagram, int64_t ts_ns) {
    auto it = flows_.empty() ? flows_.end() : flows_.find(flow.id);
    const bool tracked = it != flows_.end();
    ClientPacket packet;
    const PacketStatus status = read_client_packet(datagram, tracked ? it->second.version : -1, packet, chunks_);
    if (status == PacketStatus::not_gquic) return tracked ? Result::more : Result::not_gquic;
    // Frames cut short in a packet sent in the clear are damage; in an encrypted one (0-RTT, or a
    // packet after the handshake) they were never frames.
    if (status == PacketStatus::malformed && sent_unencrypted(datagram, packet)) shared_.count(Counter::gquic_malformed);

    if (!tracked) {
        if (read_whole_chlo(flow, ts_ns)) return Result::done;
        // Keep the version for the packets that will not carry it, even when this one held no
        // piece of the CHLO (a first packet of PADDING, or of 0-RTT data).
        it = flows_.try_emplace(flow.id, packet.version, shared_.limits.max_reassembly_bytes).first;
    } else if (packet.carries_version && packet.version != it->second.version) {
        it->second = State(packet.version, shared_.limits.max_reassembly_bytes);  // a new attempt after version negotiation
    }
    take_chunks(it->second, datagram, packet);
    const Result r = read_partial_chlo(flow, it->second, ts_ns);
    if (r == Result::done) flows_.erase(it);
    return r;
}

// The common case, read in place with nothing kept: the first piece that begins a CHLO holds all
// of it. True when the flow needs nothing more (also when that CHLO is malformed).
bool ClientHandshake::read_whole_chlo(Flow& flow, int64_t ts_ns) {
    for (const auto& c : chunks_) {
        if (!begins_chlo(c.data)) continue;
        const size_t need = chlo_message_length(c.data);
        if (need != 0 && need > c.data.size()) return false;  // continued in a later packet
        ChloInfo info;
        const ParseStatus st = parse_chlo(need ? c.data.first(need) : c.data, info);
        if (st == ParseStatus::need_more) return false;  // the index itself is cut
        if (st == ParseStatus::malformed) {
            shared_.count(Counter::gquic_malformed);
            return true;
        }
        shared_.count(Counter::gquic_chlos);
        offer_chlo(shared_, flow, info, ts_ns);
        return true;
    }
    return false;
}

// A piece that begins a CHLO is taken from any packet, as the first packet's always was; a piece
// that continues one only from a packet whose hash holds (sent in the clear): an encrypted
// packet's bytes can look like a STREAM frame of stream 1 and would overwrite the real ones.
void ClientHandshake::take_chunks(State& st, Bytes datagram, const ClientPacket& packet) {
    int in_clear = -1;  // whether the hash holds: computed once, and only when a piece needs it
    for (const auto& c : chunks_) {
        const bool begins = begins_chlo(c.data);
        if (!begins) {
            if (in_clear < 0) in_clear = sent_unencrypted(datagram, packet) ? 1 : 0;
            if (!in_clear) continue;
        }
        if (begins && c.offset < st.start) st.start = c.offset;
        if (!st.stream.add(c.offset, c.data)) shared_.count(Counter::reassembly_overflow);
    }
}

// Reads the CHLO as far as its bytes go without a gap. A value is offered as soon as it is whole
// (the SNI usually is after the first packet), each once; the CHLO is done when whole, cut by the
// reassembly bound, or when both values were found (nothing more to learn from it).
ClientHandshake::Result ClientHandshake::read_partial_chlo(Flow& flow, State& st, int64_t ts_ns) {
    if (st.start == kNoStart) return Result::more;
    Bytes msg = st.stream.contiguous_from(st.start);
    if (msg.empty()) return Result::more;
    const size_t need = chlo_message_length(msg);
    const bool whole = need != 0 && msg.size() >= need;
    if (whole) msg = msg.first(need);
    ChloInfo info;
    if (parse_chlo(msg, info) == ParseStatus::malformed) {
        shared_.count(Counter::gquic_malformed);
        return Result::done;
    }
    if (!info.server_name.empty() && !st.named) {
        offer_server_name(flow, NameSource::quic_sni, info.server_name);
        st.named = true;
    }
    if (!info.user_agent.empty() && !st.agent_recorded) {
        record_client_user_agent(shared_, flow, info.user_agent, "gQUIC UAID", ts_ns);
        st.agent_recorded = true;
    }
    const bool cut = st.start + msg.size() >= shared_.limits.max_reassembly_bytes;
    if (!whole && !cut && !(st.named && st.agent_recorded)) return Result::more;
    shared_.count(Counter::gquic_chlos);
    return Result::done;
}

}  // namespace sovscan::observe::gquic
