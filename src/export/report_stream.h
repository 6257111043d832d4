#pragma once
// A scan report streamed to a Kafka topic: its ECS documents (export/ecs_documents.h) keyed by
// their stable ids, and what became of them written back into the report (counters and, when any
// was lost, a problem line).
#include <cstdint>
#include <memory>
#include <string>

#include "export/ecs_documents.h"
#include "export/kafka_publisher.h"
#include "report/scan_report.h"

namespace sovscan {

class ReportStream {
public:
    explicit ReportStream(std::unique_ptr<KafkaPublisher> publisher) : publisher_(std::move(publisher)) {}

    // Queues every document of `report` (findings, assets, traffic aggregates) without waiting for
    // the cluster; a sensor calls it at every interval, with every finding's current state.
    DocumentCounts publish(const ScanReport& report, int64_t now_ns);
    // Waits (bounded) for the fate of every message sent (the end of a run).
    void finish() { publisher_->finish(); }
    // Writes the counters so far into `report` (counters.export in the JSON report), and a problem
    // when messages were lost; true when none was.
    bool account(ScanReport& report) const;
    // One line for standard error when messages were lost: how many, to where, and why.
    std::string loss_message() const;

    const KafkaPublisher& publisher() const { return *publisher_; }

private:
    std::unique_ptr<KafkaPublisher> publisher_;
};

}  // namespace sovscan
