// Fuzzes the Google QUIC CHLO parser and the gQUIC handshake packet reader directly: the input is
// once a CHLO message and once a client datagram whose CHLO goes to the same parser.
#include <cstdlib>

#include "observe/gquic_packet.h"
#include "observe/quic_crypto_chlo.h"

namespace gquic = sovscan::observe::gquic;

namespace {
// Every view the parser returns must lie inside the input.
void check_inside(sovscan::observe::Bytes in, std::string_view v) {
    if (v.empty()) return;
    const auto* b = reinterpret_cast<const char*>(in.data());
    if (v.data() < b || v.data() + v.size() > b + in.size()) std::abort();
}
void parse(sovscan::observe::Bytes msg) {
    gquic::ChloInfo info;
    const auto st = gquic::parse_chlo(msg, info);
    check_inside(msg, info.server_name);
    check_inside(msg, info.user_agent);
    const size_t len = gquic::chlo_message_length(msg);
    // A message that parses completely is exactly as long as its index says (or longer input).
    if (st == sovscan::observe::ParseStatus::ok && (len == 0 || len > msg.size())) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const sovscan::observe::Bytes in(data, size);
    parse(in);
    sovscan::observe::Bytes chlo;
    uint32_t version = 0;
    if (gquic::handshake_stream_data(in, chlo, version) == gquic::PacketStatus::ok) {
        if (chlo.data() < in.data() || chlo.data() + chlo.size() > in.data() + in.size()) std::abort();
        parse(chlo);
    }
    return 0;
}
