#pragma once
// --alerts and --syslog, shared by scan, live and collect: where the alerts for new findings go
// (alert/alert_dispatcher.h). The sensor's name in them is --sensor (cli/scan_options.h).
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
    // `sensor` names this sensor in every alert (observer.hostname).
    bool open(const std::string& sensor);
    // Alerts for the findings not alerted before; false when an output failed (said on stderr once).
    bool raise_new(const std::vector<Finding>& findings);

private:
    std::string alerts_, syslog_;
    std::ofstream file_;
    std::unique_ptr<SyslogSender> syslog_sender_;
    std::unique_ptr<AlertDispatcher> dispatcher_;
    bool failure_said_ = false;
};

}  // namespace sovscan::cli
