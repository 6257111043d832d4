#include "decode/weird.h"

#include "decode/non_ip.h"

namespace sovscan {

const char* weird_name(Weird w) {
    switch (w) {
#define SOVSCAN_WEIRD_CASE(name) \
    case Weird::name: return #name;
        SOVSCAN_WEIRDS(SOVSCAN_WEIRD_CASE)
#undef SOVSCAN_WEIRD_CASE
    case Weird::count_: break;
    }
    return "unknown_weird";
}

const char* non_ip_name(NonIp k) {
    switch (k) {
#define SOVSCAN_NON_IP_CASE(name) \
    case NonIp::name: return #name;
        SOVSCAN_NON_IP(SOVSCAN_NON_IP_CASE)
#undef SOVSCAN_NON_IP_CASE
    case NonIp::count_: break;
    }
    return "unknown_non_ip";
}

}  // namespace sovscan
