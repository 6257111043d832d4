// Fuzzes the server-certificate name source (observe/tls_server_certificate.h) three ways: the
// input as a server's handshake records (read_server_flight, then the leaf's name), as a DER
// certificate (certificate_server_name), and as the server's bytes of a TCP flow whose ClientHello
// had no server_name, cut into segments, through the Observer. The first input byte sets the
// segments' size and whether one arrives late; the rest is the bytes. Names taken must look like host names, views must
// lie inside their buffers.
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_observe_driver.h"
#include "observe/dissector.h"
#include "observe/tls_server_certificate.h"

namespace obs = sovscan::observe;

namespace {

bool inside(obs::Bytes outer, obs::Bytes v) {
    return v.empty() || (v.data() >= outer.data() && v.data() + v.size() <= outer.data() + outer.size());
}

obs::CertificateNamer& namer() {
    static obs::CertificateNamer n;  // as the dissector keeps one, its cache included
    return n;
}

void check_name(obs::Bytes der) {
    std::string name;
    if (namer().name(der, name) == obs::CertificateName::named && !obs::looks_like_host_name(name))
        std::abort();
}

// A TLS 1.2 ClientHello record without extensions (so without server_name).
std::vector<uint8_t> client_hello_without_sni() {
    std::vector<uint8_t> body{0x03, 0x03};
    body.resize(2 + 32, 0x11);
    body.insert(body.end(), {0x00, 0x00, 0x02, 0xc0, 0x2f, 0x01, 0x00});
    std::vector<uint8_t> msg{0x01, 0x00, 0x00, uint8_t(body.size())};
    msg.insert(msg.end(), body.begin(), body.end());
    std::vector<uint8_t> rec{0x16, 0x03, 0x01, 0x00, uint8_t(msg.size())};
    rec.insert(rec.end(), msg.begin(), msg.end());
    return rec;
}

void run_flow(uint8_t shape, const std::vector<uint8_t>& in) {
    const size_t seg = size_t(shape & 0x3f) * 24 + 1;  // 1 .. 1513 bytes
    const bool late_second = shape & 0x40;              // the second segment after the third
    sovscan::ObserverLimits limits;
    limits.max_reassembly_bytes = 4096;  // small, so that the bound is reached too
    sovscan::Observer observer(limits);
    sovscan::Flow flow;
    flow.id = 1;
    flow.proto = sovscan::kProtoTcp;
    flow.client_ip = *sovscan::IpAddress::parse("192.0.2.1");
    flow.server_ip = *sovscan::IpAddress::parse("198.51.100.7");
    flow.client_port = 50000;
    flow.server_port = 443;
    const auto packet = [&](sovscan::Direction dir, std::vector<uint8_t>& payload, uint32_t seq) {
        sovscan::DecodedPacket p;
        p.ip_version = 4;
        p.ip_proto = sovscan::kProtoTcp;
        p.has_l4 = true;
        p.src_ip = dir == sovscan::kToServer ? flow.client_ip : flow.server_ip;
        p.dst_ip = dir == sovscan::kToServer ? flow.server_ip : flow.client_ip;
        p.tcp_seq = seq;
        p.payload = payload;
        observer.on_packet(flow, dir, p);
    };
    auto hello = client_hello_without_sni();
    packet(sovscan::kToServer, hello, 1000);
    std::vector<std::pair<size_t, size_t>> cuts;
    for (size_t off = 0; off < in.size(); off += seg) cuts.emplace_back(off, std::min(seg, in.size() - off));
    if (late_second && cuts.size() > 2) std::swap(cuts[1], cuts[2]);
    for (const auto& [off, len] : cuts) {
        std::vector<uint8_t> payload(in.begin() + ptrdiff_t(off), in.begin() + ptrdiff_t(off + len));  // exact size for ASan
        packet(sovscan::kToClient, payload, 90000 + uint32_t(off));
    }
    if (flow.name_source == sovscan::NameSource::tls_certificate && flow.server_name.empty()) std::abort();
    observer.on_flow_end(flow);
    (void)observer.counters();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::vector<uint8_t> in(data + 1, data + size);  // exact size: ASan sees any read past it
    std::vector<uint8_t> scratch;
    const obs::ServerFlight flight = obs::read_server_flight(in, scratch);
    if (flight.state == obs::ServerFlight::State::certificate) {
        if (!inside(in, flight.leaf) && !inside(scratch, flight.leaf)) std::abort();
        const std::vector<uint8_t> leaf(flight.leaf.begin(), flight.leaf.end());
        check_name(leaf);
    }
    check_name(in);
    run_flow(data[0], in);
    return 0;
}
