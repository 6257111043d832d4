// Google QUIC handshake packets, as far as a client's CHLO needs them (Wireshark's packet-gquic.c
// and Chromium's QUIC wire layout document describe the format; nDPI's quic.c reads the same).
//
// Q024..Q043 public header: flags (0x01 version present, 0x08 8-byte connection ID, 0x30 packet
// number length 1/2/4/6), connection ID, version "Q0dd", packet number. Q046: long header (0xc0
// set, low bits the packet number length - 1), version, connection ID lengths as two nibbles (n + 3
// bytes, 0 for none), the IDs, packet number. Then the FNV-1a message authentication hash (12
// bytes), the private flags (before Q034), and the frames. Integers are little-endian before
// Q039 and big-endian from it.
#include "observe/gquic_packet.h"

namespace sovscan::observe::gquic {

namespace {

constexpr uint8_t kFlagVersion = 0x01, kFlagReset = 0x02, kFlagCid = 0x08, kFlagPnLen = 0x30, kFlagLong = 0x80;
constexpr size_t kHashLen = 12;
constexpr uint8_t kFramePing = 0x07, kFrameStream = 0x80, kStreamDataLen = 0x20;
constexpr uint64_t kCryptoStream = 1;

bool uint_n(ByteReader& r, size_t n, bool big_endian, uint64_t& v) {
    Bytes b;
    if (!r.take(n, b)) return false;
    v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t(b[big_endian ? n - 1 - i : i]) << (8 * i);
    return true;
}

// Reads up to the first frame. `number` stays -1 when the datagram is no gQUIC client header of a
// version we know; false after that means the header was cut short.
bool header(ByteReader& r, uint32_t& version, int& number) {
    uint8_t flags;
    if (!r.u8(flags)) return false;
    size_t pn_len;
    if (flags & kFlagLong) {  // Q046: the long header of the IETF invariants
        uint8_t cids;
        if ((flags & 0x40) == 0 || !r.u32(version) || version_number(version) != 46) return false;
        number = 46;
        if (!r.u8(cids)) return false;
        const size_t dcid = (cids >> 4) ? (cids >> 4) + 3 : 0, scid = (cids & 0x0f) ? (cids & 0x0f) + 3 : 0;
        if (!r.skip(dcid + scid)) return false;
        pn_len = size_t(flags & 0x03) + 1;
    } else {
        if ((flags & (kFlagVersion | kFlagCid | kFlagReset)) != (kFlagVersion | kFlagCid)) return false;
        if (!r.skip(8) || !r.u32(version)) return false;
        const int n = version_number(version);
        if (n < 24 || n > 43) return false;
        number = n;
        static constexpr size_t kPnLen[] = {1, 2, 4, 6};
        pn_len = kPnLen[(flags & kFlagPnLen) >> 4];
    }
    // The packet number, the hash, and the private flags that versions before 34 still carry.
    return r.skip(pn_len + kHashLen + (number < 34 ? 1 : 0));
}

}  // namespace

int version_number(uint32_t version) {
    const uint8_t d1 = uint8_t(version >> 8), d2 = uint8_t(version);
    if ((version >> 16) != 0x5130 || d1 < '0' || d1 > '9' || d2 < '0' || d2 > '9') return -1;
    return (d1 - '0') * 10 + (d2 - '0');
}

PacketStatus handshake_stream_data(Bytes datagram, Bytes& data, uint32_t& version) {
    data = {};
    version = 0;
    ByteReader r(datagram);
    int number = -1;
    if (!header(r, version, number)) {
        if (number >= 0) return PacketStatus::malformed;
        version = 0;
        return PacketStatus::not_gquic;
    }
    const bool big_endian = number >= 39;
    // A client's first packet holds the CHLO's STREAM frame and nothing before it; a later one may
    // put a PING first. Anything else (ACK, STOP_WAITING, PADDING which ends the packet) means the
    // CHLO is not here.
    uint8_t type;
    while (r.u8(type)) {
        if (type == kFramePing) continue;
        if (!(type & kFrameStream)) return PacketStatus::no_chlo;
        const size_t offset_len = ((type >> 2) & 0x07) ? ((type >> 2) & 0x07) + 1 : 0;
        const size_t id_len = size_t(type & 0x03) + 1;
        uint64_t id, offset, len;
        if (!uint_n(r, id_len, big_endian, id) || !uint_n(r, offset_len, big_endian, offset)) return PacketStatus::malformed;
        if (type & kStreamDataLen) {
            if (!uint_n(r, 2, big_endian, len) || len > r.remaining()) return PacketStatus::malformed;
        } else {
            len = r.remaining();  // the frame runs to the end of the packet
        }
        Bytes frame;
        r.take(len, frame);
        if (id == kCryptoStream && offset == 0) {
            data = frame;
            return PacketStatus::ok;
        }
    }
    return PacketStatus::no_chlo;
}

}  // namespace sovscan::observe::gquic
