// HTTP/1.x: the request's Host and User-Agent (client to server) and the response's Server (server
// to client), from the header block at the start of each direction. A request is recognised by the
// shape of its request line (http_request_line.h), never by a list of methods. It is looked for in
// the client's first payload, or in a later one when the server spoke first (a server that
// greets, a capture begun after the request, a response that overtook its request) or when the
// client's first payload was a later part of the request that overtook its start; a few zero bytes
// of padding before it are passed over (dissector.h). A header block split over segments is
// reassembled (bounded); anything that is not HTTP is left alone at its first byte.
// A request to an explicit forward proxy, `CONNECT host:port` or an absolute URI, names the server
// behind the proxy (Flow::proxy_target_port; NameSource::proxy_connect, http_absolute_uri); after
// a CONNECT the flow is inspected until the tunnel's first client bytes, so that the TLS dissector
// reads the ClientHello sent through it.
// User-Agent and Server are also device attributes of the client's and the server's address.
// The XML body answering a GET is read when it is a UPnP device description (ssdp.h): the
// description a control point fetches from an SSDP LOCATION names the device's maker and model.
#include <algorithm>
#include <array>
#include <charconv>
#include <memory>
#include <optional>
#include <unordered_map>

#include "common/flat_hash_map.h"
#include "common/host_name.h"
#include "observe/device_observations.h"
#include "observe/dissector.h"
#include "observe/http_request_line.h"
#include "observe/http_text.h"
#include "observe/ssdp.h"
#include "observe/tls_records.h"

namespace sovscan::observe {

namespace {

constexpr size_t kMaxFieldValue = 512;  // User-Agent / Server kept per flow
constexpr uint64_t kUnknownLength = UINT64_MAX;
// How far ahead of its request's start a client's first payload may lie to count as a later part
// of that request that overtook it (a TCP window's worth).
constexpr uint32_t kMaxOvertaking = 1u << 20;

bool is_response_start(std::string_view s) { return starts_with(s, "HTTP/1."); }

// A TLS record header (ChangeCipherSpec, alert, handshake or application data, version 3.x): the
// client speaks TLS, so no HTTP request will follow in clear.
bool starts_tls_record(Bytes b) { return b.size() >= 2 && b[0] >= 0x14 && b[0] <= 0x17 && b[1] == 3; }

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
        if (it == flows_.end()) return look_for_request(flow, dir, pkt);
        State& st = it->second;
        if (dir == kToServer && st.connect && st.side[kToServer].complete) return after_connect(it, pkt.payload);
        Side& side = st.side[dir];
        if (side.complete) return verdict(it);
        if (!side.started && dir == kToClient) {
            // The server's first payload after the request: its response, or this is not HTTP.
            if (!is_response_start(as_text(pkt.payload))) {
                flows_.erase(it);
                return Verdict::done;
            }
            shared_.count(Counter::http_responses);
        }
        return read(flow, dir, it, pkt.payload, pkt.tcp_seq, pkt.ts_ns);
    }

    void forget(uint64_t flow_id) override {
        if (!flows_.empty()) flows_.erase(flow_id);
        if (!first_client_seq_.empty()) first_client_seq_.erase(flow_id);
    }

private:
    struct Side {
        bool started = false, headers_done = false, complete = false;
        size_t body_start = 0;            // offset of the body in this direction's bytes
        std::optional<TcpStream> stream;  // only while a header block or a description is split over segments
    };
    struct State {
        std::array<Side, 2> side;
        bool request_line = false;  // the request line was read whole (until then it may turn out not to be one)
        bool get = false;           // the request is a GET: only its answer can be a device description
        bool proxied = false;       // an absolute URI to a forward proxy: the response is the origin's, relayed
        bool connect = false;       // a CONNECT: the tunnel's first client bytes are awaited (after_connect)
        bool description = false;   // the response may be a UPnP device description: read its body
        uint64_t content_length = kUnknownLength;
    };
    using Flows = std::unordered_map<uint64_t, State>;

    // A packet of a flow without HTTP state: does the client's first request start here? Decided
    // from the packet and flow.inspected[] alone, but for the sequence number of a client's first
    // payload that may be a later part of its request (first_client_seq_).
    Verdict look_for_request(Flow& flow, Direction dir, const DecodedPacket& pkt) {
        // The server spoke first (it greets, the capture began after the request, or the response
        // overtook it): the client's request may still come.
        if (dir == kToClient) return flow.inspected[kToServer] == 0 ? Verdict::more : Verdict::done;
        const bool first = flow.inspected[kToServer] == 1;
        const size_t pad = zero_padding(pkt.payload);
        const Bytes payload = pkt.payload.subspan(pad);
        const uint32_t seq = pkt.tcp_seq + uint32_t(pad);
        RequestLine line;
        const RequestLineShape shape = read_request_line(as_text(payload), line);
        if (shape == RequestLineShape::not_request) {
            if (!first) {
                if (!first_client_seq_.empty()) first_client_seq_.erase(flow.id);
                return Verdict::done;
            }
            // Perhaps a later part of the request, ahead of its start: the next payload tells. Not
            // when the server already spoke (it answers requests; it greets in other protocols,
            // SSH, SMTP) or the client speaks TLS.
            if (flow.inspected[kToClient] != 0 || starts_tls_record(payload)) return Verdict::done;
            first_client_seq_[flow.id] = pkt.tcp_seq;
            return Verdict::more;
        }
        if (!first) {
            // A request after other client bytes counts only when those lay after its start in
            // the stream (they overtook it); after bytes of their own (a SOCKS handshake, a
            // protocol that is not HTTP) it is something else's.
            const uint32_t* later = first_client_seq_.find(flow.id);
            const uint32_t ahead = later ? *later - seq : 0;
            if (later) first_client_seq_.erase(flow.id);
            if (ahead == 0 || ahead > kMaxOvertaking) return Verdict::done;
        }
        const auto it = flows_.try_emplace(flow.id).first;
        if (shape == RequestLineShape::request) on_request_line(flow, it->second, line);  // not read again
        return read(flow, kToServer, it, payload, seq, pkt.ts_ns);
    }

    // This direction's bytes from `payload` (at `seq`) on: the request line, the header block and a
    // description's body are read as far as they go; they are reassembled when split over segments.
    Verdict read(Flow& flow, Direction dir, Flows::iterator it, Bytes payload, uint32_t seq, int64_t ts) {
        State& st = it->second;
        Side& side = st.side[dir];
        bool fits = true;
        Bytes block;  // this direction's bytes from its first payload on
        if (!side.started) {
            side.started = true;
            block = payload;  // fast path: parsed in place, copied only if more is needed
        } else if (side.stream) {
            fits = side.stream->add(seq, payload);
            if (!fits) shared_.count(Counter::reassembly_overflow);
            block = side.stream->contiguous();
        } else {
            return verdict(it);
        }
        const bool at_bound = !fits || block.size() >= shared_.limits.max_reassembly_bytes;
        if (dir == kToServer && !st.request_line) {
            RequestLine line;
            const RequestLineShape shape = read_request_line(as_text(block), line);
            if (shape == RequestLineShape::not_request || (shape == RequestLineShape::incomplete && at_bound)) {
                flows_.erase(it);  // it looked like the start of one, but was not
                return Verdict::done;
            }
            if (shape == RequestLineShape::request) on_request_line(flow, st, line);
        }
        if (!side.headers_done && (dir == kToClient || st.request_line)) {
            if (const size_t end = parse(flow, dir, st, as_text(block), ts)) {
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
                    read_description(flow, body, ts);
                    side.complete = true;
                }
            } else {
                side.complete = true;
            }
        }
        if (side.complete) {
            side.stream.reset();
        } else if (!side.stream) {
            side.stream.emplace(seq, shared_.limits.max_reassembly_bytes);
            side.stream->add(seq, payload);
        }
        return verdict(it);
    }

    // The request line is whole: the flow is HTTP. A CONNECT or an absolute URI asks a forward
    // proxy for another server, which then names the flow.
    void on_request_line(Flow& flow, State& st, const RequestLine& line) {
        st.request_line = true;
        shared_.count(Counter::http_requests);
        st.get = line.method == "GET";
        const bool connect = line.method == "CONNECT";
        const std::optional<ProxyTarget> target =
            connect ? connect_target(line.target) : absolute_uri_target(line.target);
        if (!target) return;
        const std::optional<IpAddress> literal = IpAddress::parse(target->host);
        offer_server_name(flow, connect ? NameSource::proxy_connect : NameSource::http_absolute_uri, target->host);
        if (!connect && !asks_proxy(flow, *target, literal)) return;
        st.connect = connect;
        st.proxied = !connect;
        shared_.count(Counter::http_proxy_requests);
        flow.proxy_target_port = target->port;
        if (literal) flow.proxy_target_ip = *literal;
    }

    // Clients send the absolute form to forward proxies, but some apps send it to the origin
    // itself (WeChat's MicroMessenger to Tencent's servers in ndpi/quickplay.pcap). A forward proxy
    // listens at a local address or on a port of its own (3128, 8080, ...); a public address asked
    // on its own port, or for itself, is taken for the origin. (At the flow's end a DNS answer that
    // gave the client this address for the name says the same: engine/packet_pipeline.cpp.)
    static bool asks_proxy(const Flow& flow, const ProxyTarget& target, const std::optional<IpAddress>& literal) {
        if (literal && *literal == flow.server_ip) return false;
        return target.port != flow.server_port || flow.server_ip.is_private_or_local();
    }

    // A client payload after its whole CONNECT request: another request (a CONNECT again, with the
    // credentials a 407 asked for) keeps the wait; anything else is the tunnel's first bytes, for
    // the TLS dissector to read.
    Verdict after_connect(Flows::iterator it, Bytes payload) {
        RequestLine line;
        if (read_request_line(as_text(payload), line) != RequestLineShape::not_request) return Verdict::more;
        flows_.erase(it);
        return Verdict::done;
    }

    // Done once the request headers and the response (headers, and a description's body) were
    // read, and for a CONNECT the tunnel's first client bytes came.
    Verdict verdict(Flows::iterator it) {
        const State& st = it->second;
        if (st.side[kToServer].complete && st.side[kToClient].complete && !st.connect) {
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
                // A proxy relays the origin's Server: it describes no device at the flow's address.
                if (keep_first(flow.http_server, value) && !st.proxied)
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
            st.description = st.get && !st.proxied && xml && !encoded && is_ok_status_line(block);
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
    Flows flows_;  // HTTP flows still waiting for a header block, a description or a tunnel's start
    // Flows whose client's first payload was no request line: its sequence number, until the
    // client's next payload says whether it was a later part of a request that overtook its start.
    FlatHashMap<uint64_t, uint32_t> first_client_seq_;
};

bool selects(const Flow& flow) { return flow.proto == kProtoTcp; }
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<Http>(shared); }

}  // namespace

const DissectorSpec kHttpDissector{"http", selects, false, make};

}  // namespace sovscan::observe
