#include "sources/flow_export_listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace sovscan {

namespace {

constexpr size_t kDatagramMax = 65536;

int64_t now_ns() {
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return int64_t(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

IpAddress sender_address(const sockaddr_storage& ss) {
    if (ss.ss_family == AF_INET) {
        const auto& s4 = reinterpret_cast<const sockaddr_in&>(ss);
        return IpAddress::v4_bytes(reinterpret_cast<const uint8_t*>(&s4.sin_addr));
    }
    // An IPv4 sender on a dual-stack socket arrives as ::ffff:a.b.c.d, which is how IpAddress
    // stores IPv4 anyway.
    const auto& s6 = reinterpret_cast<const sockaddr_in6&>(ss);
    return IpAddress::v6_bytes(reinterpret_cast<const uint8_t*>(&s6.sin6_addr));
}

std::string local_name(int fd) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return "?";
    const IpAddress a = sender_address(ss);
    const uint16_t port = ntohs(ss.ss_family == AF_INET ? reinterpret_cast<sockaddr_in&>(ss).sin_port
                                                        : reinterpret_cast<sockaddr_in6&>(ss).sin6_port);
    return ss.ss_family == AF_INET ? fmt::format("{}:{}", a.to_string(), port) : fmt::format("[{}]:{}", a.to_string(), port);
}

uint16_t local_port(int fd) {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return 0;
    return ntohs(ss.ss_family == AF_INET ? reinterpret_cast<sockaddr_in&>(ss).sin_port
                                         : reinterpret_cast<sockaddr_in6&>(ss).sin6_port);
}

}  // namespace

std::optional<ListenSpec> ListenSpec::parse(std::string_view text) {
    ListenSpec spec;
    std::string_view port = text;
    if (!text.empty() && text.front() == '[') {  // [IPv6]:PORT
        const size_t close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') return std::nullopt;
        auto a = IpAddress::parse(text.substr(1, close - 1));
        if (!a || a->is_v4()) return std::nullopt;
        spec.address = *a;
        port = text.substr(close + 2);
    } else if (const size_t colon = text.rfind(':'); colon != std::string_view::npos) {
        if (text.find(':') != colon) return std::nullopt;  // a bare IPv6 address needs brackets
        auto a = IpAddress::parse(text.substr(0, colon));
        if (!a || !a->is_v4()) return std::nullopt;
        spec.address = *a;
        port = text.substr(colon + 1);
    }
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value > 65535) return std::nullopt;
    spec.port = static_cast<uint16_t>(value);
    return spec;
}

FlowExportListener::FlowExportListener(uint16_t input_index) : decoder_(input_index) {}

FlowExportListener::~FlowExportListener() {
    for (int fd : fds_) close(fd);
}

void FlowExportListener::listen(const std::string& text) {
    auto spec = ListenSpec::parse(text);
    if (!spec) throw std::runtime_error(fmt::format("--listen {}: expected [ADDR:]PORT, [IPV6]:PORT", text));
    sockaddr_storage ss{};
    socklen_t len;
    bool v4 = spec->address && spec->address->is_v4();
    int fd = socket(v4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 && !spec->address) {  // no IPv6 on this host: every IPv4 address
        v4 = true;
        fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    }
    if (fd < 0) throw std::runtime_error(fmt::format("--listen {}: socket: {}", text, std::strerror(errno)));
    if (v4) {
        auto& s4 = reinterpret_cast<sockaddr_in&>(ss);
        s4.sin_family = AF_INET;
        s4.sin_port = htons(spec->port);
        const uint32_t host = spec->address ? spec->address->v4_host_order() : INADDR_ANY;
        s4.sin_addr.s_addr = htonl(host);
        len = sizeof s4;
    } else {
        auto& s6 = reinterpret_cast<sockaddr_in6&>(ss);
        s6.sin6_family = AF_INET6;
        s6.sin6_port = htons(spec->port);
        if (spec->address) std::memcpy(&s6.sin6_addr, spec->address->bytes().data(), 16);
        else s6.sin6_addr = in6addr_any;
        int only = spec->address ? 1 : 0;  // no address: IPv4 senders too
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &only, sizeof only);
        len = sizeof s6;
    }
    // A burst of exports must wait in the kernel while a report is written: ask for a large buffer
    // (beyond net.core.rmem_max only with CAP_NET_ADMIN) and report what was granted.
    int want = kReceiveBuffer;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &want, sizeof want) != 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &want, sizeof want);
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);  // the socket's drop count with each datagram
    if (bind(fd, reinterpret_cast<sockaddr*>(&ss), len) != 0) {
        const std::string why = std::strerror(errno);
        close(fd);
        throw std::runtime_error(fmt::format("--listen {}: bind: {}", text, why));
    }
    ListenSocketInfo info;
    info.spec = text;
    info.local = local_name(fd);
    info.port = local_port(fd);
    socklen_t optlen = sizeof info.receive_buffer;
    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &info.receive_buffer, &optlen);
    struct stat st{};
    inodes_.push_back(fstat(fd, &st) == 0 ? st.st_ino : 0);
    fds_.push_back(fd);
    info_.push_back(std::move(info));
    if (buffers_.empty()) buffers_.resize(size_t(kBatch) * kDatagramMax);
}

size_t FlowExportListener::poll(int timeout_ms, RecordSink& sink) {
    if (fds_.empty()) return 0;
    std::vector<pollfd> pfds(fds_.size());
    for (size_t i = 0; i < fds_.size(); ++i) pfds[i] = {fds_[i], POLLIN, 0};
    const int ready = ::poll(pfds.data(), pfds.size(), timeout_ms);
    if (ready <= 0) return 0;  // timeout, or EINTR: the caller looks at its signals
    size_t total = 0;
    for (size_t i = 0; i < fds_.size(); ++i)
        if (pfds[i].revents & POLLIN) total += drain(i, sink);
    return total;
}

size_t FlowExportListener::drain(size_t index, RecordSink& sink) {
    mmsghdr msgs[kBatch];
    iovec iov[kBatch];
    sockaddr_storage from[kBatch];
    alignas(cmsghdr) uint8_t control[kBatch][CMSG_SPACE(sizeof(uint32_t))];
    size_t total = 0;
    ListenSocketInfo& info = info_[index];
    while (total < kMaxPerPoll) {
        for (unsigned i = 0; i < kBatch; ++i) {
            iov[i] = {buffers_.data() + size_t(i) * kDatagramMax, kDatagramMax};
            msgs[i].msg_hdr = {};
            msgs[i].msg_hdr.msg_name = &from[i];
            msgs[i].msg_hdr.msg_namelen = sizeof from[i];
            msgs[i].msg_hdr.msg_iov = &iov[i];
            msgs[i].msg_hdr.msg_iovlen = 1;
            msgs[i].msg_hdr.msg_control = control[i];
            msgs[i].msg_hdr.msg_controllen = sizeof control[i];
            msgs[i].msg_len = 0;
        }
        const int n = recvmmsg(fds_[index], msgs, kBatch, MSG_DONTWAIT, nullptr);
        if (n <= 0) break;  // EAGAIN: drained
        const int64_t received = now_ns();
        for (int i = 0; i < n; ++i) {
            const msghdr& h = msgs[i].msg_hdr;
            for (cmsghdr* c = CMSG_FIRSTHDR(&h); c; c = CMSG_NXTHDR(const_cast<msghdr*>(&h), c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                    uint32_t drops;
                    std::memcpy(&drops, CMSG_DATA(c), sizeof drops);
                    if (drops > info.kernel_drops) info.kernel_drops = drops;
                }
            }
            decoder_.decode({static_cast<const uint8_t*>(iov[i].iov_base), msgs[i].msg_len}, sender_address(from[i]),
                            received, sink);
        }
        info.datagrams += n;
        total += n;
        if (unsigned(n) < kBatch) break;
    }
    return total;
}

// SO_RXQ_OVFL only reports once a datagram after the drop is read; /proc/net/udp{,6} has the
// socket's count at any time (the last column, found by the socket's inode).
void FlowExportListener::refresh_proc_drops() {
    for (const char* path : {"/proc/net/udp", "/proc/net/udp6"}) {
        std::ifstream in(path);
        std::string line;
        std::getline(in, line);  // header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string f[12];  // sl local rem st queues timer retrnsmt uid timeout inode ref pointer
            for (auto& s : f) fields >> s;
            uint64_t drops = 0;
            if (!(fields >> drops)) continue;
            const uint64_t inode = std::strtoull(f[9].c_str(), nullptr, 10);
            for (size_t i = 0; i < inodes_.size(); ++i)
                if (inodes_[i] && inodes_[i] == inode && drops > info_[i].kernel_drops) info_[i].kernel_drops = drops;
        }
    }
}

std::vector<ExporterSummary> FlowExportListener::exporter_summary() const {
    std::vector<ExporterSummary> out;
    for (const ExporterState* s : decoder_.exporters().exporters()) {
        ExporterSummary e;
        e.address = s->address.to_string();
        e.protocols = flow_export_protocols_label(s->protocols);
        e.datagrams = s->counters.datagrams;
        e.records = s->counters.records;
        e.packets = s->counters.packets;
        e.bytes = s->counters.bytes;
        e.sampling_rate = s->sampling_rate;
        e.sequence_lost = s->counters.sequence_lost;
        e.malformed = s->counters.malformed;
        e.before_template = s->counters.before_template;
        out.push_back(std::move(e));
    }
    return out;
}

NamedCounters FlowExportListener::counters() {
    refresh_proc_drops();
    NamedCounters out = decoder_.exporters().totals();
    for (const ListenSocketInfo& s : info_) {
        out["socket_drops"] += s.kernel_drops;
        out["datagrams_received"] += s.datagrams;
    }
    return out;
}

}  // namespace sovscan
