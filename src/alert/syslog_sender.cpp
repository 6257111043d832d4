#include "alert/syslog_sender.h"

#include <fmt/format.h>
#include <netdb.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/time_format.h"

namespace sovscan {

namespace {

// PRINTUSASCII (33..126), at most `max` characters; "-" when empty (the NILVALUE).
std::string header_field(std::string_view v, size_t max) {
    if (v.empty()) return "-";
    std::string out;
    for (char c : v.substr(0, max)) out += (c >= 33 && c <= 126) ? c : '_';
    return out;
}

}  // namespace

std::string sd_param_value(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '"' || c == '\\' || c == ']') out += '\\';
        out += c;
    }
    return out;
}

std::string format_rfc5424(const SyslogMessage& m) {
    const int pri = (m.facility & 23) * 8 + (m.severity & 7);
    // RFC 5424 TIMESTAMP: RFC 3339 with at most 6 fractional digits.
    std::string ts = rfc3339_utc(m.ts_ns);
    if (auto dot = ts.find('.'); dot != std::string::npos && ts.size() > dot + 7 && ts.back() == 'Z')
        ts = ts.substr(0, dot + 7) + "Z";
    return fmt::format("<{}>1 {} {} {} {} {} {} \xEF\xBB\xBF{}", pri, ts, header_field(m.hostname, 255),
                       header_field(m.app_name, 48), header_field(m.procid, 128), header_field(m.msgid, 32),
                       m.structured_data.empty() ? "-" : m.structured_data, m.msg);
}

std::unique_ptr<SyslogSender> SyslogSender::open(const std::string& target, std::string& error) {
    std::unique_ptr<SyslogSender> s(new SyslogSender());
    s->target_ = target;
    if (target.rfind("unix:", 0) == 0) {
        const std::string path = target.substr(5);
        sockaddr_un un{};
        if (path.empty() || path.size() >= sizeof un.sun_path) {
            error = fmt::format("--syslog {}: a Unix socket path of 1 to {} bytes is needed", target, sizeof un.sun_path - 1);
            return nullptr;
        }
        un.sun_family = AF_UNIX;
        std::memcpy(un.sun_path, path.data(), path.size());
        std::memcpy(&s->addr_, &un, sizeof un);
        s->addr_len_ = sizeof un;
        s->fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    } else if (target.rfind("udp://", 0) == 0) {
        std::string rest = target.substr(6), host, port;
        if (!rest.empty() && rest[0] == '[') {
            const auto close = rest.find(']');
            if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
                error = fmt::format("--syslog {}: expected udp://[IPv6]:PORT", target);
                return nullptr;
            }
            host = rest.substr(1, close - 1), port = rest.substr(close + 2);
        } else {
            const auto colon = rest.rfind(':');
            if (colon == std::string::npos) {
                error = fmt::format("--syslog {}: expected udp://HOST:PORT", target);
                return nullptr;
            }
            host = rest.substr(0, colon), port = rest.substr(colon + 1);
        }
        addrinfo hints{}, *res = nullptr;
        hints.ai_socktype = SOCK_DGRAM;
        hints.ai_flags = AI_NUMERICSERV;
        if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &res); rc != 0 || !res) {
            error = fmt::format("--syslog {}: {}", target, rc ? gai_strerror(rc) : "no address");
            return nullptr;
        }
        std::memcpy(&s->addr_, res->ai_addr, res->ai_addrlen);
        s->addr_len_ = res->ai_addrlen;
        s->fd_ = ::socket(res->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        ::freeaddrinfo(res);
    } else {
        error = fmt::format("--syslog {}: expected udp://HOST:PORT or unix:PATH", target);
        return nullptr;
    }
    if (s->fd_ < 0) {
        error = fmt::format("--syslog {}: {}", target, std::strerror(errno));
        return nullptr;
    }
    return s;
}

SyslogSender::~SyslogSender() {
    if (fd_ >= 0) ::close(fd_);
}

bool SyslogSender::send(const SyslogMessage& m) {
    const std::string text = format_rfc5424(m);
    const ssize_t n = ::sendto(fd_, text.data(), text.size(), 0, reinterpret_cast<const sockaddr*>(&addr_), addr_len_);
    if (n == static_cast<ssize_t>(text.size())) {
        ++sent_;
        return true;
    }
    ++failed_;
    last_error_ = n < 0 ? std::strerror(errno) : "message cut short";
    return false;
}

}  // namespace sovscan
