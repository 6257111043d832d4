#include "alert/alert_dispatcher.h"

#include <unistd.h>

#include <climits>

namespace sovscan {

int syslog_severity(Severity s) {
    switch (s) {
    case Severity::critical: return 2;
    case Severity::high: return 3;
    case Severity::medium: return 4;
    case Severity::low: return 5;
    case Severity::info: return 6;
    }
    return 6;
}

AlertDispatcher::AlertDispatcher(std::string observer_hostname, std::ostream* lines, SyslogSender* syslog)
    : hostname_(std::move(observer_hostname)), lines_(lines), syslog_(syslog) {}

uint64_t AlertDispatcher::failed() const { return lines_failures_ + (syslog_ ? syslog_->failed() : 0); }

size_t AlertDispatcher::raise_new(const std::vector<Finding>& findings, int64_t now_ns) {
    size_t n = 0;
    const AlertContext ctx{hostname_, "sensor", now_ns};
    for (const Finding& f : findings) {
        if (f.suppressed()) continue;
        std::string id = stable_finding_id(f);
        if (!seen_.insert(id).second) continue;
        const std::string line = ecs_alert(f, ctx).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (lines_) {
            *lines_ << line << '\n';
            lines_->flush();
            if (!*lines_) {
                ++lines_failures_;
                lines_failed_ = true;
                lines_->clear();
            }
        }
        if (syslog_) {
            SyslogMessage m;
            m.severity = syslog_severity(f.severity);
            m.ts_ns = now_ns;
            m.hostname = hostname_;
            m.procid = std::to_string(::getpid());
            m.msgid = std::string(rule_info(f.rule).code);
            // 32473: the private enterprise number RFC 5612 reserves for documentation and examples;
            // the SD-ID only has to be unique to sovscan's messages.
            m.structured_data = "[sovscan@32473 finding_id=\"" + sd_param_value(id) + "\" rule=\"" +
                                sd_param_value(rule_info(f.rule).code) + "\" severity=\"" +
                                severity_label(f.severity) + "\"]";
            m.msg = line;
            syslog_->send(m);
        }
        ++raised_;
        ++n;
    }
    return n;
}

}  // namespace sovscan
