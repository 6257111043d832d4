#include "cli/kafka_options.h"

#include <fmt/format.h>

#include <chrono>
#include <iostream>

#include "common/escape.h"

namespace sovscan::cli {

namespace {

int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

void KafkaOptions::add_to(CLI::App& cmd) {
    cmd.add_option("--kafka", brokers_,
                   "stream the findings, assets and traffic aggregates as ECS JSON to these Kafka brokers, keyed by "
                   "stable ids (docs/kafka.md); messages not delivered make the exit code 2")
        ->type_name("HOST:PORT[,...]");
    cmd.add_option("--kafka-topic", topic_, "the topic --kafka writes to")->type_name("TOPIC");
    cmd.add_option("--kafka-option", options_,
                   "a librdkafka setting for --kafka, repeatable: security.protocol=SASL_SSL, sasl.mechanism=SCRAM-SHA-512, "
                   "sasl.username=..., ssl.ca.location=..., message.timeout.ms=60000 (how long an outage is bridged)")
        ->type_name("KEY=VALUE");
}

bool KafkaOptions::open() {
    if (brokers_.empty()) {
        if (!topic_.empty() || !options_.empty()) {
            std::cerr << "sovscan: error: --kafka-topic and --kafka-option need --kafka BROKERS\n";
            return false;
        }
        return true;
    }
    if (topic_.empty()) {
        std::cerr << "sovscan: error: --kafka needs --kafka-topic TOPIC\n";
        return false;
    }
    KafkaSettings settings{brokers_, topic_, {}};
    for (const std::string& o : options_) {
        const size_t eq = o.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << fmt::format("sovscan: error: --kafka-option {}: expected KEY=VALUE\n", terminal_safe(o));
            return false;
        }
        settings.options.emplace_back(o.substr(0, eq), o.substr(eq + 1));
    }
    std::string error;
    auto publisher = KafkaPublisher::open(settings, error);
    if (!publisher) {
        std::cerr << "sovscan: error: " << terminal_safe(error) << "\n";
        return false;
    }
    stream_ = std::make_unique<ReportStream>(std::move(publisher));
    return true;
}

void KafkaOptions::publish(const ScanReport& report) {
    if (stream_) stream_->publish(report, now_ns());
}

void KafkaOptions::account(ScanReport& report) const {
    if (stream_) stream_->account(report);
}

bool KafkaOptions::finish(ScanReport& report) {
    if (!stream_) return true;
    stream_->finish();
    if (stream_->account(report)) return true;
    std::cerr << fmt::format("sovscan: error: --kafka {}: {}\n", terminal_safe(brokers_),
                             terminal_safe(stream_->loss_message()));
    return false;
}

}  // namespace sovscan::cli
