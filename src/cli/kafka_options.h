#pragma once
// --kafka, --kafka-topic, --kafka-config and --kafka-option, shared by scan, assets, risk, live and collect: the
// report's findings, assets and traffic aggregates streamed to a Kafka topic as ECS documents
// (export/report_stream.h, docs/kafka.md). Messages lost make the run end with exit code 2.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "export/report_stream.h"

namespace sovscan::cli {

class KafkaOptions {
public:
    void add_to(CLI::App& cmd);
    bool wanted() const { return !brokers_.empty(); }
    // Before any input is read: the options fit together and librdkafka accepts the settings (the
    // producer is made here; it connects in the background). False after printing why.
    bool open();
    // Queues the report's documents (a sensor: at every interval), without waiting.
    void publish(const ScanReport& report);
    // The counters so far into the report, without waiting (a sensor's interval report).
    void account(ScanReport& report) const;
    // The end of the run: waits (bounded by message.timeout.ms) for every delivery, writes the
    // counters and any loss into the report, and says the loss on standard error. False when
    // messages were lost.
    bool finish(ScanReport& report);

    // The command line as reports record it: the value of a secret --kafka-option (sasl.password,
    // ssl.key.password, ...) replaced by "(redacted)".
    static std::vector<std::string> redacted_command_line(const std::vector<std::string>& argv);

private:
    std::string brokers_, topic_, config_file_;
    std::vector<std::string> options_;  // KEY=VALUE
    std::unique_ptr<ReportStream> stream_;
};

}  // namespace sovscan::cli
