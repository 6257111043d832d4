// HTTP/1.x: the request's Host and User-Agent (client to server) and the response's Server (server
// to client), from the header block at the start of each direction. A header block split over
// segments is reassembled (bounded); anything that is not HTTP is left alone at the first byte.
// User-Agent and Server are also device attributes of the client's and the server's address.
// The XML body answering a GET is read when it is a UPnP device description (ssdp.h): the
// description a control point fetches from an SSDP LOCATION names the device's maker and model.
#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <optional>
#include <unordered_map>

#include "observe/device_observations.h"
#include "observe/dissector.h"
#include "observe/http_text.h"
#include "observe/ssdp.h"

namespace sovscan::observe {

namespace {

constexpr size_t kMaxFieldValue = 512;  // User-Agent / Server kept per flow
constexpr uint64_t kUnknownLength = UINT64_MAX;

bool is_request_start(std::string_view s) {
    // Most first payloads are not HTTP (TLS records start 0x16): one byte rules them out.
    if (s.empty() || s[0] < 'C' || s[0] > 'T') return false;
    static constexpr std::array<std::string_view, 9> kMethods{"GET ",     "POST ",  "HEAD ",  "PUT ",    "DELETE ",
                                                              "OPTIONS ", "CONNECT ", "PATCH ", "TRACE "};
    return std::any_of(kMethods.begin(), kMethods.end(), [&](std::string_view m) { return starts_with(s, m); });
}
bool is_response_start(std::string_view s) { return starts_with(s, "HTTP/1."); }

// Host header value without its port: "example.com:8080" -> "example.com", "[2001:db8::1]:80" ->
// "2001:db8::1". An address literal is kept (it still says what the client meant).
std::string_view host_without_port(std::string_view host) {
    if (!host.empty() && host.front() == '[') {
        const size_t close = host.find(']');
        return close == std::string_view::npos ? host.substr(1) : host.substr(1, close - 1);
    }
    const size_t colon = host.find(':');
    if (colon != std::string_view::npos && host.find(':', colon + 1) == std::string_view::npos)
        return host.substr(0, colon);
    return host;
}

// Takes the first value only; true when this call took it.
bool keep_first(std::string& field, std::string_view value) {
    if (!field.empty() || value.empty()) return false;
    field.assign(value.substr(0, kMaxFieldValue));
    return true;
}

class Http final : public Dissector {
public:
    explicit Http(Shared& shared) : shared_(shared) {}

    Verdict inspect(Flow& flow, Direction dir, const DecodedPacket& pkt) override {
        auto it = flows_.find(flow.id);
        const std::string_view text = as_text(pkt.payload);
        if (it == flows_.end()) {
            // Only a request as the client's first payload makes this an HTTP flow.
            if (dir != kToServer || flow.inspected[kToServer] != 1 || !is_request_start(text)) return Verdict::done;
            shared_.count(Counter::http_requests);
            it = flows_.try_emplace(flow.id).first;
            it->second.get = starts_with(text, "GET ");
        }
        State& st = it->second;
        Side& side = st.side[dir];
        if (side.complete) return verdict(it);
        bool fits = true;
        Bytes block;  // this direction's bytes from its first payload on
        if (!side.started) {
            if (dir == kToClient) {
                if (flow.inspected[kToClient] != 1 || !is_response_start(text)) {
                    flows_.erase(it);  // the server's first payload is not an HTTP response
                    return Verdict::done;
                }
                shared_.count(Counter::http_responses);
            }
            side.started = true;
            block = pkt.payload;  // fast path: parsed in place, copied only if more is needed
        } else if (side.stream) {
            fits = side.stream->add(pkt.tcp_seq, pkt.payload);
            if (!fits) shared_.count(Counter::reassembly_overflow);
            block = side.stream->contiguous();
        } else {
            return verdict(it);
        }
        const bool at_bound = !fits || block.size() >= shared_.limits.max_reassembly_bytes;
        if (!side.headers_done) {
            if (const size_t end = parse(flow, dir, st, as_text(block), pkt.ts_ns)) {
                side.headers_done = true;
                side.body_start = end;
            } else if (at_bound) {
                side.complete = true;  // what fit was read
            }
        }
        if (side.headers_done && !side.complete) {
            if (dir == kToClient && st.description) {
                const Bytes body = block.subspan(std::min(side.body_start, block.size()));
                if (body_complete(st, body) || at_bound || last_packet(flow)) {
                    read_description(flow, body, pkt.ts_ns);
                    side.complete = true;
                }
            } else {
                side.complete = true;
            }
        }
        if (side.complete) {
            side.stream.reset();
        } else if (!side.stream) {
            side.stream.emplace(pkt.tcp_seq, shared_.limits.max_reassembly_bytes);
            side.stream->add(pkt.tcp_seq, pkt.payload);
        }
        return verdict(it);
    }

    void forget(uint64_t flow_id) override {
        if (!flows_.empty()) flows_.erase(flow_id);
    }

private:
    struct Side {
        bool started = false, headers_done = false, complete = false;
        size_t body_start = 0;            // offset of the body in this direction's bytes
        std::optional<TcpStream> stream;  // only while a header block or a description is split over segments
    };
    struct State {
        std::array<Side, 2> side;
        bool get = false;          // the request is a GET: only its answer can be a device description
        bool description = false;  // the response may be a UPnP device description: read its body
        uint64_t content_length = kUnknownLength;
    };
    using Flows = std::unordered_map<uint64_t, State>;

    // Done once the request headers and the response (headers, and a description's body) were read.
    Verdict verdict(Flows::iterator it) {
        if (it->second.side[kToServer].complete && it->second.side[kToClient].complete) {
            flows_.erase(it);
            return Verdict::done;
        }
        return Verdict::more;
    }

    bool last_packet(const Flow& flow) const {
        const uint8_t max = inspection_budget(flow, shared_.limits);
        return flow.inspected[kToServer] >= max || flow.inspected[kToClient] >= max;
    }

    // Reads the fields wanted from the header block so far (again from the start each time: a
    // field already taken is kept). Returns the offset of the body once the block is complete, else 0.
    size_t parse(Flow& flow, Direction dir, State& st, std::string_view block, int64_t ts) {
        if (dir == kToServer) {
            return for_each_header(block, [&](std::string_view name, std::string_view value) {
                if (iequals(name, "host")) {
                    const std::string_view host = trim(host_without_port(value));
                    if (!host.empty()) offer_server_name(flow, NameSource::http_host, host);
                } else if (iequals(name, "user-agent")) {
                    if (keep_first(flow.http_user_agent, value))
                        banner(flow.client_ip, "user_agent", flow.http_user_agent, "HTTP User-Agent", ts);
                }
            });
        }
        bool xml = false, encoded = false;
        uint64_t length = kUnknownLength;
        const size_t end = for_each_header(block, [&](std::string_view name, std::string_view value) {
            if (iequals(name, "server")) {
                if (keep_first(flow.http_server, value))
                    banner(flow.server_ip, "server_banner", flow.http_server, "HTTP Server", ts);
            } else if (iequals(name, "content-type")) {
                xml = icontains(value, "xml");
            } else if (iequals(name, "content-encoding")) {
                encoded = !iequals(value, "identity");  // a compressed body is not scanned
            } else if (iequals(name, "content-length")) {
                uint64_t n;
                if (std::from_chars(value.data(), value.data() + value.size(), n).ec == std::errc{}) length = n;
            }
        });
        if (end) {
            st.description = st.get && xml && !encoded && is_ok_status_line(block);
            st.content_length = length;
        }
        return end;
    }

    // An HTTP banner describes the address that sent it. Keyed by address only: the flow's MAC may
    // be a router's.
    void banner(const IpAddress& ip, const char* name, const std::string& value, const char* detail, int64_t ts) {
        if (shared_.devices)
            shared_.devices->record(DeviceRef::address(ip), name, value, detail, Confidence::medium, ts);
    }

    static bool body_complete(const State& st, Bytes body) {
        if (st.content_length != kUnknownLength) return body.size() >= st.content_length;
        return as_text(body).find("</root>") != std::string_view::npos;
    }

    void read_description(const Flow& flow, Bytes body, int64_t ts) {
        UpnpDescription d;
        if (!extract_upnp_description(as_text(body), d)) return;
        shared_.count(Counter::upnp_descriptions);
        if (shared_.devices) record_upnp_description(*shared_.devices, DeviceRef::address(flow.server_ip), d, ts);
    }

    Shared& shared_;
    Flows flows_;  // HTTP flows still waiting for a header block or a description
};

bool selects(const Flow& flow) { return flow.proto == kProtoTcp; }
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<Http>(shared); }

}  // namespace

const DissectorSpec kHttpDissector{"http", selects, false, make};

}  // namespace sovscan::observe
