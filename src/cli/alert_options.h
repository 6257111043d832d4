#pragma once
// --alerts, --syslog and --sensor, shared by scan, live and collect: where the alerts for new
// findings go (alert/alert_dispatcher.h) and what the sensor is called in them.
#include <CLI/CLI.hpp>

#include <fstream>
#include <memory>
#include <string>

#include "alert/alert_dispatcher.h"

namespace sovscan::cli {

class AlertOptions {
public:
    void add_to(CLI::App& cmd);
    bool wanted() const { return !alerts_.empty() || !syslog_.empty(); }
    // The --alerts file among the outputs to check before reading ("" when none, or standard output).
    std::string alerts_file() const { return alerts_ == "-" ? "" : alerts_; }
    // Opens the outputs (the file for appending, the syslog socket); false after printing why.
    bool open();
    // Alerts for the findings not alerted before; false when an output failed (said on stderr once).
    bool raise_new(const std::vector<Finding>& findings);

private:
    std::string alerts_, syslog_, sensor_;
    std::ofstream file_;
    std::unique_ptr<SyslogSender> syslog_sender_;
    std::unique_ptr<AlertDispatcher> dispatcher_;
    bool failure_said_ = false;
};

}  // namespace sovscan::cli
