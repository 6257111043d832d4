#include "cli/kafka_options.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/escape.h"
#include "export/kafka_config_file.h"

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
    cmd.add_option("--kafka-config", config_file_,
                   "librdkafka settings for --kafka from a properties file (KEY=VALUE lines, # comments): where "
                   "passwords belong, not on the command line")
        ->type_name("FILE");
    cmd.add_option("--kafka-option", options_,
                   "a librdkafka setting for --kafka, repeatable, after --kafka-config's: security.protocol=SASL_SSL, "
                   "sasl.mechanism=SCRAM-SHA-512, ssl.ca.location=..., message.timeout.ms=60000 (how long an outage "
                   "is bridged)")
        ->type_name("KEY=VALUE");
}

bool KafkaOptions::open() {
    if (brokers_.empty()) {
        if (!topic_.empty() || !options_.empty() || !config_file_.empty()) {
            std::cerr << "sovscan: error: --kafka-topic, --kafka-config and --kafka-option need --kafka BROKERS\n";
            return false;
        }
        return true;
    }
    if (topic_.empty()) {
        std::cerr << "sovscan: error: --kafka needs --kafka-topic TOPIC\n";
        return false;
    }
    KafkaSettings settings{brokers_, topic_, {}};
    if (!config_file_.empty()) {
        std::ifstream in(config_file_, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!in) {
            std::cerr << fmt::format("sovscan: error: --kafka-config {}: cannot read it\n", terminal_safe(config_file_));
            return false;
        }
        std::vector<std::string> errors;
        settings.options = parse_kafka_properties(text.str(), config_file_, errors);
        for (const std::string& e : errors) std::cerr << "sovscan: error: " << terminal_safe(e) << "\n";
        if (!errors.empty()) return false;
    }
    for (const std::string& o : options_) {
        const size_t eq = o.find('=');
        if (eq == std::string::npos || eq == 0) {
            // Not repeated whole: it may be a password without its key.
            std::cerr << "sovscan: error: --kafka-option: expected KEY=VALUE\n";
            return false;
        }
        settings.options.push_back({o.substr(0, eq), o.substr(eq + 1), "--kafka-option"});
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

std::vector<std::string> KafkaOptions::redacted_command_line(const std::vector<std::string>& argv) {
    std::vector<std::string> out = argv;
    auto redact = [](std::string& setting, size_t from) {
        const size_t eq = setting.find('=', from);
        if (eq != std::string::npos && is_secret_kafka_property(std::string_view(setting).substr(from, eq - from)))
            setting.replace(eq + 1, std::string::npos, "(redacted)");
    };
    static const std::string kJoined = "--kafka-option=";
    for (size_t i = 0; i < out.size(); ++i) {
        if (out[i] == "--kafka-option" && i + 1 < out.size()) redact(out[++i], 0);
        else if (out[i].rfind(kJoined, 0) == 0) redact(out[i], kJoined.size());
    }
    return out;
}

}  // namespace sovscan::cli
