#include "export/report_stream.h"

#include <fmt/format.h>

#include "common/escape.h"

namespace sovscan {

DocumentCounts ReportStream::publish(const ScanReport& report, int64_t now_ns) {
    return for_each_ecs_document(report, now_ns, [this](const EcsDocument& d) {
        publisher_->send(d.key, ecs_wire_text(d.body));
    });
}

bool ReportStream::account(ScanReport& report) const {
    const KafkaCounts& n = publisher_->counts();
    report.export_counters["kafka.sent"] = n.sent;
    report.export_counters["kafka.delivered"] = n.delivered;
    report.export_counters["kafka.lost"] = n.lost;
    if (n.lost == 0) return true;
    // A warning, not an error: the report itself is whole (an error would call its inputs unread).
    const std::string where = "kafka " + publisher_->settings().brokers;
    const std::string message = loss_message();
    for (InputProblem& p : report.problems)
        if (p.input == where) {  // a sensor's earlier interval: the newest count replaces it
            p.message = message;
            return false;
        }
    report.problems.push_back({ProblemLevel::warning, where, message});
    return false;
}

std::string ReportStream::loss_message() const {
    const KafkaPublisher& p = *publisher_;
    const KafkaCounts& n = p.counts();
    std::string why = p.last_delivery_error().empty() ? "" : ": " + printable(p.last_delivery_error());
    if (!p.last_broker_error().empty()) why += fmt::format(" (last broker error: {})", printable(p.last_broker_error()));
    return fmt::format("{} of {} message(s) to topic {} not delivered{}", n.lost, n.sent, printable(p.settings().topic),
                       why);
}

}  // namespace sovscan
