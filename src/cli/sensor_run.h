#pragma once
// What `sovscan live` and `sovscan collect` share: a source read until SIGINT/SIGTERM, the report
// rewritten atomically at every interval (live flows counted as they stand, none ended), an alert
// the first time a finding appears, SIGHUP re-reading the policy and the intel without losing a
// flow, root given up once the source is open. A sensor command is its source and a few lines.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/alert_options.h"
#include "cli/kafka_options.h"
#include "cli/scan_options.h"
#include "engine/scan_session.h"

namespace sovscan::cli {

// A sensor's input: opened (with whatever privileges that needs) before run_sensor() is called.
class SensorSource {
public:
    virtual ~SensorSource() = default;
    // Registers its inputs (interfaces, listening sockets) with the session.
    virtual void register_inputs(ScanSession& session) = 0;
    // Feeds the session what arrived, waiting at most `timeout_ms` when nothing has; returns how
    // many packets or datagrams it took. Throws std::runtime_error when the source failed for good.
    virtual size_t poll(ScanSession& session, int timeout_ms) = 0;
    // Adds what only the source knows to a report: capture drop counters, the exporters seen.
    virtual void annotate(ScanReport& report) const = 0;
    // "live", "collect": how messages name the command.
    virtual const char* command() const = 0;
};

struct SensorOptions {
    std::string output;            // -o: rewritten at every interval
    std::string format;            // json, csv, html; "" = by -o extension
    AlertOptions alerts;           // --alerts, --syslog
    KafkaOptions kafka;            // --kafka: every finding's current state at every interval
    double interval = 300;         // seconds between reports
    std::string user;              // --user: the account to run as once the source is open
    bool allow_root = false;       // --allow-root: keep running as root without --user

    void add_to(CLI::App& cmd);
    // Before the source is opened: a root process without --user or --allow-root is refused, the
    // user must exist, outputs must be writable and the format known. Prints why and returns false.
    bool check(const ScanSourceOptions& sources) const;
};

// Runs the sensor until SIGINT or SIGTERM; returns the exit code (as scan's: 1 for findings at or
// above --fail-on in the final report, 2 after errors or when --kafka lost messages).
int run_sensor(ScanSourceOptions& sources, SensorOptions& sensor, SensorSource& source,
               const std::vector<std::string>& argv);

}  // namespace sovscan::cli
