// Reassembly of a byte stream from pieces placed by offset: TCP segments and QUIC CRYPTO frames.
// Only the handshake's first bytes matter here, so the buffer is bounded and anything beyond it is
// dropped (and reported by the caller), never grown.
#include <algorithm>
#include <cstring>

#include "observe/dissector.h"

namespace sovscan::observe {

bool StreamAssembler::add(uint64_t offset, Bytes data) {
    if (data.empty()) return true;
    if (offset >= max_) return false;
    uint64_t end = offset + data.size();
    bool complete = true;
    if (end > max_) {
        end = max_;
        complete = false;
    }
    const auto b = uint32_t(offset), e = uint32_t(end);
    if (buf_.size() < e) buf_.resize(e);
    std::memcpy(buf_.data() + b, data.data(), e - b);

    // Insert [b, e) and merge with every interval it overlaps or touches.
    std::vector<std::pair<uint32_t, uint32_t>> merged;
    merged.reserve(have_.size() + 1);
    uint32_t nb = b, ne = e;
    bool placed = false;
    for (const auto& iv : have_) {
        if (iv.second < nb) {
            merged.push_back(iv);
        } else if (iv.first > ne) {
            if (!placed) {
                merged.emplace_back(nb, ne);
                placed = true;
            }
            merged.push_back(iv);
        } else {
            nb = std::min(nb, iv.first);
            ne = std::max(ne, iv.second);
        }
    }
    if (!placed) merged.emplace_back(nb, ne);
    have_.swap(merged);
    return complete;
}

Bytes StreamAssembler::contiguous_from(uint64_t offset) const {
    for (const auto& [b, e] : have_) {
        if (b > offset) break;  // sorted: the byte at `offset` is in a gap
        if (offset < e) return Bytes(buf_.data() + offset, e - offset);
    }
    return {};
}

bool StreamAssembler::shift_up(uint32_t n) {
    if (n >= max_) return false;
    const bool fits = buf_.size() + n <= max_;
    const size_t new_size = std::min<size_t>(buf_.size() + n, max_);
    buf_.insert(buf_.begin(), n, 0);
    buf_.resize(new_size);
    std::vector<std::pair<uint32_t, uint32_t>> shifted;
    for (const auto& [b, e] : have_) {
        const uint32_t nb = b + n, ne = std::min<uint32_t>(e + n, max_);
        if (nb < ne) shifted.emplace_back(nb, ne);
    }
    have_.swap(shifted);
    return fits;
}

void StreamAssembler::drop_front(size_t n) {
    n = std::min(n, contiguous().size());
    if (n == 0) return;
    buf_.erase(buf_.begin(), buf_.begin() + ptrdiff_t(n));
    std::vector<std::pair<uint32_t, uint32_t>> shifted;
    for (const auto& [b, e] : have_) {
        const uint32_t nb = b >= n ? b - uint32_t(n) : 0, ne = e - uint32_t(n);  // e >= n: the first covers [0, n)
        if (nb < ne) shifted.emplace_back(nb, ne);
    }
    have_.swap(shifted);
}

bool TcpStream::add(uint32_t seq, Bytes payload) {
    auto delta = int32_t(seq - base_);
    if (delta < 0) {
        const auto before = uint32_t(-int64_t(delta));
        if (!consumed_ && before < (1u << 16)) {
            // An earlier segment than the first one kept (out of order): make room in front.
            if (!asm_.shift_up(before)) return false;
            base_ = seq;
            return asm_.add(0, payload);
        }
        // Bytes already consumed (retransmission): keep only what lies after the start.
        if (payload.size() <= before) return true;
        payload = payload.subspan(before);
        delta = 0;
    }
    return asm_.add(uint64_t(delta), payload);
}

}  // namespace sovscan::observe
