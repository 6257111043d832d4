#include "common/stable_id.h"

#include <cstdint>
#include <cstdio>

namespace sovscan {

std::string stable_hex_id(std::string_view key) {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ULL;
    char buf[17];
    snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace sovscan
