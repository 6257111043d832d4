// Google QUIC handshake packets, as far as a client's CHLO needs them (Wireshark's packet-gquic.c
// and Chromium's QUIC wire layout document describe the format; nDPI's quic.c reads the same).
//
// Q024..Q043 public header: flags (0x01 version present, 0x08 8-byte connection ID, 0x30 packet
// number length 1/2/4/6), connection ID, version "Q0dd" (only until the client hears from the
// server), packet number. Q046: long header (0xc0 set, low bits the packet number length - 1),
// version, connection ID lengths as two nibbles (n + 3 bytes, 0 for none), the IDs, packet number.
// Then the FNV-1a message authentication hash (12 bytes), the private flags (before Q034), and the
// frames. Integers are little-endian before Q039 and big-endian from it.
#include "observe/gquic_packet.h"

#include <algorithm>
#include <string_view>

namespace sovscan::observe::gquic {

namespace {

constexpr uint8_t kFlagVersion = 0x01, kFlagReset = 0x02, kFlagCid = 0x08, kFlagPnLen = 0x30, kFlagLong = 0x80;
constexpr uint8_t kFlagFixed = 0x40;  // Q046: set in every long and short header
constexpr size_t kHashLen = 12;
constexpr uint64_t kCryptoStream = 1;
// Packet numbers and ACK fields: a two-bit code for 1, 2, 4 or 6 bytes.
constexpr size_t kLen1246[] = {1, 2, 4, 6};

bool uint_n(ByteReader& r, size_t n, bool big_endian, uint64_t& v) {
    Bytes b;
    if (!r.take(n, b)) return false;
    v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t(b[big_endian ? n - 1 - i : i]) << (8 * i);
    return true;
}

// Reads up to the hash. `number` stays -1 when the datagram is no gQUIC client header of a
// version we know; false after that means the header was cut short.
bool header(ByteReader& r, int flow_version, ClientPacket& p, size_t& pn_len) {
    uint8_t flags;
    uint32_t version;
    if (!r.u8(flags)) return false;
    if (flags & kFlagLong) {  // Q046: the long header of the IETF invariants
        uint8_t cids;
        if (!(flags & kFlagFixed) || !r.u32(version) || version_number(version) != 46) return false;
        p.version = 46;
        p.carries_version = true;
        if (!r.u8(cids)) return false;
        const size_t dcid = (cids >> 4) ? (cids >> 4) + 3 : 0, scid = (cids & 0x0f) ? (cids & 0x0f) + 3 : 0;
        if (!r.skip(dcid + scid)) return false;
        pn_len = size_t(flags & 0x03) + 1;
    } else {
        // Clients send the 8-byte connection ID (Chromium with both of the old length bits, 0x0c:
        // 0x04 is the diversification nonce only from servers); a reset is never a handshake.
        if ((flags & (kFlagCid | kFlagReset)) != kFlagCid) return false;
        if (flags & kFlagVersion) {
            if (!r.skip(8) || !r.u32(version)) return false;
            const int n = version_number(version);
            if (n < 24 || n > 43) return false;
            p.version = n;
            p.carries_version = true;
        } else {
            // Without the version only as the flow's: a Q046 flow's short headers are encrypted.
            if (flow_version < 24 || flow_version > 43 || (flags & (kFlagLong | kFlagFixed))) return false;
            p.version = flow_version;
            if (!r.skip(8)) return false;
        }
        pn_len = kLen1246[(flags & kFlagPnLen) >> 4];
    }
    if (!r.skip(pn_len)) return false;
    p.hash_at = r.pos();
    return true;
}

// ACK, layout before Q034: entropy, largest observed, delay, timestamps, then (N bit) the missing
// ranges and revived packets. From Q034: largest acked, delay, (N bit) block count, first block,
// blocks of gap + length, timestamps.
bool skip_ack(ByteReader& r, uint8_t type, int version) {
    const size_t largest = kLen1246[(type >> 2) & 3], block = kLen1246[type & 3];
    const bool more_blocks = type & 0x20;
    uint8_t n = 0;
    if (version < 34) {
        if (!r.skip(1 + largest + 2) || !r.u8(n) || (n && !r.skip(5 + 3 * (size_t(n) - 1)))) return false;
        if (!more_blocks) return true;
        return r.u8(n) && r.skip(size_t(n) * (block + 1)) && r.u8(n) && r.skip(size_t(n) * largest);
    }
    if (!r.skip(largest + 2) || (more_blocks && !r.u8(n))) return false;
    if (!r.skip(block + size_t(n) * (1 + block)) || !r.u8(n)) return false;
    return n == 0 || r.skip(5 + 3 * (size_t(n) - 1));
}

// Skips a frame with a 2-byte length before its reason phrase, after `fixed` bytes.
bool skip_with_reason(ByteReader& r, size_t fixed, bool big_endian) {
    uint64_t len;
    return r.skip(fixed) && uint_n(r, 2, big_endian, len) && r.skip(len);
}

PacketStatus frames(ByteReader& r, int version, size_t pn_len, std::vector<StreamChunk>& chunks) {
    const bool big_endian = version >= 39;
    uint8_t type;
    while (r.u8(type)) {
        bool whole = true;
        if (type & 0x80) {  // STREAM: 1fdoooss
            const size_t offset_len = ((type >> 2) & 0x07) ? ((type >> 2) & 0x07) + 1 : 0;
            const size_t id_len = size_t(type & 0x03) + 1;
            uint64_t id, offset, len;
            if (!uint_n(r, id_len, big_endian, id) || !uint_n(r, offset_len, big_endian, offset))
                return PacketStatus::malformed;
            if (type & 0x20) {
                if (!uint_n(r, 2, big_endian, len) || len > r.remaining()) return PacketStatus::malformed;
            } else {
                len = r.remaining();  // the frame runs to the end of the packet
            }
            Bytes data;
            r.take(len, data);
            if (id == kCryptoStream && !data.empty()) chunks.push_back({offset, data});
            continue;
        }
        if (type & 0x40) {
            whole = skip_ack(r, type, version);
        } else {
            switch (type) {
                case 0x00:  // PADDING: the rest of the packet before Q038, a run of zeros from it
                    if (version < 38) return PacketStatus::ok;
                    while (!r.empty() && r.rest()[0] == 0) r.skip(1);
                    break;
                case 0x01: whole = r.skip(4 + 8 + 4); break;                        // RST_STREAM
                case 0x02: whole = skip_with_reason(r, 4, big_endian); break;       // CONNECTION_CLOSE
                case 0x03: whole = skip_with_reason(r, 4 + 4, big_endian); break;   // GOAWAY
                case 0x04: whole = r.skip(4 + 8); break;                            // WINDOW_UPDATE
                case 0x05: whole = r.skip(4); break;                                // BLOCKED
                case 0x06: whole = r.skip((version < 34 ? 1 : 0) + pn_len); break;  // STOP_WAITING
                case 0x07: break;                                                   // PING
                default: return PacketStatus::ok;  // a frame not walked: the rest is not read
            }
        }
        if (!whole) return PacketStatus::malformed;
    }
    return PacketStatus::ok;
}

// FNV-1a with a 128-bit state (Chromium's QuicUtils::FNV1a_128_Hash): prime 2^88 + 0x13b.
class Fnv1a128 {
public:
    void add(Bytes b) {
        for (uint8_t c : b) h_ = (h_ ^ c) * kPrime;
    }
    std::array<uint8_t, 12> low96_le() const {
        std::array<uint8_t, 12> out;
        for (size_t i = 0; i < out.size(); ++i) out[i] = uint8_t(h_ >> (8 * i));
        return out;
    }

private:
    __extension__ using U128 = unsigned __int128;
    static constexpr U128 kPrime = (U128(1) << 88) + 0x13b;
    U128 h_ = (U128(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;  // the offset basis
};

}  // namespace

int version_number(uint32_t version) {
    const uint8_t d1 = uint8_t(version >> 8), d2 = uint8_t(version);
    if ((version >> 16) != 0x5130 || d1 < '0' || d1 > '9' || d2 < '0' || d2 > '9') return -1;
    return (d1 - '0') * 10 + (d2 - '0');
}

PacketStatus read_client_packet(Bytes datagram, int flow_version, ClientPacket& packet,
                                std::vector<StreamChunk>& chunks) {
    chunks.clear();
    packet = {};
    ByteReader r(datagram);
    size_t pn_len = 0;
    if (!header(r, flow_version, packet, pn_len)) {
        if (packet.version < 0) return PacketStatus::not_gquic;
        return PacketStatus::malformed;
    }
    // The hash, and the private flags that versions before 34 still carry.
    if (!r.skip(kHashLen + (packet.version < 34 ? 1 : 0))) return PacketStatus::malformed;
    return frames(r, packet.version, pn_len, chunks);
}

std::array<uint8_t, 12> message_hash(Bytes datagram, const ClientPacket& packet) {
    Fnv1a128 h;
    const size_t at = std::min(packet.hash_at, datagram.size());
    h.add(datagram.first(at));
    if (datagram.size() >= at + kHashLen) h.add(datagram.subspan(at + kHashLen));
    // From Q037 the sender's perspective is hashed too, so that a reflected packet does not verify.
    if (packet.version >= 37) h.add(as_bytes(std::string_view("Client")));
    return h.low96_le();
}

bool sent_unencrypted(Bytes datagram, const ClientPacket& packet) {
    if (datagram.size() < packet.hash_at + kHashLen) return false;
    const auto expected = message_hash(datagram, packet);
    return std::equal(expected.begin(), expected.end(), datagram.begin() + ptrdiff_t(packet.hash_at));
}

}  // namespace sovscan::observe::gquic
