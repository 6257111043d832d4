// Fuzzes the observe stage on a Udp flow to port 443 (see fuzz_observe_driver.h). A client packet
// whose flags byte has bit 2 set gets the Google QUIC message authentication hash it needs to
// count as sent in the clear (no fuzzer finds an FNV-1a 128 hash), so that the reassembly of a
// gQUIC CHLO over several packets is explored, not only its first packet.
#include "fuzz_observe_driver.h"
#include "observe/gquic_packet.h"

namespace {

namespace gquic = sovscan::observe::gquic;

// Gives a gQUIC client packet its correct hash; `flow_version` follows the packets that carry one.
struct FixGquicHash {
    int* flow_version;
    void operator()(std::vector<uint8_t>& payload, uint8_t flags) const {
        if ((flags & 0x01) != sovscan::kToServer || !(flags & 0x04)) return;
        gquic::ClientPacket packet;
        std::vector<gquic::StreamChunk> chunks;
        if (gquic::read_client_packet(payload, *flow_version, packet, chunks) == gquic::PacketStatus::not_gquic) return;
        if (packet.carries_version) *flow_version = packet.version;
        const auto hash = gquic::message_hash(payload, packet);
        if (payload.size() >= packet.hash_at + hash.size())
            std::copy(hash.begin(), hash.end(), payload.begin() + ptrdiff_t(packet.hash_at));
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    int flow_version = -1;
    sovscan::fuzz::run_observe(data, size, sovscan::kProtoUdp, 443, FixGquicHash{&flow_version});
    return 0;
}
