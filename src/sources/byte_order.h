#pragma once
// Unaligned little- and big-endian loads from capture bytes. Callers check bounds first; these only
// load (memcpy compiles to one mov, plus a bswap when the file's order is not the host's).
#include <bit>
#include <cstdint>
#include <cstring>

namespace sovscan::bytes {

template <typename T>
inline T load_native(const uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

template <typename T>
inline T byteswap(T v) {
    if constexpr (sizeof(T) == 2) return static_cast<T>(__builtin_bswap16(v));
    else if constexpr (sizeof(T) == 4) return static_cast<T>(__builtin_bswap32(v));
    else return static_cast<T>(__builtin_bswap64(v));
}

// Loads a T stored big-endian (kBig) or little-endian in the file.
template <typename T, bool kBig>
inline T load(const uint8_t* p) {
    T v = load_native<T>(p);
    if constexpr ((std::endian::native == std::endian::big) != kBig) v = byteswap(v);
    return v;
}

// The same with the byte order known only at run time (pcapng: each section chooses its own).
template <typename T>
inline T load(const uint8_t* p, bool big) {
    return big ? load<T, true>(p) : load<T, false>(p);
}

}  // namespace sovscan::bytes
