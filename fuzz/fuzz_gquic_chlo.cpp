// Fuzzes Google QUIC's CHLO parser, client packet reader and handshake reassembly directly. The
// input is read three ways: as a CHLO message; as one client datagram (a flow's first, and one of
// a Q039 flow, without the version); and as a flow of client datagrams, each `flags (1) length
// (2) bytes`, handed to gquic::ClientHandshake. Flags bit 0 gives a datagram its correct message
// authentication hash (which no fuzzer finds), so that pieces sent in the clear are reassembled
// across packets, out of order and overlapping, up to the (small) reassembly bound.
#include <algorithm>
#include <cstdlib>

#include "observe/device_observations.h"
#include "observe/gquic_handshake.h"
#include "observe/gquic_packet.h"
#include "observe/quic_crypto_chlo.h"

namespace observe = sovscan::observe;
namespace gquic = sovscan::observe::gquic;

namespace {
// Every view the parser returns must lie inside the input.
void check_inside(observe::Bytes in, observe::Bytes v) {
    if (v.empty()) return;
    if (v.data() < in.data() || v.data() + v.size() > in.data() + in.size()) std::abort();
}
void check_inside(observe::Bytes in, std::string_view v) { check_inside(in, observe::as_bytes(v)); }

void parse(observe::Bytes msg) {
    gquic::ChloInfo info;
    const auto st = gquic::parse_chlo(msg, info);
    check_inside(msg, info.server_name);
    check_inside(msg, info.user_agent);
    const size_t len = gquic::chlo_message_length(msg);
    // A message that parses completely is exactly as long as its index says (or longer input).
    if (st == observe::ParseStatus::ok && (len == 0 || len > msg.size())) std::abort();
}

void read_datagram(observe::Bytes in, int flow_version) {
    gquic::ClientPacket packet;
    std::vector<gquic::StreamChunk> chunks;
    if (gquic::read_client_packet(in, flow_version, packet, chunks) == gquic::PacketStatus::not_gquic) return;
    for (const auto& c : chunks) {
        check_inside(in, c.data);
        parse(c.data);
    }
    (void)gquic::sent_unencrypted(in, packet);
}

void read_flow(const uint8_t* data, size_t size) {
    observe::Shared shared;
    shared.limits.max_reassembly_bytes = 4096;  // small, so that the bound is reached too
    observe::DeviceLimits device_limits;
    device_limits.max_devices = 4;
    device_limits.max_attributes = 32;
    observe::DeviceObservations devices(device_limits);
    shared.devices = &devices;
    gquic::ClientHandshake handshake(shared);
    sovscan::Flow flow;
    flow.id = 1;
    flow.proto = sovscan::kProtoUdp;
    flow.client_ip = *sovscan::IpAddress::parse("192.0.2.1");
    flow.server_ip = *sovscan::IpAddress::parse("198.51.100.7");
    int flow_version = -1;
    size_t pos = 0;
    while (pos + 3 <= size) {
        const uint8_t flags = data[pos];
        size_t len = size_t(data[pos + 1]) << 8 | data[pos + 2];
        pos += 3;
        len = std::min(len, size - pos);
        std::vector<uint8_t> datagram(data + pos, data + pos + len);  // exactly the bytes: ASan sees overreads
        pos += len;
        gquic::ClientPacket packet;
        std::vector<gquic::StreamChunk> chunks;
        if (gquic::read_client_packet(datagram, flow_version, packet, chunks) != gquic::PacketStatus::not_gquic) {
            if (packet.carries_version) flow_version = packet.version;
            const auto hash = gquic::message_hash(datagram, packet);
            if ((flags & 1) && datagram.size() >= packet.hash_at + hash.size())
                std::copy(hash.begin(), hash.end(), datagram.begin() + ptrdiff_t(packet.hash_at));
        }
        handshake.on_client_datagram(flow, datagram, 0);
        if (flow.server_name.size() > 255) std::abort();
    }
    handshake.forget(flow.id);
    if (handshake.tracking(flow.id)) std::abort();
    (void)devices.records();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const observe::Bytes in(data, size);
    parse(in);
    read_datagram(in, -1);
    read_datagram(in, 39);
    read_flow(data, size);
    return 0;
}
