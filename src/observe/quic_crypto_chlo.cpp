// Google QUIC-crypto CHLO parsing (see quic_crypto_chlo.h for the layout). Every offset in the
// index is checked against the bytes present before a value is read: a hostile index can only make
// the message malformed or incomplete.
#include "observe/quic_crypto_chlo.h"

namespace sovscan::observe::gquic {

namespace {

// Tags are compared as the little-endian integers Chromium compares them as.
constexpr uint32_t tag(const char (&s)[5]) {
    return uint32_t(uint8_t(s[0])) | uint32_t(uint8_t(s[1])) << 8 | uint32_t(uint8_t(s[2])) << 16 |
           uint32_t(uint8_t(s[3])) << 24;
}
constexpr uint32_t kChlo = tag("CHLO");
constexpr uint32_t kSni = tag("SNI\0");
constexpr uint32_t kUaid = tag("UAID");
// Chromium's CryptoFramer refuses messages with more entries (kMaxEntries); real CHLOs have ~30.
constexpr uint16_t kMaxTags = 128;
constexpr size_t kHeaderLen = 8, kEntryLen = 8;

uint16_t le16(Bytes b, size_t at) { return uint16_t(b[at] | b[at + 1] << 8); }
uint32_t le32(Bytes b, size_t at) {
    return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 | uint32_t(b[at + 3]) << 24;
}

// The header: true with the tag count when `msg` starts with a CHLO header of a plausible size.
bool header(Bytes msg, uint16_t& tags) {
    if (msg.size() < kHeaderLen || le32(msg, 0) != kChlo) return false;
    tags = le16(msg, 4);
    return tags <= kMaxTags;
}

}  // namespace

size_t chlo_message_length(Bytes msg) {
    uint16_t tags;
    if (!header(msg, tags)) return 0;
    const size_t values = kHeaderLen + size_t(tags) * kEntryLen;
    if (msg.size() < values) return 0;
    return tags == 0 ? values : values + le32(msg, values - 4);  // the last entry's end offset
}

ParseStatus parse_chlo(Bytes msg, ChloInfo& out) {
    out = {};
    if (msg.size() < kHeaderLen) return ParseStatus::need_more;
    uint16_t tags;
    if (!header(msg, tags)) return ParseStatus::malformed;
    const size_t values = kHeaderLen + size_t(tags) * kEntryLen;
    bool truncated = false;
    uint32_t prev_tag = 0, prev_end = 0;
    for (size_t i = 0; i < tags; ++i) {
        const size_t entry = kHeaderLen + i * kEntryLen;
        if (entry + kEntryLen > msg.size()) return ParseStatus::need_more;  // index cut short
        const uint32_t t = le32(msg, entry), end = le32(msg, entry + 4);
        if ((i > 0 && t <= prev_tag) || end < prev_end) return ParseStatus::malformed;
        // end <= 2^32 and values <= 1032: no overflow in size_t.
        if (values + size_t(end) > msg.size()) {
            truncated = true;  // this value and every later one lie beyond the bytes we have
        } else if (t == kSni || t == kUaid) {
            const std::string_view v(reinterpret_cast<const char*>(msg.data()) + values + prev_end, end - prev_end);
            (t == kSni ? out.server_name : out.user_agent) = v;
        }
        prev_tag = t;
        prev_end = end;
    }
    return truncated ? ParseStatus::need_more : ParseStatus::ok;
}

}  // namespace sovscan::observe::gquic
