#pragma once
// Alerts to a syslog daemon or collector as RFC 5424 messages: over UDP (RFC 5426, one message a
// datagram) or a local Unix datagram socket (/dev/log, or a daemon's own). No library does RFC 5424
// over an arbitrary target (glibc's syslog(3) speaks the old BSD format to /dev/log only), so the
// header is written here.
#include <sys/socket.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sovscan {

// The header's fields; `msg` is sent as UTF-8 after a BOM (RFC 5424 6.4).
struct SyslogMessage {
    int facility = 16;  // local0
    int severity = 4;   // 0 emerg .. 7 debug
    int64_t ts_ns = 0;
    std::string hostname, app_name = "sovscan", procid, msgid;
    std::string structured_data;  // "[id@32473 key=\"value\"]" (escaped by the caller), or "" for "-"
    std::string msg;
};

// "<PRI>1 TIMESTAMP HOSTNAME APP PROCID MSGID SD BOM MSG"; header fields that are empty become
// "-", characters outside printable US-ASCII in them become '_' (the RFC allows no others), each cut
// to its maximum length.
std::string format_rfc5424(const SyslogMessage& m);

// A structured-data parameter value with '"', '\\' and ']' escaped (RFC 5424 6.3.3).
std::string sd_param_value(std::string_view value);

class SyslogSender {
public:
    // "udp://HOST:PORT" (an address or a name; IPv6 in brackets) or "unix:PATH". Null with the
    // reason in `error`.
    static std::unique_ptr<SyslogSender> open(const std::string& target, std::string& error);
    ~SyslogSender();
    SyslogSender(const SyslogSender&) = delete;
    SyslogSender& operator=(const SyslogSender&) = delete;

    // Sends one message; false (and counted) when the socket refused it.
    bool send(const SyslogMessage& m);
    uint64_t sent() const { return sent_; }
    uint64_t failed() const { return failed_; }
    const std::string& target() const { return target_; }
    const std::string& last_error() const { return last_error_; }

private:
    SyslogSender() = default;
    int fd_ = -1;
    sockaddr_storage addr_{};
    socklen_t addr_len_ = 0;
    std::string target_, last_error_;
    uint64_t sent_ = 0, failed_ = 0;
};

}  // namespace sovscan
