// Fuzzes HTTP: the request-line reader and the proxy-target parsers directly on the input, then the
// observe stage on a TCP flow to port 80 (see fuzz_observe_driver.h) and, with the same packets, to
// a local proxy on 3128 (CONNECT and absolute-form requests take another path there).
#include <cstdlib>
#include <string_view>

#include "fuzz_observe_driver.h"
#include "observe/http_request_line.h"

namespace {

namespace observe = sovscan::observe;

// Every view a parser returns must lie inside its input.
void check_inside(std::string_view in, std::string_view v) {
    if (v.empty()) return;
    if (v.data() < in.data() || v.data() + v.size() > in.data() + in.size()) std::abort();
}

void check_target(std::string_view target, const std::optional<observe::ProxyTarget>& t) {
    if (!t) return;
    check_inside(target, t->host);
    if (t->host.empty() || t->port == 0) std::abort();
}

void parse(std::string_view text) {
    observe::RequestLine line;
    if (observe::read_request_line(text, line) == observe::RequestLineShape::request) {
        if (line.length == 0 || line.length > text.size() || line.method.empty() || line.target.empty()) std::abort();
        check_inside(text.substr(0, line.length), line.method);
        check_inside(text.substr(0, line.length), line.target);
        check_target(line.target, observe::connect_target(line.target));
        check_target(line.target, observe::absolute_uri_target(line.target));
    }
    check_target(text, observe::connect_target(text));
    check_target(text, observe::absolute_uri_target(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    parse(std::string_view(reinterpret_cast<const char*>(data), size));
    sovscan::fuzz::run_observe(data, size, sovscan::kProtoTcp, 80);
    sovscan::fuzz::run_observe(data, size, sovscan::kProtoTcp, 3128, sovscan::fuzz::KeepPayload{}, "10.0.0.3");
    return 0;
}
