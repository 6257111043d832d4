// QUIC Initial packets from the client (RFC 9000/9001 version 1, RFC 9369 version 2, and the late
// drafts that share their packet format): derive the Initial keys from the Destination Connection
// ID, remove header protection, decrypt, collect the CRYPTO frames (out of order, over coalesced
// packets and several datagrams) and read the TLS ClientHello with the parser TLS over TCP uses.
// Google QUIC rides along: T050/T051 and Q050 Initials are opened the same way (Google's salts and
// frames; Q050 carries a QUIC-crypto CHLO instead of a ClientHello), and the unencrypted
// handshake packets of Q024..Q046 go to gquic::ClientHandshake (gquic_handshake.cpp), which reads
// their CHLO with the same parser.
#include "observe/quic_initial.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "observe/dissector.h"
#include "observe/gquic_handshake.h"
#include "observe/quic_crypto_chlo.h"

namespace sovscan::observe::quic {

namespace {

constexpr std::array<uint8_t, 20> kSaltV1{0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
                                          0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a};
constexpr std::array<uint8_t, 20> kSaltV2{0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
                                          0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9};
constexpr std::array<uint8_t, 20> kSaltDraft29{0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97,
                                               0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99};
constexpr std::array<uint8_t, 20> kSaltDraft23{0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7,
                                               0xd2, 0x43, 0x2b, 0xb4, 0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02};
constexpr std::array<uint8_t, 20> kSaltDraft22{0x7f, 0xbc, 0xdb, 0x0e, 0x7c, 0x66, 0xbb, 0xe9, 0x19, 0x3a,
                                               0x96, 0xcd, 0x21, 0x51, 0x9e, 0xbd, 0x7a, 0x02, 0x64, 0x4a};

// Google's versions with the IETF packet format (the same values in Wireshark's packet-quic.c and
// nDPI's quic.c): version 1's labels and packet types, their own salts.
constexpr std::array<uint8_t, 20> kSaltQ050{0x50, 0x45, 0x74, 0xef, 0xd0, 0x66, 0xfe, 0x2f, 0x9d, 0x94,
                                            0x5c, 0xfc, 0xdb, 0xd3, 0xa7, 0xf0, 0xd3, 0xb5, 0x6b, 0x45};
constexpr std::array<uint8_t, 20> kSaltT050{0x7f, 0xf5, 0x79, 0xe5, 0xac, 0xd0, 0x72, 0x91, 0x55, 0x80,
                                            0x30, 0x4c, 0x43, 0xa2, 0x36, 0x7c, 0x60, 0x48, 0x83, 0x10};
constexpr std::array<uint8_t, 20> kSaltT051{0x7a, 0x4e, 0xde, 0xf4, 0xe7, 0xcc, 0xee, 0x5f, 0xa4, 0x50,
                                            0x6c, 0x19, 0x12, 0x4f, 0xc8, 0xcc, 0xda, 0x6e, 0x03, 0x3d};

constexpr VersionParams v1_like(uint32_t version, const std::array<uint8_t, 20>& salt,
                                InitialPayload payload = InitialPayload::ietf_tls) {
    return {version, salt, "quic key", "quic iv", "quic hp", 0, 3, payload};
}

// Versions whose Initial packets are opened. Drafts 22-34 and Facebook's mvfst builds of them use
// version 1's packet format and labels with their own salts (the same mapping Wireshark uses).
const VersionParams kVersions[] = {
    v1_like(0x00000001, kSaltV1),
    {0x6b3343cf, kSaltV2, "quicv2 key", "quicv2 iv", "quicv2 hp", 1, 0},
    v1_like(0xff000016, kSaltDraft22), v1_like(0xfaceb001, kSaltDraft22),
    v1_like(0xff000017, kSaltDraft23), v1_like(0xff000018, kSaltDraft23), v1_like(0xff000019, kSaltDraft23),
    v1_like(0xff00001a, kSaltDraft23), v1_like(0xff00001b, kSaltDraft23), v1_like(0xff00001c, kSaltDraft23),
    v1_like(0xfaceb002, kSaltDraft23), v1_like(0xfaceb00e, kSaltDraft23),
    v1_like(0xff00001d, kSaltDraft29), v1_like(0xff00001e, kSaltDraft29), v1_like(0xff00001f, kSaltDraft29),
    v1_like(0xff000020, kSaltDraft29),
    v1_like(0xff000021, kSaltV1), v1_like(0xff000022, kSaltV1),
    v1_like(0x51303530, kSaltQ050, InitialPayload::google_chlo),  // "Q050"
    v1_like(0x54303530, kSaltT050, InitialPayload::google_tls),   // "T050"
    v1_like(0x54303531, kSaltT051, InitialPayload::google_tls),   // "T051"
};

constexpr size_t kMaxCidLen = 20;
constexpr size_t kSampleLen = 16, kTagLen = 16;

// HMAC-SHA256 (RFC 2104) over OpenSSL's SHA-256 with the algorithm fetched once. OpenSSL 3's
// one-shot HMAC() looks the algorithm up and builds a MAC context on every call, which made a QUIC
// key derivation cost ~40k instructions; this does the same arithmetic with one reusable context.
class HmacSha256 {
public:
    HmacSha256() : ctx_(EVP_MD_CTX_new()) {}
    ~HmacSha256() { EVP_MD_CTX_free(ctx_); }
    HmacSha256(const HmacSha256&) = delete;
    HmacSha256& operator=(const HmacSha256&) = delete;

    bool mac(const uint8_t* key, size_t key_len, const uint8_t* data, size_t len, uint8_t out[32]) {
        const EVP_MD* md = sha256();
        if (!ctx_ || !md || key_len > 64) return false;  // QUIC keys are salts (20 B) and secrets (32 B)
        uint8_t pad[64];
        uint8_t inner[32];
        unsigned int n = 0;
        for (size_t i = 0; i < 64; ++i) pad[i] = static_cast<uint8_t>((i < key_len ? key[i] : 0) ^ 0x36);
        if (EVP_DigestInit_ex2(ctx_, md, nullptr) != 1 || EVP_DigestUpdate(ctx_, pad, 64) != 1 ||
            EVP_DigestUpdate(ctx_, data, len) != 1 || EVP_DigestFinal_ex(ctx_, inner, &n) != 1)
            return false;
        for (size_t i = 0; i < 64; ++i) pad[i] = static_cast<uint8_t>((i < key_len ? key[i] : 0) ^ 0x5c);
        return EVP_DigestInit_ex2(ctx_, md, nullptr) == 1 && EVP_DigestUpdate(ctx_, pad, 64) == 1 &&
               EVP_DigestUpdate(ctx_, inner, 32) == 1 && EVP_DigestFinal_ex(ctx_, out, &n) == 1 && n == 32;
    }

private:
    // The fetched algorithm is immutable and shared by every thread (OpenSSL objects are
    // thread-safe once fetched); fetched on first use, kept for the process.
    static const EVP_MD* sha256() {
        static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return md;
    }
    EVP_MD_CTX* ctx_;
};

// HKDF-Expand-Label (RFC 8446 7.1) with an empty context, for outputs of at most one SHA-256 block:
// T(1) = HMAC(secret, HkdfLabel || 0x01).
bool expand_label(HmacSha256& hmac, const uint8_t* secret, size_t secret_len, std::string_view label, uint8_t* out,
                  size_t out_len) {
    static constexpr std::string_view kPrefix = "tls13 ";
    uint8_t info[2 + 1 + 255 + 1 + 1];
    const size_t label_len = kPrefix.size() + label.size();
    if (out_len > 32 || label_len > 255) return false;
    size_t n = 0;
    info[n++] = uint8_t(out_len >> 8);
    info[n++] = uint8_t(out_len);
    info[n++] = uint8_t(label_len);
    std::memcpy(info + n, kPrefix.data(), kPrefix.size());
    n += kPrefix.size();
    std::memcpy(info + n, label.data(), label.size());
    n += label.size();
    info[n++] = 0;  // empty context
    info[n++] = 1;  // block counter
    uint8_t block[32];
    if (!hmac.mac(secret, secret_len, info, n, block)) return false;
    std::memcpy(out, block, out_len);
    return true;
}

bool derive_with(HmacSha256& hmac, const VersionParams& v, Bytes dcid, InitialSecrets& out) {
    // HKDF-Extract(salt, IKM) = HMAC(salt, IKM).
    if (!hmac.mac(v.salt.data(), v.salt.size(), dcid.data(), dcid.size(), out.initial.data())) return false;
    return expand_label(hmac, out.initial.data(), 32, "client in", out.client.data(), 32) &&
           expand_label(hmac, out.client.data(), 32, v.key_label, out.key.data(), out.key.size()) &&
           expand_label(hmac, out.client.data(), 32, v.iv_label, out.iv.data(), out.iv.size()) &&
           expand_label(hmac, out.client.data(), 32, v.hp_label, out.hp.data(), out.hp.size());
}

}  // namespace

const VersionParams* find_version(uint32_t version) {
    for (const auto& v : kVersions)
        if (v.version == version) return &v;
    return nullptr;
}

bool derive_client_initial(const VersionParams& v, Bytes dcid, InitialSecrets& out) {
    HmacSha256 hmac;
    return derive_with(hmac, v, dcid, out);
}

struct InitialKeyCache::Impl {
    HmacSha256 hmac;
};

InitialKeyCache::InitialKeyCache(size_t slots) : impl_(new Impl) {
    size_t n = 1;
    while (n < slots) n <<= 1;
    slots_.resize(n);
    ways_ = std::min<size_t>(n, 4);
}
InitialKeyCache::~InitialKeyCache() { delete impl_; }

size_t InitialKeyCache::set_of(uint32_t version, Bytes dcid) const {
    // FNV-1a, then Fibonacci hashing so that the index comes from all the bits. The DCID is chosen
    // by the client (or an attacker): a collision only costs a derivation.
    uint64_t h = 0xcbf29ce484222325ULL;
    for (int i = 0; i < 4; ++i) h = (h ^ uint8_t(version >> (8 * i))) * 0x100000001b3ULL;
    for (uint8_t b : dcid) h = (h ^ b) * 0x100000001b3ULL;
    return size_t((h * 0x9e3779b97f4a7c15ULL) >> 32) & (slots_.size() / ways_ - 1);
}

const InitialSecrets* InitialKeyCache::find_or_derive(const VersionParams& v, Bytes dcid) {
    if (dcid.size() > kMaxCidLen) return nullptr;
    Slot* set = &slots_[set_of(v.version, dcid) * ways_];
    Slot* victim = set;
    for (size_t w = 0; w < ways_; ++w) {
        Slot& s = set[w];
        if (s.last_use != 0 && s.version == v.version && s.dcid_len == dcid.size() &&
            std::equal(dcid.begin(), dcid.end(), s.dcid.begin())) {
            s.last_use = ++uses_;
            return &s.keys;
        }
        if (s.last_use < victim->last_use) victim = &s;
    }
    ++derivations_;
    victim->last_use = 0;  // stays empty if the derivation fails
    if (!derive_with(impl_->hmac, v, dcid, victim->keys)) return nullptr;
    victim->version = v.version;
    victim->dcid_len = uint8_t(dcid.size());
    std::copy(dcid.begin(), dcid.end(), victim->dcid.begin());
    victim->last_use = ++uses_;
    return &victim->keys;
}

HeaderStatus parse_long_header(Bytes data, LongHeader& h, const VersionParams*& params) {
    params = nullptr;
    ByteReader r(data);
    if (!r.u8(h.first) || !(h.first & 0x80)) return HeaderStatus::not_long_header;
    if (!r.u32(h.version)) return HeaderStatus::malformed;
    if (h.version == 0) return HeaderStatus::version_negotiation;
    params = find_version(h.version);
    if (!params) return HeaderStatus::unsupported_version;
    uint8_t len;
    if (!r.u8(len) || len > kMaxCidLen || !r.take(len, h.dcid)) return HeaderStatus::malformed;
    if (!r.u8(len) || len > kMaxCidLen || !r.take(len, h.scid)) return HeaderStatus::malformed;
    h.type = (h.first >> 4) & 0x03;
    if (h.type == params->retry_type) return HeaderStatus::retry;  // no Length field: ends the datagram
    h.token = {};
    uint64_t n;
    if (h.type == params->initial_type && (!r.varint(n) || !r.take(n, h.token))) return HeaderStatus::malformed;
    if (!r.varint(n) || n > r.remaining()) return HeaderStatus::malformed;
    h.pn_offset = r.pos();
    h.packet_len = r.pos() + n;
    return HeaderStatus::ok;
}

// The two cipher contexts get their algorithm once and a key only when it changes: OpenSSL 3 resets
// and re-fetches on every init that names the cipher, and the key schedule (AES, GHASH table) costs
// as much as the decryption of a whole Initial. Consecutive Initials of a connection share keys.
struct InitialOpener::Impl {
    EVP_CIPHER* ecb = EVP_CIPHER_fetch(nullptr, "AES-128-ECB", nullptr);
    EVP_CIPHER* gcm = EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr);
    EVP_CIPHER_CTX* ecb_ctx = EVP_CIPHER_CTX_new();
    EVP_CIPHER_CTX* gcm_ctx = EVP_CIPHER_CTX_new();
    bool ready = ecb && gcm && ecb_ctx && gcm_ctx &&
                 EVP_EncryptInit_ex(ecb_ctx, ecb, nullptr, nullptr, nullptr) == 1 &&
                 EVP_CIPHER_CTX_set_padding(ecb_ctx, 0) == 1 &&
                 EVP_DecryptInit_ex(gcm_ctx, gcm, nullptr, nullptr, nullptr) == 1;  // 12-byte IV by default
    // The key each context holds; unset until an init with it succeeded.
    std::optional<std::array<uint8_t, 16>> hp_key, gcm_key;
    ~Impl() {
        EVP_CIPHER_CTX_free(gcm_ctx);
        EVP_CIPHER_CTX_free(ecb_ctx);
        EVP_CIPHER_free(gcm);
        EVP_CIPHER_free(ecb);
    }
};

InitialOpener::InitialOpener() : impl_(new Impl) {}
InitialOpener::~InitialOpener() { delete impl_; }

bool InitialOpener::open(Bytes packet, const LongHeader& h, const InitialSecrets& keys, std::vector<uint8_t>& plain,
                         uint64_t& packet_number) {
    Impl& c = *impl_;
    if (!c.ready) return false;
    // The sample starts 4 bytes after the packet number's start, whatever its real length
    // (RFC 9001 5.4.2), and the packet must hold the tag after it.
    if (h.packet_len > packet.size() || h.pn_offset + 4 + kSampleLen > h.packet_len) return false;
    uint8_t mask[16];
    int len = 0;
    if (c.hp_key != keys.hp) {
        c.hp_key.reset();
        if (EVP_EncryptInit_ex(c.ecb_ctx, nullptr, nullptr, keys.hp.data(), nullptr) != 1) return false;
        c.hp_key = keys.hp;
    }
    if (EVP_EncryptUpdate(c.ecb_ctx, mask, &len, packet.data() + h.pn_offset + 4, int(kSampleLen)) != 1 || len != 16)
        return false;

    const uint8_t first = packet[0] ^ (mask[0] & 0x0f);  // long header: low 4 bits protected
    const size_t pn_len = size_t(first & 0x03) + 1;
    const size_t header_len = h.pn_offset + pn_len;
    if (header_len + kTagLen > h.packet_len) return false;
    header_.assign(packet.begin(), packet.begin() + ptrdiff_t(header_len));
    header_[0] = first;
    packet_number = 0;
    for (size_t i = 0; i < pn_len; ++i) {
        header_[h.pn_offset + i] ^= mask[1 + i];
        packet_number = (packet_number << 8) | header_[h.pn_offset + i];
    }
    // Nonce = IV xor the packet number, right-aligned (RFC 9001 5.3). Initial packet numbers are
    // small; the truncated value is the full one for the client's first packets.
    uint8_t nonce[12];
    std::memcpy(nonce, keys.iv.data(), 12);
    for (size_t i = 0; i < 8; ++i) nonce[11 - i] ^= uint8_t(packet_number >> (8 * i));

    const size_t ct_len = h.packet_len - header_len - kTagLen;
    plain.resize(ct_len);
    const uint8_t* ct = packet.data() + header_len;
    uint8_t tag[kTagLen];
    std::memcpy(tag, ct + ct_len, kTagLen);
    // A new nonce restarts GCM whatever the previous packet left (a failed tag included).
    const bool same_key = c.gcm_key == keys.key;
    c.gcm_key.reset();
    if (EVP_DecryptInit_ex(c.gcm_ctx, nullptr, nullptr, same_key ? nullptr : keys.key.data(), nonce) != 1)
        return false;
    c.gcm_key = keys.key;
    if (EVP_DecryptUpdate(c.gcm_ctx, nullptr, &len, header_.data(), int(header_.size())) != 1 ||
        EVP_DecryptUpdate(c.gcm_ctx, plain.data(), &len, ct, int(ct_len)) != 1 ||
        EVP_CIPHER_CTX_ctrl(c.gcm_ctx, EVP_CTRL_GCM_SET_TAG, int(kTagLen), tag) != 1)
        return false;
    int fin = 0;
    return EVP_DecryptFinal_ex(c.gcm_ctx, plain.data() + len, &fin) == 1;
}

namespace {
// Clients pad Initials to 1200 bytes: skips the run of zeros at once, eight bytes at a time (the
// padding is most of an Initial's payload, and a byte loop over it cost as much as decrypting).
void skip_padding(ByteReader& r) {
    const Bytes rest = r.rest();
    size_t zeros = 0;
    for (uint64_t w; zeros + 8 <= rest.size(); zeros += 8) {
        std::memcpy(&w, rest.data() + zeros, 8);
        if (w != 0) break;
    }
    while (zeros < rest.size() && rest[zeros] == 0) ++zeros;
    r.skip(zeros);
}
}  // namespace

bool crypto_frames(Bytes payload, std::vector<CryptoFrame>& out) {
    out.clear();
    ByteReader r(payload);
    while (!r.empty()) {
        uint64_t type, a, b, c;
        if (!r.varint(type)) return false;
        switch (type) {
            case 0x00:  // PADDING
                skip_padding(r);
                break;
            case 0x01:  // PING
                break;
            case 0x02:  // ACK
            case 0x03: {
                uint64_t ranges;
                if (!r.varint(a) || !r.varint(b) || !r.varint(ranges) || !r.varint(c)) return false;
                for (uint64_t i = 0; i < ranges; ++i)  // bounded by the bytes: each range reads two
                    if (!r.varint(a) || !r.varint(b)) return false;
                if (type == 0x03 && (!r.varint(a) || !r.varint(b) || !r.varint(c))) return false;
                break;
            }
            case 0x06: {  // CRYPTO
                Bytes data;
                if (!r.varint(a) || !r.varint(b) || !r.take(b, data)) return false;
                out.push_back({a, data});
                break;
            }
            case 0x1c:  // CONNECTION_CLOSE (transport)
            case 0x1d: {
                Bytes reason;
                if (!r.varint(a) || (type == 0x1c && !r.varint(b)) || !r.varint(c) || !r.take(c, reason)) return false;
                break;
            }
            default:
                return false;  // not allowed in an Initial packet
        }
    }
    return true;
}

bool google_crypto_frames(Bytes payload, std::vector<CryptoFrame>& out) {
    out.clear();
    ByteReader r(payload);
    uint8_t type;
    while (r.u8(type)) {
        if (type == 0x00) {  // PADDING
            skip_padding(r);
        } else if (type == 0x08) {  // CRYPTO
            uint64_t offset, len;
            Bytes data;
            if (!r.varint(offset) || !r.varint(len) || !r.take(len, data)) return false;
            out.push_back({offset, data});
        } else if (type != 0x07) {  // not PING
            return false;
        }
    }
    return true;
}

namespace {

// A first client datagram of a QUIC version not in the table, as far as the version-independent
// invariants (RFC 8999) and RFC 9000's rules for every client Initial tell: the fixed bit set,
// connection IDs of at most 20 bytes, the datagram padded to 1200 bytes (RFC 9000 section 14.1).
// Other UDP whose first byte has its top bit set (DNS ids, IKE, LLMNR, game protocols) is not
// counted as QUIC of an unknown version.
bool looks_like_client_initial(Bytes datagram) {
    if (datagram.size() < 1200 || !(datagram[0] & 0x40)) return false;
    ByteReader r(datagram.subspan(5));
    uint8_t len;
    Bytes cid;
    return r.u8(len) && len <= kMaxCidLen && r.take(len, cid) && r.u8(len) && len <= kMaxCidLen && r.take(len, cid);
}

class QuicInitial final : public Dissector {
public:
    explicit QuicInitial(Shared& shared) : shared_(shared), gquic_(shared) {}

    Verdict inspect(Flow& flow, Direction dir, const DecodedPacket& pkt) override {
        auto it = flows_.find(flow.id);
        const bool tracking = it != flows_.end() || gquic_.tracking(flow.id);
        // Only the client's Initials carry the ClientHello; a flow whose first client datagram is
        // no QUIC long header is not QUIC (or was caught mid-connection).
        if (dir != kToServer) return tracking ? Verdict::more : Verdict::done;
        packet_ns_ = pkt.ts_ns;

        Bytes datagram = pkt.payload;
        bool finished = false, quic = false;
        while (!datagram.empty() && !finished) {
            LongHeader h;
            const VersionParams* params = nullptr;
            const HeaderStatus hs = parse_long_header(datagram, h, params);
            // Google QUIC before Q050 sends its CHLO unencrypted, behind its public header or (Q046)
            // a long header of a version not in the table; such a packet is never coalesced.
            if ((hs == HeaderStatus::not_long_header || hs == HeaderStatus::unsupported_version) &&
                datagram.size() == pkt.payload.size()) {
                using G = gquic::ClientHandshake::Result;
                const G g = gquic_.on_client_datagram(flow, datagram, pkt.ts_ns);
                if (g != G::not_gquic) {
                    quic = true;
                    finished = g == G::done;
                    break;
                }
            }
            if (hs == HeaderStatus::unsupported_version && flow.inspected[kToServer] == 1 &&
                datagram.size() == pkt.payload.size() && looks_like_client_initial(datagram))
                shared_.count(Counter::quic_unsupported_version);  // once per flow
            if (hs != HeaderStatus::ok) break;
            quic = true;
            const Bytes packet = datagram.first(h.packet_len);
            datagram = datagram.subspan(h.packet_len);
            if (h.type != params->initial_type) continue;  // 0-RTT or Handshake coalesced after it
            shared_.count(Counter::quic_initials);
            if (!decrypt(flow, it, h, *params, packet)) {
                shared_.count(Counter::quic_decrypt_failed);
                continue;
            }
            shared_.count(Counter::quic_initials_decrypted);
            const bool frames_ok = params->payload == InitialPayload::ietf_tls ? crypto_frames(plain_, frames_)
                                                                                 : google_crypto_frames(plain_, frames_);
            if (!frames_ok && frames_.empty()) continue;
            finished = on_crypto(flow, it, h, *params);
        }
        if (finished) {
            if (it != flows_.end()) flows_.erase(it);
            return Verdict::done;
        }
        // A client that opens with 0-RTT packets or a lost first Initial still gets its next datagrams
        // looked at, statelessly.
        return it != flows_.end() || quic ? Verdict::more : Verdict::done;
    }

    void forget(uint64_t flow_id) override {
        if (!flows_.empty()) flows_.erase(flow_id);
        gquic_.forget(flow_id);
    }

private:
    struct State {
        explicit State(uint32_t bound) : crypto(bound) {}
        uint32_t version = 0;
        InitialSecrets keys;  // from the DCID of the client's first Initial
        StreamAssembler crypto;
    };
    using Map = std::unordered_map<uint64_t, State>;

    // Initial keys come from the DCID of the client's first Initial and stay the same when the
    // client later switches to the server's connection ID: try the flow's keys first, then the
    // packet's own DCID.
    bool decrypt(const Flow&, Map::iterator it, const LongHeader& h, const VersionParams& params, Bytes packet) {
        uint64_t pn;
        if (it != flows_.end() && it->second.version == h.version &&
            opener_.open(packet, h, it->second.keys, plain_, pn))
            return true;
        const InitialSecrets* keys = key_cache_.find_or_derive(params, h.dcid);
        if (!keys) return false;
        keys_ = *keys;
        return opener_.open(packet, h, keys_, plain_, pn);
    }

    // Feeds the packet's CRYPTO frames; true when the ClientHello (or Q050's CHLO) was read (or
    // cannot be).
    bool on_crypto(Flow& flow, Map::iterator& it, const LongHeader& h, const VersionParams& params) {
        if (frames_.empty()) return false;
        const InitialPayload kind = params.payload;
        if (it == flows_.end()) {
            // Fast path: the whole ClientHello in one frame at offset 0 of the first Initial.
            if (frames_.size() == 1 && frames_[0].offset == 0) {
                const size_t need = message_length(kind, frames_[0].data);
                if (need != 0 && frames_[0].data.size() >= need) {
                    on_message(flow, kind, frames_[0].data.first(need));
                    return true;
                }
            }
            it = flows_.try_emplace(flow.id, shared_.limits.max_reassembly_bytes).first;
            it->second.version = h.version;
            it->second.keys = keys_;
        }
        State& st = it->second;
        for (const auto& f : frames_)
            if (!st.crypto.add(f.offset, f.data)) shared_.count(Counter::reassembly_overflow);
        const Bytes stream = st.crypto.contiguous();
        const size_t need = message_length(kind, stream);
        if (need != 0 && stream.size() >= need) {
            on_message(flow, kind, stream.first(need));
            return true;
        }
        if (stream.size() >= shared_.limits.max_reassembly_bytes) {
            on_message(flow, kind, stream);  // as much as the bound allows
            return true;
        }
        return false;
    }

    static size_t message_length(InitialPayload kind, Bytes stream) {
        return kind == InitialPayload::google_chlo ? gquic::chlo_message_length(stream)
                                                   : handshake_message_length(stream);
    }
    void on_message(Flow& flow, InitialPayload kind, Bytes msg) {
        if (kind == InitialPayload::google_chlo)
            on_chlo(flow, msg);
        else
            on_client_hello(flow, msg);
    }

    // Q050's CHLO, whole (or cut at the bound) out of the CRYPTO frames.
    void on_chlo(Flow& flow, Bytes msg) {
        gquic::ChloInfo info;
        if (gquic::parse_chlo(msg, info) == ParseStatus::malformed) {
            shared_.count(Counter::gquic_malformed);
            return;
        }
        shared_.count(Counter::gquic_chlos);
        gquic::offer_chlo(shared_, flow, info, packet_ns_);
    }

    void on_client_hello(Flow& flow, Bytes msg) {
        ClientHelloInfo info;
        if (parse_client_hello(msg, info) == ParseStatus::malformed) return;
        shared_.count(Counter::quic_client_hellos);
        if (!info.server_name.empty()) offer_server_name(flow, NameSource::quic_sni, info.server_name);
        record_client_user_agent(shared_, flow, info.quic_user_agent, "QUIC google_user_agent", packet_ns_);
    }

    Shared& shared_;
    Map flows_;  // flows whose ClientHello is spread over several CRYPTO frames
    gquic::ClientHandshake gquic_;  // Q024..Q046 flows, with their own per-flow state
    InitialOpener opener_;
    InitialKeyCache key_cache_;
    InitialSecrets keys_;  // the keys of the packet decrypted last
    std::vector<uint8_t> plain_;        // reused decryption buffer
    std::vector<CryptoFrame> frames_;  // reused frame list (views into plain_)
    int64_t packet_ns_ = 0;            // the time of the packet being inspected
};

bool selects(const Flow& flow) { return flow.proto == kProtoUdp; }
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<QuicInitial>(shared); }

}  // namespace

}  // namespace sovscan::observe::quic

namespace sovscan::observe {
const DissectorSpec kQuicInitialDissector{"quic_initial", quic::selects, false, quic::make};
}  // namespace sovscan::observe
