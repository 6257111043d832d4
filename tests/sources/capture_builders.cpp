#include "sources/capture_builders.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace sovscan::test {

namespace {

void put(Bytes& b, uint64_t v, int n, bool big) {
    for (int i = 0; i < n; ++i) {
        const int shift = big ? 8 * (n - 1 - i) : 8 * i;
        b.push_back(static_cast<uint8_t>(v >> shift));
    }
}

void pad4(Bytes& b) {
    while (b.size() % 4) b.push_back(0);
}

}  // namespace

Bytes pcap_file(bool big, PcapFlavor flavor, uint32_t link_type_field, const std::vector<PcapPacket>& packets) {
    Bytes b;
    const uint32_t magic = flavor == PcapFlavor::nano ? 0xa1b23c4d : flavor == PcapFlavor::kuznetzov ? 0xa1b2cd34
                                                                                                      : 0xa1b2c3d4;
    put(b, magic, 4, big);
    put(b, 2, 2, big);
    put(b, 4, 2, big);
    put(b, 0, 4, big);  // thiszone
    put(b, 0, 4, big);  // sigfigs
    put(b, 65535, 4, big);
    put(b, link_type_field, 4, big);
    for (const PcapPacket& p : packets) {
        put(b, p.sec, 4, big);
        put(b, p.frac, 4, big);
        put(b, p.data.size(), 4, big);
        put(b, p.wire_len ? p.wire_len : p.data.size(), 4, big);
        if (flavor == PcapFlavor::kuznetzov) put(b, 0x0102030405060708ull, 8, big);  // ifindex, proto, type, pad
        b.insert(b.end(), p.data.begin(), p.data.end());
    }
    return b;
}

void PcapngBuilder::put16(Bytes& b, uint16_t v) const { put(b, v, 2, big_); }
void PcapngBuilder::put32(Bytes& b, uint32_t v) const { put(b, v, 4, big_); }
void PcapngBuilder::put64(Bytes& b, uint64_t v) const { put(b, v, 8, big_); }

void PcapngBuilder::block(uint32_t type, const Bytes& body) {
    Bytes padded = body;
    pad4(padded);
    const uint32_t len = static_cast<uint32_t>(padded.size() + 12);
    put32(out_, type);
    put32(out_, len);
    out_.insert(out_.end(), padded.begin(), padded.end());
    put32(out_, len);
}

PcapngBuilder& PcapngBuilder::section(bool big_endian, uint16_t major) {
    big_ = big_endian;
    Bytes body;
    put32(body, 0x1a2b3c4d);
    put16(body, major);
    put16(body, 0);
    put64(body, ~0ull);  // section length unknown
    // an option (shb_userappl) so that the reader has to honour the block length
    const std::string app = "sovscan-test";
    put16(body, 4);
    put16(body, static_cast<uint16_t>(app.size()));
    body.insert(body.end(), app.begin(), app.end());
    pad4(body);
    put16(body, 0);
    put16(body, 0);
    block(0x0a0d0d0a, body);
    return *this;
}

PcapngBuilder& PcapngBuilder::interface(uint16_t link_type, uint32_t snaplen, int tsresol, int64_t tsoffset_s) {
    Bytes body;
    put16(body, link_type);
    put16(body, 0);
    put32(body, snaplen);
    const std::string name = "eth-test";  // if_name first: options before if_tsresol must be skipped right
    put16(body, 2);
    put16(body, static_cast<uint16_t>(name.size()));
    body.insert(body.end(), name.begin(), name.end());
    pad4(body);
    if (tsresol >= 0) {
        put16(body, 9);
        put16(body, 1);
        body.push_back(static_cast<uint8_t>(tsresol));
        pad4(body);
    }
    if (tsoffset_s != 0) {
        put16(body, 14);
        put16(body, 8);
        put64(body, static_cast<uint64_t>(tsoffset_s));
    }
    put16(body, 0);
    put16(body, 0);
    block(1, body);
    return *this;
}

PcapngBuilder& PcapngBuilder::enhanced(uint32_t interface_id, uint64_t ts, const Bytes& data, uint32_t wire_len) {
    Bytes body;
    put32(body, interface_id);
    put32(body, static_cast<uint32_t>(ts >> 32));
    put32(body, static_cast<uint32_t>(ts));
    put32(body, static_cast<uint32_t>(data.size()));
    put32(body, wire_len ? wire_len : static_cast<uint32_t>(data.size()));
    body.insert(body.end(), data.begin(), data.end());
    pad4(body);
    put16(body, 1);  // opt_comment, to be skipped
    put16(body, 3);
    body.insert(body.end(), {'h', 'i', '!', 0});
    put16(body, 0);
    put16(body, 0);
    block(6, body);
    return *this;
}

PcapngBuilder& PcapngBuilder::simple(const Bytes& data, uint32_t wire_len) {
    Bytes body;
    put32(body, wire_len);
    body.insert(body.end(), data.begin(), data.end());
    block(3, body);
    return *this;
}

PcapngBuilder& PcapngBuilder::obsolete(uint16_t interface_id, uint64_t ts, const Bytes& data) {
    Bytes body;
    put16(body, interface_id);
    put16(body, 0);  // drops
    put32(body, static_cast<uint32_t>(ts >> 32));
    put32(body, static_cast<uint32_t>(ts));
    put32(body, static_cast<uint32_t>(data.size()));
    put32(body, static_cast<uint32_t>(data.size()));
    body.insert(body.end(), data.begin(), data.end());
    block(2, body);
    return *this;
}

PcapngBuilder& PcapngBuilder::other(uint32_t type, const Bytes& body) {
    block(type, body);
    return *this;
}

namespace {
template <typename Reader>
std::vector<ReadPacket> drain(Reader& r) {
    std::vector<ReadPacket> out;
    RawPacket p;
    while (r.next(p)) out.push_back({p, Bytes(p.data, p.data + p.caplen)});
    return out;
}
}  // namespace

std::vector<ReadPacket> read_all(CaptureFile& file) { return drain(file); }
std::vector<ReadPacket> read_all(CaptureSet& set) { return drain(set); }

std::vector<std::string> messages(const Diagnostics& diag, ProblemLevel level) {
    std::vector<std::string> out;
    for (const InputProblem& p : diag.problems()) {
        if (p.level == level) out.push_back(p.message);
    }
    return out;
}

Bytes payload(size_t n, uint8_t seed) {
    Bytes b(n);
    for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(seed + i);
    return b;
}

TempDir::TempDir() {
    static std::atomic<unsigned> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("sovscan-sources-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const Bytes& bytes) const {
    const std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + p.string());
    return p.string();
}

}  // namespace sovscan::test
