#pragma once
// The unencrypted handshake packets of Google QUIC before it took the IETF packet format (Q024 to
// Q043 with Google's public header, Q046 with the IETF-style long header): where a client's CHLO
// is. Internal to observe/ (quic_initial.cpp), exposed for tests and the fuzzer.
#include <cstdint>

#include "observe/byte_reader.h"

namespace sovscan::observe::gquic {

// The number of a Google QUIC version tag "Q0dd" (0x51 0x30 digit digit), or -1 for any other.
int version_number(uint32_t version);

enum class PacketStatus : uint8_t {
    not_gquic,  // no gQUIC client header with a version this parser knows
    no_chlo,    // a gQUIC header, but no frame of the handshake stream at its start
    ok,         // `data` holds the handshake stream's first bytes (its CHLO)
    malformed,  // a gQUIC header whose frames run past the packet
};

// Reads a client packet that carries its version (flags 0x01 and an 8-byte connection ID; the
// Q046 long header), skips the packet number, the 12-byte message authentication hash and (before
// Q034) the private flags, then the frames up to the STREAM frame of stream 1 at offset 0: the
// crypto handshake stream. `data` points into `datagram`; `version` is set whenever a header was read.
PacketStatus handshake_stream_data(Bytes datagram, Bytes& data, uint32_t& version);

}  // namespace sovscan::observe::gquic
