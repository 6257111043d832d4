#include "sources/pcapng_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "sources/byte_order.h"

namespace sovscan {

namespace {

constexpr uint32_t kIdbType = 1;
constexpr uint32_t kObsoletePacketType = 2;
constexpr uint32_t kSpbType = 3;
constexpr uint32_t kEpbType = 6;
constexpr uint32_t kByteOrderMagic = 0x1a2b3c4d;
constexpr size_t kBlockOverhead = 12;  // type, total length, trailing total length
constexpr size_t kShbMinLen = 28;      // + byte-order magic, version, section length
constexpr uint16_t kOptEnd = 0;
constexpr uint16_t kOptTsresol = 9;
constexpr uint16_t kOptTsoffset = 14;
// A section declaring more interfaces than this is treated as corrupt (it bounds memory).
constexpr size_t kMaxInterfaces = 1 << 16;

// An interface's clock, turned into nanoseconds since the epoch once per packet. Arithmetic is in
// 128 bits, where no timestamp, resolution or offset a file can hold overflows, so that a time
// beyond what int64 nanoseconds hold is seen and clamped rather than wrapped to 1969.
struct Interface {
    enum class Scale : uint8_t { multiply, divide, shift };
    uint16_t link_type = 0;
    uint32_t snaplen = 0;
    Scale scale = Scale::multiply;
    uint8_t shift = 0;        // power-of-two resolution: ns = ts * 1e9 >> shift
    uint64_t factor = 1000;   // power-of-ten resolution: ns = ts * factor or ts / factor
    int64_t offset_s = 0;     // if_tsoffset, seconds (signed in the format)

    // False when the time is out of int64 nanoseconds since 1970 (after 2262-04-11, or before
    // 1970 through a negative if_tsoffset): `out` is then clamped to the nearest end of that range.
    bool to_ns(uint64_t ts, int64_t& out) const {
        using I128 = __int128;
        I128 ns;
        if (scale == Scale::multiply) [[likely]] {
            ns = static_cast<I128>(static_cast<unsigned __int128>(ts) * factor);  // < 2^94
        } else if (scale == Scale::divide) {
            ns = static_cast<I128>(ts / factor);
        } else {
            ns = static_cast<I128>((static_cast<unsigned __int128>(ts) * 1'000'000'000u) >> shift);
        }
        ns += static_cast<I128>(offset_s) * 1'000'000'000;
        if (ns >= 0 && ns <= INT64_MAX) [[likely]] {
            out = static_cast<int64_t>(ns);
            return true;
        }
        out = ns < 0 ? 0 : INT64_MAX;
        return false;
    }

    // if_tsresol: high bit clear = 10^-v seconds, set = 2^-v seconds (v = low 7 bits).
    void set_resolution(uint8_t v) {
        const unsigned exp = v & 0x7f;
        if (v & 0x80) {
            scale = Scale::shift;
            shift = static_cast<uint8_t>(exp);
        } else if (exp <= 9) {
            scale = Scale::multiply;
            factor = pow10(9 - exp);
        } else {
            scale = Scale::divide;
            factor = exp - 9 <= 19 ? pow10(exp - 9) : UINT64_MAX;  // 10^20 and up do not fit: ~0 ns
        }
    }

    static uint64_t pow10(unsigned n) {
        uint64_t r = 1;
        while (n--) r *= 10;
        return r;
    }
};

class PcapngReader final : public BatchingCaptureFile<PcapngReader> {
public:
    PcapngReader(CaptureBytes bytes, std::string path, uint16_t input_index, Diagnostics& diag)
        : BatchingCaptureFile(std::move(path), bytes.size(), input_index, diag), bytes_(std::move(bytes)) {}

    // One packet block, the blocks before it read on the way (BatchingCaptureFile's next() and
    // next_batch()).
    bool read_one(RawPacket& out) {
        for (;;) {
            const uint64_t left = size_ - pos_;
            if (left < kBlockOverhead) [[unlikely]] {
                if (done_) return false;
                if (left == 0) return stop_clean();
                return cut(fmt::format("block header cut after {} bytes", left));
            }
            const uint8_t* head = bytes_.view(pos_, 8);
            if (!head) [[unlikely]] return read_failed(out);
            const uint32_t type = load32(head);
            if (type == kPcapngShbType) [[unlikely]] {
                std::string problem;
                if (start_section(problem)) continue;
                if (stream_ended(bytes_)) continue;  // judged again, with the stream's size known
                return cut(problem);
            }
            const uint32_t len = load32(head + 4);
            if (len < kBlockOverhead || len > left) [[unlikely]] {
                return cut(len < kBlockOverhead
                               ? fmt::format("block of type {:#x} has length {} (< 12)", type, len)
                               : fmt::format("block of type {:#x} needs {} bytes, {} left", type, len, left));
            }
            // A block is viewed whole; one longer than a view has only the start of its body viewed,
            // which is all any block type below reads of it (a packet's bytes included: captured
            // lengths are at most 256 KiB), and its trailing length after that, on its own: views
            // go forward only, as a stream needs.
            const size_t body_len = len - kBlockOverhead;
            const bool whole = len <= CaptureBytes::kMaxView;
            const uint8_t* block = bytes_.view(pos_, whole ? len : CaptureBytes::kMaxView);
            if (!block) [[unlikely]] return read_failed(out);
            const uint8_t* trailer = whole ? block + len - 4 : bytes_.view(pos_ + len - 4, 4);
            if (!trailer) [[unlikely]] return read_failed(out);
            if (load32(trailer) != len) [[unlikely]] {
                return cut(fmt::format("block of type {:#x} has a trailing length that differs from {}", type, len));
            }
            const uint8_t* body = block + 8;
            bool ok = true;
            bool packet = false;
            switch (type) {
                case kEpbType: packet = true; ok = enhanced_packet(body, body_len, out); break;
                case kSpbType: packet = true; ok = simple_packet(body, body_len, out); break;
                case kObsoletePacketType: packet = true; ok = obsolete_packet(body, body_len, out); break;
                case kIdbType:
                    // Options past the view of a (hostile) interface description larger than 320 KiB
                    // are not read.
                    ok = interface_description(body, std::min(body_len, CaptureBytes::kMaxView - 8));
                    break;
                default: break;  // NRB, ISB, DSB, custom, unknown: skipped by length
            }
            if (!ok) [[unlikely]] return cut(std::move(problem_));
            pos_ += len;
            if (packet) {
                out.input_index = input_index_;
                last_ts_ns_ = out.ts_ns;
                // A long block's packet is not in the latest view (its trailing length is).
                if (whole) [[likely]] bytes_.handed_out();
                else bytes_.handed_out(block);
                ++packets_;
                return true;
            }
        }
    }

    uint64_t offset() const override { return pos_; }

    std::string_view format() const override { return "pcapng"; }

    // Reads the first section header; false with `problem` when this is not a usable pcapng file.
    bool start(std::string& problem) {
        if (start_section(problem)) return true;
        if (!stream_ended(bytes_)) return false;
        problem.clear();  // a stream ended within it: judged again, with its size known
        return start_section(problem);
    }

private:
    uint32_t load32(const uint8_t* p) const { return bytes::load<uint32_t>(p, big_); }
    uint16_t load16(const uint8_t* p) const { return bytes::load<uint16_t>(p, big_); }

    bool cut(std::string what) {
        const uint64_t at = offset();
        skip_to_end(pos_);
        return stop_truncated(what, at);
    }
    // A view failed. When a stream ended there, the block is read again with the stream's size
    // known and judged as in a file (once: the size stays known).
    bool read_failed(RawPacket& out) {
        if (stream_ended(bytes_)) return read_one(out);
        return cut(fmt::format("read failed ({})", bytes_.error()));
    }
    // A timestamp out of int64 ns (clamped by to_ns): corrupt, but the packet is kept; said once.
    [[gnu::noinline]] void time_out_of_range(uint64_t ts) {
        if (time_warned_) return;
        time_warned_ = true;
        warn(fmt::format("packet {}: timestamp {} does not fit in nanoseconds since 1970 (after 2262 or before 1970: "
                         "a corrupt timestamp, if_tsresol or if_tsoffset); clamped to the nearest end of that range, "
                         "and so are later ones",
                         packets_ + 1, ts));
    }
    bool fail(std::string what) {
        problem_ = std::move(what);
        return false;
    }

    // A Section Header Block at pos_: sets the byte order, forgets the interfaces, moves past it.
    bool start_section(std::string& problem) {
        const uint64_t left = size_ - pos_;
        if (left < kShbMinLen) {
            problem = fmt::format("section header cut after {} of at least {} bytes", left, kShbMinLen);
            return false;
        }
        const uint8_t* shb = bytes_.view(pos_, kShbMinLen);
        if (!shb) {
            problem = fmt::format("read failed ({})", bytes_.error());
            return false;
        }
        const uint32_t bom = bytes::load<uint32_t, false>(shb + 8);
        if (bom == kByteOrderMagic) {
            big_ = false;
        } else if (bom == bytes::byteswap(kByteOrderMagic)) {
            big_ = true;
        } else {
            problem = fmt::format("section header has no byte-order magic (found {:08x})", bom);
            return false;
        }
        const uint16_t major = load16(shb + 12);
        const uint16_t minor = load16(shb + 14);
        if (major != 1) {
            problem = fmt::format("unsupported pcapng version {}.{} (only 1.x)", major, minor);
            return false;
        }
        const uint32_t len = load32(shb + 4);
        if (len < kShbMinLen || len > left) {
            problem = fmt::format("section header length {} does not fit ({} bytes left)", len, left);
            return false;
        }
        const uint8_t* trailer = bytes_.view(pos_ + len - 4, 4);
        if (!trailer) {
            problem = fmt::format("read failed ({})", bytes_.error());
            return false;
        }
        if (load32(trailer) != len) {
            problem = "section header has a trailing length that differs from its length";
            return false;
        }
        interfaces_.clear();
        pos_ += len;
        return true;
    }

    bool interface_description(const uint8_t* body, size_t body_len) {
        if (body_len < 8) return fail(fmt::format("interface description of {} bytes (< 8)", body_len));
        if (interfaces_.size() >= kMaxInterfaces) return fail("more than 65536 interfaces in one section");
        Interface ifc;
        ifc.link_type = load16(body);
        ifc.snaplen = load32(body + 4);
        // Options: code, length, value padded to 4. A malformed option list ends the list; the
        // interface itself stays usable (Wireshark is stricter, but nothing downstream needs it).
        const uint8_t* opt = body + 8;
        size_t opt_left = body_len - 8;
        while (opt_left >= 4) {
            const uint16_t code = load16(opt);
            const uint16_t olen = load16(opt + 2);
            const size_t padded = (static_cast<size_t>(olen) + 3) & ~size_t{3};
            if (code == kOptEnd || padded > opt_left - 4) break;
            const uint8_t* value = opt + 4;
            if (code == kOptTsresol && olen >= 1) ifc.set_resolution(value[0]);
            if (code == kOptTsoffset && olen >= 8) {
                ifc.offset_s = static_cast<int64_t>(bytes::load<uint64_t>(value, big_));
            }
            opt += 4 + padded;
            opt_left -= 4 + padded;
        }
        interfaces_.push_back(ifc);
        note_link_type(ifc.link_type);
        return true;
    }

    const Interface* interface(uint32_t id, const char* block) {
        if (id < interfaces_.size()) [[likely]] return &interfaces_[id];
        fail(fmt::format("{} for interface {}, but the section declares {}", block, id, interfaces_.size()));
        return nullptr;
    }

    bool check_caplen(uint32_t caplen, size_t room, const char* block) {
        if (caplen > kMaxCaplen) [[unlikely]] {
            return fail(fmt::format("{} of packet {} claims {} captured bytes (more than {}, corrupt)", block,
                                    packets_ + 1, caplen, kMaxCaplen));
        }
        if (caplen > room) [[unlikely]] {
            return fail(fmt::format("{} of packet {} claims {} captured bytes, block holds {}", block, packets_ + 1,
                                    caplen, room));
        }
        return true;
    }

    bool enhanced_packet(const uint8_t* body, size_t body_len, RawPacket& out) {
        if (body_len < 20) [[unlikely]] return fail(fmt::format("enhanced packet block of {} bytes", body_len));
        const Interface* ifc = interface(load32(body), "enhanced packet block");
        if (!ifc) [[unlikely]] return false;
        const uint64_t ts = (static_cast<uint64_t>(load32(body + 4)) << 32) | load32(body + 8);
        const uint32_t caplen = load32(body + 12);
        if (!check_caplen(caplen, body_len - 20, "enhanced packet block")) [[unlikely]] return false;
        out.data = body + 20;
        out.caplen = caplen;
        out.wire_len = load32(body + 16);
        if (!ifc->to_ns(ts, out.ts_ns)) [[unlikely]] time_out_of_range(ts);
        out.link_type = ifc->link_type;
        return true;
    }

    // No interface id and no timestamp: interface 0, and the time of the packet before it.
    bool simple_packet(const uint8_t* body, size_t body_len, RawPacket& out) {
        if (body_len < 4) return fail(fmt::format("simple packet block of {} bytes", body_len));
        const Interface* ifc = interface(0, "simple packet block");
        if (!ifc) return false;
        const uint32_t wire_len = load32(body);
        uint32_t caplen = wire_len;
        if (ifc->snaplen != 0 && caplen > ifc->snaplen) caplen = ifc->snaplen;
        if (caplen > body_len - 4) caplen = static_cast<uint32_t>(body_len - 4);
        if (!check_caplen(caplen, body_len - 4, "simple packet block")) return false;
        out.data = body + 4;
        out.caplen = caplen;
        out.wire_len = wire_len;
        out.ts_ns = last_ts_ns_;
        out.link_type = ifc->link_type;
        return true;
    }

    // The pre-1.0 Packet Block: a 16-bit interface id and drop count, else like an EPB.
    bool obsolete_packet(const uint8_t* body, size_t body_len, RawPacket& out) {
        if (body_len < 20) return fail(fmt::format("packet block of {} bytes", body_len));
        const Interface* ifc = interface(load16(body), "packet block");
        if (!ifc) return false;
        const uint64_t ts = (static_cast<uint64_t>(load32(body + 4)) << 32) | load32(body + 8);
        const uint32_t caplen = load32(body + 12);
        if (!check_caplen(caplen, body_len - 20, "packet block")) return false;
        out.data = body + 20;
        out.caplen = caplen;
        out.wire_len = load32(body + 16);
        if (!ifc->to_ns(ts, out.ts_ns)) [[unlikely]] time_out_of_range(ts);
        out.link_type = ifc->link_type;
        return true;
    }

    CaptureBytes bytes_;
    uint64_t pos_ = 0;  // file offset of the next block
    bool big_ = false;
    int64_t last_ts_ns_ = 0;
    std::vector<Interface> interfaces_;
    std::string problem_;  // why the block in hand is corrupt (set by fail())
    bool time_warned_ = false;
};

}  // namespace

std::unique_ptr<CaptureFile> open_pcapng(CaptureBytes bytes, std::string path, uint16_t input_index,
                                         Diagnostics& diag) {
    auto reader = std::make_unique<PcapngReader>(std::move(bytes), path, input_index, diag);
    std::string problem;
    if (!reader->start(problem)) {
        diag.error(path, fmt::format("not a usable pcapng file: {}", problem));
        return nullptr;
    }
    return reader;
}

}  // namespace sovscan
