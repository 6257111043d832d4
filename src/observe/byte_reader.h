#pragma once
// A bounds-checked cursor over untrusted bytes. Every read says whether the bytes were there, so a
// parser states each check once and a truncated input is an ordinary `false`, never a read past
// the end.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace sovscan::observe {

using Bytes = std::span<const uint8_t>;

inline std::string_view as_text(Bytes b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }
inline Bytes as_bytes(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }

class ByteReader {
public:
    explicit ByteReader(Bytes data, size_t pos = 0) : d_(data), pos_(pos <= data.size() ? pos : data.size()) {}

    size_t pos() const { return pos_; }
    size_t remaining() const { return d_.size() - pos_; }
    bool empty() const { return pos_ == d_.size(); }
    Bytes rest() const { return d_.subspan(pos_); }

    bool u8(uint8_t& v) {
        if (remaining() < 1) return false;
        v = d_[pos_++];
        return true;
    }
    bool u16(uint16_t& v) {
        if (remaining() < 2) return false;
        v = uint16_t((d_[pos_] << 8) | d_[pos_ + 1]);
        pos_ += 2;
        return true;
    }
    bool u24(uint32_t& v) {
        if (remaining() < 3) return false;
        v = (uint32_t(d_[pos_]) << 16) | (uint32_t(d_[pos_ + 1]) << 8) | d_[pos_ + 2];
        pos_ += 3;
        return true;
    }
    bool u32(uint32_t& v) {
        if (remaining() < 4) return false;
        v = (uint32_t(d_[pos_]) << 24) | (uint32_t(d_[pos_ + 1]) << 16) | (uint32_t(d_[pos_ + 2]) << 8) | d_[pos_ + 3];
        pos_ += 4;
        return true;
    }
    bool skip(size_t n) {
        if (remaining() < n) return false;
        pos_ += n;
        return true;
    }
    bool take(size_t n, Bytes& out) {
        if (remaining() < n) return false;
        out = d_.subspan(pos_, n);
        pos_ += n;
        return true;
    }
    // A vector whose length is given by a 1-, 2- or 3-byte prefix (TLS style).
    bool vec8(Bytes& out) {
        uint8_t n;
        return u8(n) && take(n, out);
    }
    bool vec16(Bytes& out) {
        uint16_t n;
        return u16(n) && take(n, out);
    }
    bool vec24(Bytes& out) {
        uint32_t n;
        return u24(n) && take(n, out);
    }
    // QUIC variable-length integer (RFC 9000 section 16): the top two bits give the length.
    bool varint(uint64_t& v) {
        if (remaining() < 1) return false;
        size_t len = size_t(1) << (d_[pos_] >> 6);
        if (remaining() < len) return false;
        v = d_[pos_] & 0x3f;
        for (size_t i = 1; i < len; ++i) v = (v << 8) | d_[pos_ + i];
        pos_ += len;
        return true;
    }

private:
    Bytes d_;
    size_t pos_;
};

}  // namespace sovscan::observe
