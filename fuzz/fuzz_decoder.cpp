// libFuzzer target for decode: the first byte picks the link type, the rest is the frame.
// Decode must never read outside the frame, never crash, and keep its own invariants.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "decode/decoder.h"

namespace {

// Every link type decode handles, and one it does not.
constexpr uint16_t kLinkTypes[] = {
    sovscan::kLinkEthernet, sovscan::kLinkNull,       sovscan::kLinkLoop,      sovscan::kLinkRaw,
    sovscan::kLinkDltRaw12, sovscan::kLinkDltRaw14,   sovscan::kLinkIpv4,      sovscan::kLinkIpv6,
    sovscan::kLinkPpp,      sovscan::kLinkPppHdlc,    sovscan::kLinkCiscoHdlc, sovscan::kLinkLinuxSll,
    sovscan::kLinkLinuxSll2, sovscan::kLinkIeee80211, sovscan::kLinkIeee80211Radiotap, 192 /* PPI */, 107,
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const uint16_t link = kLinkTypes[data[0] % (sizeof(kLinkTypes) / sizeof(kLinkTypes[0]))];
    // A heap copy of exactly the frame, so ASan catches a read one byte past its end.
    std::vector<uint8_t> frame(data + 1, data + size);
    sovscan::RawPacket raw;
    raw.data = frame.data();
    raw.caplen = static_cast<uint32_t>(frame.size());
    raw.wire_len = raw.caplen + (data[0] >> 7) * 4;  // sometimes a snapshot shorter than the wire
    raw.link_type = link;

    sovscan::Decoder decoder;
    sovscan::DecodedPacket out;
    const bool ok = decoder.decode(raw, out);
    if (ok != (out.ip_version != 0)) std::abort();
    if (!out.payload.empty() &&
        (out.payload.data() < frame.data() || out.payload.data() + out.payload.size() > frame.data() + frame.size()))
        std::abort();
    if (out.tunnel_depth > 8) std::abort();
    // A tunnel's inner frame belongs to a packet inside a tunnel, never to an outer one.
    if (out.has_inner_macs && out.tunnel_depth == 0) std::abort();
    uint64_t counted = 0;
    for (auto n : decoder.weirds().n) counted += n;
    for (auto n : decoder.non_ip().n) counted += n;
    if (counted > 1 || (!ok && counted != 1)) std::abort();
    return 0;
}
