#include "sources/pcap_file.h"

#include <fmt/format.h>

#include <algorithm>

#include "sources/byte_order.h"

namespace sovscan {

namespace {

constexpr uint32_t kMagicMicro = 0xa1b2c3d4;
constexpr uint32_t kMagicNano = 0xa1b23c4d;
constexpr uint32_t kMagicKuznetzov = 0xa1b2cd34;  // patched libpcap: 8 more bytes per record header
constexpr size_t kFileHeaderLen = 24;

struct Magic {
    bool big = false;        // file byte order
    bool nano = false;       // fraction field counts nanoseconds
    uint32_t record_len = 16;
};

bool classify(uint32_t le, Magic& m) {
    for (uint32_t magic : {kMagicMicro, kMagicNano, kMagicKuznetzov}) {
        for (bool big : {false, true}) {
            if ((big ? bytes::byteswap(le) : le) != magic) continue;
            m.big = big;
            m.nano = magic == kMagicNano;
            m.record_len = magic == kMagicKuznetzov ? 24 : 16;
            return true;
        }
    }
    return false;
}

// One reader per byte order, so the per-packet loads carry no byte-order branch.
template <bool kBig>
class PcapReader final : public BatchingCaptureFile<PcapReader<kBig>> {
    // The base depends on kBig: its members are named here to be found inside the template.
    using Base = BatchingCaptureFile<PcapReader<kBig>>;
    using Base::done_, Base::input_index_, Base::packets_, Base::size_;
    using Base::note_link_type, Base::stop_clean, Base::stop_truncated, Base::stream_ended, Base::skip_to_end;

public:
    PcapReader(CaptureBytes bytes, std::string path, uint16_t input_index, Diagnostics& diag, const Magic& m,
               uint16_t link_type)
        : Base(std::move(path), bytes.size(), input_index, diag),
          bytes_(std::move(bytes)),
          pos_(kFileHeaderLen),
          record_len_(m.record_len),
          frac_to_ns_(m.nano ? 1 : 1000),
          link_type_(link_type) {
        note_link_type(link_type);
    }

    // One record (BatchingCaptureFile's next() and next_batch()). Inlined into the batch loop; what
    // happens at the end of the records is out of line.
    [[gnu::always_inline]] bool read_one(RawPacket& out) {
        const uint64_t left = size_ - pos_;
        if (left < record_len_) [[unlikely]] return end_of_records(left);
        const uint8_t* rec = bytes_.view(pos_, record_len_);
        if (!rec) [[unlikely]] return read_failed(out);
        const uint32_t sec = bytes::load<uint32_t, kBig>(rec);
        const uint32_t frac = bytes::load<uint32_t, kBig>(rec + 4);
        const uint32_t caplen = bytes::load<uint32_t, kBig>(rec + 8);
        const uint32_t wire_len = bytes::load<uint32_t, kBig>(rec + 12);
        if (caplen > kMaxCaplen || caplen > left - record_len_) [[unlikely]] return bad_record(caplen, left);
        rec = bytes_.view(pos_, record_len_ + caplen);  // the same bytes unless the chunk ended
        if (!rec) [[unlikely]] return read_failed(out);
        out.data = rec + record_len_;
        out.caplen = caplen;
        out.wire_len = wire_len;
        // Seconds are unsigned 32-bit in the format: no overflow in 64 bits either way.
        out.ts_ns = static_cast<int64_t>(sec) * 1'000'000'000 + static_cast<int64_t>(frac) * frac_to_ns_;
        out.link_type = link_type_;
        out.input_index = input_index_;
        bytes_.handed_out();
        pos_ += record_len_ + caplen;
        ++packets_;
        return true;
    }

    uint64_t offset() const override { return pos_; }

    std::string_view format() const override { return "pcap"; }

private:
    [[gnu::noinline]] bool end_of_records(uint64_t left) {
        if (done_) return false;
        if (left == 0) return stop_clean();
        return stop_truncated(fmt::format("record header cut after {} of {} bytes", left, record_len_), offset());
    }
    [[gnu::noinline]] bool bad_record(uint32_t caplen, uint64_t left) {
        const uint64_t at = offset();
        skip_to_end(pos_);  // nothing after a bad record can be trusted
        if (caplen > kMaxCaplen) {
            return stop_truncated(fmt::format("packet {} claims {} captured bytes (more than {}, corrupt)",
                                              packets_ + 1, caplen, kMaxCaplen),
                                  at);
        }
        return stop_truncated(fmt::format("packet {} cut after {} of {} bytes", packets_ + 1, left - record_len_,
                                          caplen),
                              at);
    }
    [[gnu::noinline]] bool read_failed(RawPacket& out) {
        // A stream ended: with its size known, the record is read again and judged as in a file
        // (once: the size is known from now on).
        if (stream_ended(bytes_)) return read_one(out);
        const uint64_t at = offset();
        skip_to_end(pos_);
        return stop_truncated(fmt::format("read failed ({})", bytes_.error()), at);
    }

    CaptureBytes bytes_;
    uint64_t pos_;  // file offset of the next record
    uint32_t record_len_;
    int64_t frac_to_ns_;
    uint16_t link_type_;
};

}  // namespace

bool is_pcap_magic(uint32_t first_word_le) {
    Magic m;
    return classify(first_word_le, m);
}

std::unique_ptr<CaptureFile> open_pcap(CaptureBytes bytes, std::string path, uint16_t input_index,
                                       Diagnostics& diag) {
    // The header, or what there is of it when the file or stream is shorter (its size is then known).
    const uint8_t* b = bytes.view(0, kFileHeaderLen);
    const uint64_t size = bytes.size();
    if (!b && size < kFileHeaderLen) b = bytes.view(0, static_cast<size_t>(size));
    Magic m;
    if (!b || size < 4 || !classify(bytes::load<uint32_t, false>(b), m)) {
        diag.error(path, "not a pcap file");
        return nullptr;
    }
    if (size < kFileHeaderLen) {
        diag.error(path, fmt::format("truncated pcap file header ({} of {} bytes)", size, kFileHeaderLen));
        return nullptr;
    }
    const uint16_t major = bytes::load<uint16_t>(b + 4, m.big);
    const uint16_t minor = bytes::load<uint16_t>(b + 6, m.big);
    if (major != 2) {
        diag.error(path, fmt::format("unsupported pcap version {}.{} (only 2.x)", major, minor));
        return nullptr;
    }
    // The link-type field also carries FCS flags in its upper bits; the type is the low 16.
    const uint16_t link_type = static_cast<uint16_t>(bytes::load<uint32_t>(b + 20, m.big) & 0xffff);
    if (m.big) {
        return std::make_unique<PcapReader<true>>(std::move(bytes), std::move(path), input_index, diag, m, link_type);
    }
    return std::make_unique<PcapReader<false>>(std::move(bytes), std::move(path), input_index, diag, m, link_type);
}

}  // namespace sovscan
