#include "export/kafka_publisher.h"

#include <fmt/format.h>
#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <charconv>
#include <thread>

#include "common/escape.h"

namespace sovscan {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kDefaultMessageTimeout{60'000};
// finish() waits this much beyond message.timeout.ms: by then librdkafka has decided every message.
constexpr milliseconds kFinishMargin{5'000};

bool set(rd_kafka_conf_t* conf, const std::string& key, const std::string& value, std::string& error,
         const std::string& origin = "kafka setting") {
    char why[512];
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), why, sizeof why) == RD_KAFKA_CONF_OK) return true;
    error = fmt::format("{} {}: {}", origin, printable(key), printable(why));
    return false;
}

bool is_false(std::string value) {
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    return value == "false" || value == "0" || value == "no" || value == "off";
}

}  // namespace

// librdkafka calls these from rd_kafka_poll()/rd_kafka_flush(), i.e. on the thread that sends.
struct KafkaCallbacks {
    static void delivered(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
        auto* self = static_cast<KafkaPublisher*>(opaque);
        if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            ++self->counts_.delivered;
        } else {
            ++self->counts_.lost;
            self->last_delivery_error_ = rd_kafka_err2str(m->err);
        }
    }
    static void error(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
        auto* self = static_cast<KafkaPublisher*>(opaque);
        self->last_broker_error_ = reason ? reason : rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(err));
        if (err == RD_KAFKA_RESP_ERR__FATAL) {
            char why[512];
            rd_kafka_fatal_error(rk, why, sizeof why);
            self->last_broker_error_ = fmt::format("fatal: {}", why);
        }
    }
    // The errors reach error(); librdkafka's own log lines (a refused connection every backoff)
    // would only repeat them on sovscan's standard error.
    static void log(const rd_kafka_t*, int, const char*, const char*) {}
};

KafkaPublisher::KafkaPublisher(KafkaSettings settings, milliseconds message_timeout)
    : settings_(std::move(settings)), message_timeout_(message_timeout) {}

KafkaPublisher::~KafkaPublisher() {
    if (!handle_) return;
    // finish() decided every message; anything sent after it is dropped here, not waited for.
    rd_kafka_purge(handle_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_poll(handle_, 0);
    rd_kafka_destroy(handle_);
}

std::unique_ptr<KafkaPublisher> KafkaPublisher::open(const KafkaSettings& settings, std::string& error) {
    milliseconds timeout = kDefaultMessageTimeout;
    bool debug = false;
    for (const auto& [key, value, origin] : settings.options) {
        if (key == "enable.idempotence" && is_false(value)) {
            error = fmt::format("{} enable.idempotence: sovscan keeps the producer idempotent (a retried message "
                                "must not be written twice)", origin);
            return nullptr;
        }
        if (key == "bootstrap.servers") {
            error = fmt::format("{} bootstrap.servers: give the brokers with --kafka", origin);
            return nullptr;
        }
        if (key == "message.timeout.ms" || key == "delivery.timeout.ms") {
            int ms = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
            if (ec != std::errc() || end != value.data() + value.size() || ms <= 0) {
                error = fmt::format("{} {}: '{}' is not a positive number of milliseconds (0, waiting for ever, "
                                    "is not allowed)", origin, key, printable(value));
                return nullptr;
            }
            timeout = milliseconds(ms);
        }
        if (key == "debug") debug = true;
    }
    std::unique_ptr<KafkaPublisher> p(new KafkaPublisher(settings, timeout));
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    bool ok = set(conf, "bootstrap.servers", settings.brokers, error) &&
              set(conf, "enable.idempotence", "true", error) &&
              set(conf, "message.timeout.ms", std::to_string(kDefaultMessageTimeout.count()), error) &&
              set(conf, "client.id", "sovscan", error);
    for (const auto& [key, value, origin] : settings.options)
        if (ok) ok = set(conf, key, value, error, origin);
    if (!ok) {
        rd_kafka_conf_destroy(conf);
        return nullptr;
    }
    rd_kafka_conf_set_opaque(conf, p.get());
    rd_kafka_conf_set_dr_msg_cb(conf, KafkaCallbacks::delivered);
    rd_kafka_conf_set_error_cb(conf, KafkaCallbacks::error);
    if (!debug) rd_kafka_conf_set_log_cb(conf, KafkaCallbacks::log);
    char why[512];
    p->handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, why, sizeof why);  // takes conf when it succeeds
    if (!p->handle_) {
        rd_kafka_conf_destroy(conf);
        error = fmt::format("--kafka {}: {}", settings.brokers, why);
        return nullptr;
    }
    return p;
}

void KafkaPublisher::send(std::string_view key, std::string_view value) {
    ++counts_.sent;
    const auto give_up = std::chrono::steady_clock::now() + message_timeout_ + kFinishMargin;
    for (;;) {
        const rd_kafka_resp_err_t err = rd_kafka_producev(
            handle_, RD_KAFKA_V_TOPIC(settings_.topic.c_str()),
            RD_KAFKA_V_KEY(const_cast<char*>(key.data()), key.size()),
            RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_END);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || std::chrono::steady_clock::now() > give_up) {
            ++counts_.lost;
            last_delivery_error_ = rd_kafka_err2str(err);
            break;
        }
        // The queue holds queue.buffering.max.messages: room comes with deliveries or time-outs.
        rd_kafka_poll(handle_, 100);
    }
    rd_kafka_poll(handle_, 0);
}

void KafkaPublisher::serve() { rd_kafka_poll(handle_, 0); }

void KafkaPublisher::finish() {
    const auto until = std::chrono::steady_clock::now() + message_timeout_ + kFinishMargin;
    while (counts_.pending() > 0 && std::chrono::steady_clock::now() < until) rd_kafka_flush(handle_, 100);
    if (counts_.pending() == 0) return;
    // Not decided in time (librdkafka should have timed them out): purged, their reports served,
    // and whatever still has none counted lost.
    rd_kafka_purge(handle_, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_flush(handle_, 1000);
    if (counts_.pending() > 0) {
        counts_.lost += counts_.pending();
        last_delivery_error_ = "not acknowledged in time";
    }
}

}  // namespace sovscan
