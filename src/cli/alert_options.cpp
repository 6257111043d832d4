#include "cli/alert_options.h"

#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "common/escape.h"

namespace sovscan::cli {

void AlertOptions::add_to(CLI::App& cmd) {
    cmd.add_option("--alerts", alerts_,
                   "append one ECS JSON line per finding the first time it is seen to FILE (- = standard output; "
                   "docs/alerts.md)")
        ->type_name("FILE");
    cmd.add_option("--syslog", syslog_, "send the same alerts as RFC 5424 messages to udp://HOST:PORT or unix:PATH")
        ->type_name("TARGET");
}

bool AlertOptions::open(const std::string& sensor) {
    if (!wanted()) return true;
    std::ostream* lines = nullptr;
    if (alerts_ == "-") {
        lines = &std::cout;
    } else if (!alerts_.empty()) {
        // Appended, never replaced: earlier alerts are a record a SIEM may still be reading.
        file_.open(alerts_, std::ios::app);
        if (!file_) {
            std::cerr << fmt::format("sovscan: error: --alerts {}: cannot open for appending\n", terminal_safe(alerts_));
            return false;
        }
        lines = &file_;
    }
    if (!syslog_.empty()) {
        std::string error;
        syslog_sender_ = SyslogSender::open(syslog_, error);
        if (!syslog_sender_) {
            std::cerr << "sovscan: error: " << terminal_safe(error) << "\n";
            return false;
        }
    }
    dispatcher_ = std::make_unique<AlertDispatcher>(sensor, lines,
                                                    syslog_sender_.get());
    return true;
}

bool AlertOptions::raise_new(const std::vector<Finding>& findings) {
    if (!dispatcher_) return true;
    const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
    dispatcher_->raise_new(findings, now);
    if (dispatcher_->failed() == 0) return true;
    if (!failure_said_) {
        failure_said_ = true;
        std::cerr << fmt::format("sovscan: error: {} alert(s) not delivered{}{}\n", dispatcher_->failed(),
                                 dispatcher_->lines_failed() ? fmt::format(" (--alerts {}: write failed)", terminal_safe(alerts_)) : "",
                                 syslog_sender_ && syslog_sender_->failed()
                                     ? fmt::format(" (--syslog {}: {})", terminal_safe(syslog_), syslog_sender_->last_error())
                                     : "");
    }
    return false;
}

}  // namespace sovscan::cli
