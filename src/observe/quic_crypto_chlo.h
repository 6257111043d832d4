#pragma once
// Google QUIC-crypto handshake messages (the "CHLO" a gQUIC client opens with, Q024..Q050): the
// server name and user agent the client states in the clear. Internal to observe/ (quic_initial.cpp,
// gquic_packet.cpp), exposed for tests and the fuzzer.
//
// Layout (all integers little-endian): message tag "CHLO", tag count (u16), two bytes of padding,
// then per tag its 4-byte name and the u32 offset where its value ends (relative to the end of the
// index), in ascending tag order; then the values, back to back.
#include <cstddef>
#include <string_view>

#include "observe/dissector.h"

namespace sovscan::observe::gquic {

struct ChloInfo {
    std::string_view server_name;  // value of "SNI\0", empty when absent
    std::string_view user_agent;   // value of "UAID", empty when absent
};

// Bytes of the whole message (header, index and values) once the header and the index are there,
// else 0. A message that can never be valid (not a CHLO, too many tags) also gives 0; parse_chlo
// says which.
size_t chlo_message_length(Bytes msg);

// Parses the CHLO at the start of `msg`; the views in `out` point into `msg`. malformed: not a CHLO,
// more tags than any client sends, tags out of order or value offsets going backwards. need_more:
// `msg` ends before the index or the values do (values that are whole are still returned).
ParseStatus parse_chlo(Bytes msg, ChloInfo& out);

}  // namespace sovscan::observe::gquic
