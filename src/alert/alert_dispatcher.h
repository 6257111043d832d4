#pragma once
// Raises an alert the first time a finding is seen: as an ECS JSON line (--alerts FILE|-) and as
// an RFC 5424 message (--syslog). A finding is recognised by its stable id (stable_finding_id), so
// a sensor's report at every interval raises only what is new; findings an exception accepts
// raise none. Within one run for now; across runs once a store remembers them.
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_set>
#include <vector>

#include "alert/ecs_alert.h"
#include "alert/syslog_sender.h"
#include "assess/finding.h"

namespace sovscan {

class AlertDispatcher {
public:
    // Either output may be null. `lines` is flushed after every alert: a SIEM tailing the file sees
    // it at once.
    AlertDispatcher(std::string observer_hostname, std::ostream* lines, SyslogSender* syslog);

    // Alerts for the findings not alerted before; returns how many were raised.
    size_t raise_new(const std::vector<Finding>& findings, int64_t now_ns);

    uint64_t raised() const { return raised_; }
    // Alerts a file or syslog did not take (a full disk, a refused datagram).
    uint64_t failed() const;
    bool lines_failed() const { return lines_failed_; }

private:
    std::string hostname_;
    std::ostream* lines_;
    SyslogSender* syslog_;
    std::unordered_set<std::string> seen_;
    uint64_t raised_ = 0, lines_failures_ = 0;
    bool lines_failed_ = false;
};

// RFC 5424 severity for a finding: critical -> 2 (crit), high -> 3 (err), medium -> 4 (warning),
// low -> 5 (notice), info -> 6 (informational).
int syslog_severity(Severity s);

}  // namespace sovscan
