#pragma once
// Resetting a plain struct of 100+ bytes on every packet: GCC lowers `obj = T{}` (and memset) of
// such a size to `rep stos`, whose start-up cost was half of Decoder::decode's own time on the
// whole-run benchmark. A copy from a constant default object is lowered to a few vector stores.
#include <cstring>
#include <type_traits>

namespace sovscan {

template <class T>
inline void reset_to_default(T& obj) {
    static_assert(std::is_trivially_copyable_v<T>, "only plain structs can be reset by copy");
    static constexpr T kDefault{};
    std::memcpy(static_cast<void*>(&obj), &kDefault, sizeof(T));
}

}  // namespace sovscan
