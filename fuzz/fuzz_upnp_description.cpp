// Fuzzes the tolerant UPnP device description reader (observe/ssdp.h) on any text, and the SSDP
// message parser on the same bytes as a datagram.
#include <string_view>

#include "observe/ssdp.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    sovscan::observe::UpnpDescription d;
    (void)sovscan::observe::extract_upnp_description(text, d);
    sovscan::observe::SsdpMessage m;
    (void)sovscan::observe::parse_ssdp_message(text, m);
    return 0;
}
