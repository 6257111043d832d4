// HTTP/1.x: the request's Host and User-Agent (client to server) and the response's Server (server
// to client), from the header block at the start of each direction. A header block split over
// segments is reassembled (bounded); anything that is not HTTP is left alone at the first byte.
#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <unordered_map>

#include "observe/dissector.h"

namespace sovscan::observe {

namespace {

constexpr size_t kMaxFieldValue = 512;  // User-Agent / Server kept per flow

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_request_start(std::string_view s) {
    static constexpr std::array<std::string_view, 9> kMethods{"GET ",     "POST ",  "HEAD ",  "PUT ",    "DELETE ",
                                                              "OPTIONS ", "CONNECT ", "PATCH ", "TRACE "};
    return std::any_of(kMethods.begin(), kMethods.end(), [&](std::string_view m) { return starts_with(s, m); });
}
bool is_response_start(std::string_view s) { return starts_with(s, "HTTP/1."); }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);  // only used with letters and '-'
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

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

// Calls on_field(name, value) for each complete header line after the start line. Returns true
// when the empty line ending the header block was reached.
template <typename OnField>
bool for_each_header(std::string_view block, OnField on_field) {
    size_t line_start = block.find('\n');
    if (line_start == std::string_view::npos) return false;
    ++line_start;
    for (;;) {
        const size_t eol = block.find('\n', line_start);
        if (eol == std::string_view::npos) return false;
        std::string_view line = block.substr(line_start, eol - line_start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) return true;
        if (const size_t colon = line.find(':'); colon != std::string_view::npos)
            on_field(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
        line_start = eol + 1;
    }
}

void keep_first(std::string& field, std::string_view value) {
    if (field.empty()) field.assign(value.substr(0, kMaxFieldValue));
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
        }
        State& st = it->second;
        Side& side = st.side[dir];
        if (!side.started) {
            if (dir == kToClient) {
                if (flow.inspected[kToClient] != 1 || !is_response_start(text)) {
                    flows_.erase(it);  // the server's first payload is not an HTTP response
                    return Verdict::done;
                }
                shared_.count(Counter::http_responses);
            }
            side.started = true;
            // Fast path: the whole header block in this segment.
            if (parse(flow, dir, text)) {
                side.complete = true;
            } else {
                side.stream.emplace(pkt.tcp_seq, shared_.limits.max_reassembly_bytes);
                side.stream->add(pkt.tcp_seq, pkt.payload);
            }
        } else if (side.stream) {
            const bool fits = side.stream->add(pkt.tcp_seq, pkt.payload);
            const Bytes block = side.stream->contiguous();
            if (parse(flow, dir, as_text(block)) || !fits || block.size() >= shared_.limits.max_reassembly_bytes) {
                if (!fits) shared_.count(Counter::reassembly_overflow);
                side.stream.reset();
                side.complete = true;
            }
        }
        // Done once the request headers and the response headers (or what fit) were read.
        if (st.side[kToServer].complete && st.side[kToClient].complete) {
            flows_.erase(it);
            return Verdict::done;
        }
        return Verdict::more;
    }

    void forget(uint64_t flow_id) override {
        if (!flows_.empty()) flows_.erase(flow_id);
    }

private:
    struct Side {
        bool started = false, complete = false;
        std::optional<TcpStream> stream;  // only while a header block is split over segments
    };
    struct State {
        std::array<Side, 2> side;
    };

    // Reads the fields wanted from the header block so far (again from the start each time: a
    // field already taken is kept). Returns whether the block is complete.
    bool parse(Flow& flow, Direction dir, std::string_view block) {
        if (dir == kToServer) {
            return for_each_header(block, [&](std::string_view name, std::string_view value) {
                if (iequals(name, "host")) {
                    const std::string_view host = trim(host_without_port(value));
                    if (!host.empty()) offer_server_name(flow, NameSource::http_host, host);
                } else if (iequals(name, "user-agent")) {
                    keep_first(flow.http_user_agent, value);
                }
            });
        }
        return for_each_header(block, [&](std::string_view name, std::string_view value) {
            if (iequals(name, "server")) keep_first(flow.http_server, value);
        });
    }

    Shared& shared_;
    std::unordered_map<uint64_t, State> flows_;  // HTTP flows still waiting for a header block
};

bool selects(const Flow& flow) { return flow.proto == kProtoTcp; }
std::unique_ptr<Dissector> make(Shared& shared) { return std::make_unique<Http>(shared); }

}  // namespace

const DissectorSpec kHttpDissector{"http", selects, false, make};

}  // namespace sovscan::observe
