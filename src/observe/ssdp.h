#pragma once
// SSDP (UPnP discovery, HTTP over UDP) messages and the UPnP device description a control point
// then fetches over HTTP. Internal to observe/; exposed for the HTTP dissector, tests and fuzzers.
#include <cstdint>
#include <string>
#include <string_view>

#include "observe/device_observations.h"
#include "observe/dissector.h"

namespace sovscan::observe {

struct SsdpMessage {
    enum class Kind : uint8_t { notify, search, response };
    Kind kind = Kind::notify;
    // Header values as sent (views into the datagram); empty when absent.
    std::string_view server, location, usn, nt, nts, st, user_agent;
};

// ok, or malformed when the start line is none of NOTIFY, M-SEARCH or an HTTP/1.x 200 response.
ParseStatus parse_ssdp_message(std::string_view datagram, SsdpMessage& out);

// The device description's own fields (the root device, not its embedded devices); empty when
// absent. Entities (&amp; &#38; ...) are decoded, CDATA and markup inside a value are not expected.
struct UpnpDescription {
    std::string friendly_name, manufacturer, model_name, model_number, serial_number, udn;
};

// A tolerant reading of a UPnP device description (UPnP Device Architecture 2.3): true when `xml`
// declares the device namespace (urn:schemas-upnp-org:device-1-0) and has a <device> element. No
// XML library: the text is scanned for the few elements wanted at device depth 1, so a truncated
// body still yields the fields before the cut. Never follows DTDs or entities beyond the five
// predefined ones and numeric references.
bool extract_upnp_description(std::string_view xml, UpnpDescription& out);

// Records a description's fields as attributes of `device` (detail "UPnP description ...").
void record_upnp_description(DeviceObservations& devices, const DeviceRef& device, const UpnpDescription& d,
                             int64_t ts_ns);

}  // namespace sovscan::observe
