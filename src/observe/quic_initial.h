#pragma once
// QUIC Initial packet protection (RFC 9001 section 5, RFC 9369 section 3.3): internal to observe/,
// exposed for the RFC test vectors and benchmarks. See quic_initial.cpp for the dissector.
#include <array>
#include <cstdint>
#include <vector>

#include "observe/byte_reader.h"

namespace sovscan::observe::quic {

// What the payload of a version's Initial packets holds: IETF frames around a TLS ClientHello, or
// Google's frames (CRYPTO is 0x08 there) around a TLS ClientHello (T050, T051) or a QUIC-crypto
// CHLO (Q050). Google's versions otherwise use the IETF packet format with their own salts.
enum class InitialPayload : uint8_t { ietf_tls, google_tls, google_chlo };

struct VersionParams {
    uint32_t version;
    std::array<uint8_t, 20> salt;
    const char* key_label;  // "quic key" or "quicv2 key"
    const char* iv_label;
    const char* hp_label;
    uint8_t initial_type;  // long-header type bits of an Initial packet (v1: 0, v2: 1)
    uint8_t retry_type;
    InitialPayload payload = InitialPayload::ietf_tls;
};
// The parameters of a version whose Initial packets can be opened, or null.
const VersionParams* find_version(uint32_t version);

struct InitialSecrets {
    std::array<uint8_t, 32> initial{}, client{};
    std::array<uint8_t, 16> key{};
    std::array<uint8_t, 12> iv{};
    std::array<uint8_t, 16> hp{};
};
// Client Initial secrets and keys from the Destination Connection ID of the client's first Initial.
bool derive_client_initial(const VersionParams& v, Bytes dcid, InitialSecrets& out);

// The client Initial keys of recent connections, by (version, DCID). A derivation is five
// HMAC-SHA256 (plus OpenSSL's per-call overhead), the largest cost of a QUIC Initial; every Initial a
// client sends before it hears from the server carries the same DCID, and so do the flows of one
// connection attempt retried from a new port or through a NAT, so deriving once per DCID is enough.
// Bounded: a fixed table of `slots` entries (rounded up to a power of two; ~150 bytes each, 256 by
// default: 38 KB) in sets of four chosen by a hash of version and DCID; a new DCID takes the least
// recently used entry of its set. Hostile traffic can only make entries evict each other, which
// costs what deriving every time costs; the memory never grows.
class InitialKeyCache {
public:
    explicit InitialKeyCache(size_t slots = 256);
    ~InitialKeyCache();
    InitialKeyCache(const InitialKeyCache&) = delete;
    InitialKeyCache& operator=(const InitialKeyCache&) = delete;
    // The keys for (v.version, dcid), derived on a miss. Valid until the next call; null when the
    // DCID is longer than a connection ID can be or OpenSSL fails.
    const InitialSecrets* find_or_derive(const VersionParams& v, Bytes dcid);
    size_t slots() const { return slots_.size(); }
    uint64_t derivations() const { return derivations_; }  // misses, for tests and benchmarks

private:
    struct Slot {
        uint64_t last_use = 0;  // 0 = empty
        uint32_t version = 0;
        uint8_t dcid_len = 0;
        std::array<uint8_t, 20> dcid{};
        InitialSecrets keys;
    };
    size_t set_of(uint32_t version, Bytes dcid) const;

    struct Impl;  // the reusable OpenSSL digest context
    Impl* impl_;
    std::vector<Slot> slots_;
    size_t ways_ = 1;
    uint64_t uses_ = 0, derivations_ = 0;
};

struct LongHeader {
    uint8_t first = 0;
    uint32_t version = 0;
    Bytes dcid, scid, token;
    uint8_t type = 0;       // the two type bits, as on the wire
    size_t pn_offset = 0;   // where the (protected) packet number starts
    size_t packet_len = 0;  // bytes of this packet in the datagram (coalesced packets follow)
};
enum class HeaderStatus : uint8_t { ok, not_long_header, version_negotiation, unsupported_version, retry, malformed };
// Parses the long header at the start of `data`. For unsupported versions only `version` is set.
HeaderStatus parse_long_header(Bytes data, LongHeader& h, const VersionParams*& params);

// Removes header protection and decrypts one Initial packet (AES-128-ECB mask, AES-128-GCM). Keeps
// its OpenSSL contexts between packets so that the per-packet cost is the cipher work only.
class InitialOpener {
public:
    InitialOpener();
    ~InitialOpener();
    InitialOpener(const InitialOpener&) = delete;
    InitialOpener& operator=(const InitialOpener&) = delete;
    // `packet` is the packet's bytes (at least h.packet_len). On success `plain` holds the payload.
    bool open(Bytes packet, const LongHeader& h, const InitialSecrets& keys, std::vector<uint8_t>& plain,
              uint64_t& packet_number);

private:
    struct Impl;
    Impl* impl_;
    std::vector<uint8_t> header_;
};

struct CryptoFrame {
    uint64_t offset;
    Bytes data;
};
// The CRYPTO frames of a decrypted Initial payload (pointing into it). false when a frame is
// malformed or not one of those allowed in Initial packets (RFC 9000 table 3); frames before it
// are still in `out`.
bool crypto_frames(Bytes payload, std::vector<CryptoFrame>& out);
// The same for Google's frames (Q050, T050, T051): PADDING, PING (0x07) and CRYPTO (0x08, offset
// and length as QUIC varints). false at any other frame (an ACK of a later Initial: Google's ACK
// layout is not parsed) or a malformed one.
bool google_crypto_frames(Bytes payload, std::vector<CryptoFrame>& out);

}  // namespace sovscan::observe::quic
