#pragma once
// Whether a name another party wrote (a certificate's common name, a log's server name) is one that
// can be looked up: the name sources of observe and of the log readers judge it the same way.
#include <string>
#include <string_view>

namespace sovscan {

// Two or more labels of letters, digits and '-' (1-63 each, 253 in all), the last not all digits
// (so no IPv4 literal), optionally "*." first and a final '.'. A common name is often not a host
// name at all ("AnyDesk Client", "OE", an address): only names that can be looked up are taken.
bool looks_like_host_name(std::string_view name);

// Host header value without its port: "example.com:8080" -> "example.com", "[2001:db8::1]:80" ->
// "2001:db8::1". An address literal is kept (it still says what the client meant).
std::string_view host_without_port(std::string_view host);

// This machine's host name (gethostname), "" when it cannot be read: a sensor's default name.
std::string local_host_name();

}  // namespace sovscan
