#pragma once
// The unencrypted handshake packets of Google QUIC before it took the IETF packet format (Q024 to
// Q043 with Google's public header, Q046 with the IETF-style long header): where the pieces of a
// client's handshake stream are. Internal to observe/ (gquic_handshake.cpp), exposed for tests and
// the fuzzers.
#include <array>
#include <cstdint>
#include <vector>

#include "observe/byte_reader.h"

namespace sovscan::observe::gquic {

// The number of a Google QUIC version tag "Q0dd" (0x51 0x30 digit digit), or -1 for any other.
int version_number(uint32_t version);

// What a client packet's header said.
struct ClientPacket {
    int version = -1;              // version number (24..46); the flow's when the packet carries none
    bool carries_version = false;  // the version tag is in the packet (every packet before the server answers)
    size_t hash_at = 0;            // where the 12-byte message authentication hash starts
};

// A piece of the client's handshake stream (stream 1): where it lies in the stream, its bytes
// (pointing into the packet).
struct StreamChunk {
    uint64_t offset;
    Bytes data;
};

enum class PacketStatus : uint8_t {
    not_gquic,  // no gQUIC client header of a version this parser knows (or a Q046 short header)
    ok,         // header and frames read; `chunks` holds the handshake stream's pieces, maybe none
    malformed,  // the header or a frame is cut short: the chunks before the damage are kept
};

// Reads a client packet: one that carries its version (flags 0x01 and an 8-byte connection ID for
// Q024..Q043; the Q046 long header) or, when `flow_version` is Q024..Q043, a public header without
// the version (what a client sends once it heard from the server) read as that version. Then the
// packet number, the hash, the private flags (before Q034) and the frames: PADDING, RST_STREAM,
// CONNECTION_CLOSE, GOAWAY, WINDOW_UPDATE, BLOCKED, STOP_WAITING, PING, ACK (both layouts) and
// STREAM are walked, the data of each STREAM frame of stream 1 appended to `chunks` (cleared
// first); another frame type ends the walk. Integers are little-endian before Q039, big-endian
// from it. An encrypted packet's bytes only look like frames: see sent_unencrypted().
PacketStatus read_client_packet(Bytes datagram, int flow_version, ClientPacket& packet,
                                std::vector<StreamChunk>& chunks);

// The message authentication hash a packet sent without encryption carries (Chromium's
// NullEncrypter): FNV-1a 128 over the header before the hash and everything after it, plus
// "Client" from Q037 on; the low 96 bits, little-endian.
std::array<uint8_t, 12> message_hash(Bytes datagram, const ClientPacket& packet);
// Whether the packet's hash holds, i.e. its frames are what the client sent in the clear.
bool sent_unencrypted(Bytes datagram, const ClientPacket& packet);

}  // namespace sovscan::observe::gquic
