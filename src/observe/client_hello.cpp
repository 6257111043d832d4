// The TLS ClientHello parser shared by TLS over TCP (tls_client_hello.cpp) and QUIC
// (quic_initial.cpp): both hand it the handshake message, however they reassembled it.
#include <algorithm>

#include "observe/dissector.h"

namespace sovscan::observe {

namespace {
constexpr uint8_t kClientHello = 1;
constexpr uint16_t kExtServerName = 0;
constexpr uint16_t kExtAlpn = 16;
// QUIC transport parameters: RFC 9001's code point, and the drafts' (Chromium and mvfst sent both).
constexpr uint16_t kExtQuicTransportParameters = 0x39, kExtQuicTransportParametersDraft = 0xffa5;
// Chromium's google_user_agent transport parameter (its quic_transport_parameters.cc: 0x3129),
// the IETF-QUIC heir of the gQUIC CHLO's UAID tag.
constexpr uint64_t kGoogleUserAgent = 0x3129;
constexpr uint8_t kHostName = 0;

// The google_user_agent value among transport parameters, empty when absent or when the list is
// malformed before it. Since draft-27 (and RFC 9000) each parameter's id and length are varints;
// before it (Google's T050 still) the list has a 2-byte length and 2-byte ids and lengths.
std::string_view google_user_agent(Bytes params) {
    ByteReader p(params);
    if (params.size() >= 2 && ((size_t(params[0]) << 8) | params[1]) == params.size() - 2) {
        p.skip(2);
        while (!p.empty()) {
            uint16_t id;
            Bytes value;
            if (!p.u16(id) || !p.vec16(value)) return {};
            if (id == kGoogleUserAgent) return as_text(value);
        }
        return {};
    }
    while (!p.empty()) {
        uint64_t id, len;
        Bytes value;
        if (!p.varint(id) || !p.varint(len) || len > p.remaining() || !p.take(size_t(len), value)) return {};
        if (id == kGoogleUserAgent) return as_text(value);
    }
    return {};
}
}  // namespace

size_t handshake_message_length(Bytes msg) {
    ByteReader r(msg);
    uint8_t type;
    uint32_t len;
    if (!r.u8(type) || !r.u24(len)) return 0;
    return 4 + size_t(len);
}

ParseStatus parse_client_hello(Bytes msg, ClientHelloInfo& out) {
    out = {};
    ByteReader r(msg);
    uint8_t type;
    uint32_t len;
    if (!r.u8(type) || !r.u24(len)) return ParseStatus::need_more;
    if (type != kClientHello) return ParseStatus::malformed;
    // A message cut short (not all reassembled, or beyond the reassembly bound) is still parsed as
    // far as it goes: the server_name extension usually comes early. Running out of bytes then
    // means need_more, not malformed.
    const bool truncated = r.remaining() < len;
    const auto fail = truncated ? ParseStatus::need_more : ParseStatus::malformed;
    ByteReader b(r.rest().first(truncated ? r.remaining() : len));

    uint16_t legacy_version;
    Bytes session_id, suites, compression, extensions;
    if (!b.u16(legacy_version) || !b.skip(32) || !b.vec8(session_id) || !b.vec16(suites) || !b.vec8(compression))
        return fail;
    if ((legacy_version >> 8) != 3) return ParseStatus::malformed;
    if (b.empty()) return truncated ? ParseStatus::need_more : ParseStatus::ok;  // no extensions at all
    uint16_t ext_len;
    if (!b.u16(ext_len)) return fail;
    // With a truncated message, walk the extensions that are there.
    ByteReader e(b.rest().first(std::min<size_t>(ext_len, b.remaining())));
    if (!truncated && b.remaining() < ext_len) return ParseStatus::malformed;
    while (!e.empty()) {
        uint16_t ext_type;
        Bytes data;
        if (!e.u16(ext_type) || !e.vec16(data)) return fail;
        if (ext_type == kExtServerName && out.server_name.empty()) {
            ByteReader s(data);
            Bytes list;
            if (!s.vec16(list)) return ParseStatus::malformed;
            ByteReader l(list);
            while (!l.empty()) {
                uint8_t name_type;
                Bytes name;
                if (!l.u8(name_type) || !l.vec16(name)) return ParseStatus::malformed;
                if (name_type == kHostName && out.server_name.empty()) out.server_name = as_text(name);
            }
        } else if (ext_type == kExtAlpn && out.alpn.empty()) {
            ByteReader a(data);
            Bytes list, first;
            if (a.vec16(list) && ByteReader(list).vec8(first)) out.alpn = as_text(first);
        } else if ((ext_type == kExtQuicTransportParameters || ext_type == kExtQuicTransportParametersDraft) &&
                   out.quic_user_agent.empty()) {
            out.quic_user_agent = google_user_agent(data);
        }
    }
    return truncated ? ParseStatus::need_more : ParseStatus::ok;
}

}  // namespace sovscan::observe
