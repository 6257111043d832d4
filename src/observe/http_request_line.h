#pragma once
// The start line of an HTTP/1.x request (RFC 9112 section 3) and what its request-target says.
// A flow is HTTP when its client's first message starts with one. It is recognised by its shape,
// not by a list of methods, so that WebDAV (PROPFIND, MKCOL, ...), UPnP eventing (SUBSCRIBE,
// NOTIFY) and custom methods name flows as GET does; strictly enough that other protocols are not
// taken for it: the line must end in "HTTP/1." DIGIT, so RTSP ("DESCRIBE rtsp://h/ RTSP/1.0"), SIP
// ("INVITE sip:a@b SIP/2.0"), HTTP/2's preface ("PRI * HTTP/2.0"), SSH banners and SMTP commands
// are not, and binary payloads fail at their first byte that is no token character.
#include <cstdint>
#include <optional>
#include <string_view>

namespace sovscan::observe {

struct RequestLine {
    std::string_view method, target;
    size_t length = 0;  // bytes of the line, its line end included
};

enum class RequestLineShape : uint8_t {
    request,     // a whole request line: `out` is filled
    incomplete,  // the text ends before the line does, and what is there could begin one
    not_request, // it cannot be the start of one
};

// Reads the request line at the start of `text`: method (1 to 32 token characters), whitespace,
// request-target, whitespace, "HTTP/1." DIGIT, optional whitespace, then CRLF or a bare LF; no NUL
// or bare CR on the line (and, while the line is incomplete, no control byte so far). Runs of SP, HTAB, VT or FF separate the fields (RFC 9112 3 lets a
// recipient parse on whitespace-delimited words; evasion tests pad with spaces). The target is
// everything between the method and the version, spaces included (attack requests send them raw).
RequestLineShape read_request_line(std::string_view text, RequestLine& out);

// What a request asks a forward proxy for: the server behind it.
struct ProxyTarget {
    std::string_view host;  // a name or an address literal, without the brackets of an IPv6 one
    uint16_t port = 0;
};

// The authority-form target of CONNECT (RFC 9112 3.2.3): "host:port" or "[v6]:port", port 1-65535
// required.
std::optional<ProxyTarget> connect_target(std::string_view target);

// The absolute-form target a client sends to a forward proxy (RFC 9112 3.2.2):
// "scheme://[userinfo@]host[:port][/path]" for http and ws (default port 80), https and wss (443)
// and ftp (21, which proxies fetch for their clients). User information is skipped, never kept.
std::optional<ProxyTarget> absolute_uri_target(std::string_view target);

}  // namespace sovscan::observe
