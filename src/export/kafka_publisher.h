#pragma once
// A Kafka producer for sovscan's documents (librdkafka): idempotent (a message retried after an
// outage is written once), every message's delivery report checked, what a broker outage keeps
// back buffered and retried until message.timeout.ms, and whatever was given up counted, never
// dropped silently. Not thread-safe: one thread sends, serves and finishes.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "export/kafka_config_file.h"

struct rd_kafka_s;

namespace sovscan {

struct KafkaSettings {
    std::string brokers;  // bootstrap.servers: host:port[,host:port...]
    std::string topic;
    // librdkafka properties (security.protocol, sasl.*, ssl.*, message.timeout.ms, ...), applied
    // after sovscan's defaults, in order (a later one wins).
    KafkaProperties options;
};

// What became of the messages so far.
struct KafkaCounts {
    uint64_t sent = 0;       // handed to send()
    uint64_t delivered = 0;  // acknowledged by the cluster (acks=all)
    uint64_t lost = 0;       // refused, timed out, or still queued when finish() gave up
    uint64_t pending() const { return sent - delivered - lost; }
};

class KafkaPublisher {
public:
    // sovscan's defaults: enable.idempotence=true (acks=all, retries without duplicates or
    // reordering), message.timeout.ms=60000 (how long an outage is bridged: a message not
    // acknowledged by then is lost, and counted). Settings librdkafka rejects, or one that would
    // turn idempotence off, give null and `error`.
    static std::unique_ptr<KafkaPublisher> open(const KafkaSettings& settings, std::string& error);
    ~KafkaPublisher();
    KafkaPublisher(const KafkaPublisher&) = delete;
    KafkaPublisher& operator=(const KafkaPublisher&) = delete;

    // Queues one message (copied). While the local queue is full (an outage longer than the
    // queue), waits for deliveries or time-outs to make room, at most message.timeout.ms.
    void send(std::string_view key, std::string_view value);
    // Serves delivery reports without waiting (a sensor calls it at every interval).
    void serve();
    // Waits for every queued message's fate, at most message.timeout.ms plus a margin (they are
    // all decided by then); what is still queued is purged and counted lost.
    void finish();

    const KafkaCounts& counts() const { return counts_; }
    // Why the last message was lost, and the last error the cluster connection reported ("" none).
    const std::string& last_delivery_error() const { return last_delivery_error_; }
    const std::string& last_broker_error() const { return last_broker_error_; }
    const KafkaSettings& settings() const { return settings_; }
    std::chrono::milliseconds message_timeout() const { return message_timeout_; }

private:
    KafkaPublisher(KafkaSettings settings, std::chrono::milliseconds message_timeout);
    friend struct KafkaCallbacks;  // librdkafka's delivery report and error callbacks (.cpp)

    KafkaSettings settings_;
    std::chrono::milliseconds message_timeout_;
    rd_kafka_s* handle_ = nullptr;
    KafkaCounts counts_;
    std::string last_delivery_error_, last_broker_error_;
};

}  // namespace sovscan
