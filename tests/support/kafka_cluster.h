#pragma once
// A Kafka cluster for the tests, in the test's own process: librdkafka's mock cluster, which speaks
// the Kafka protocol on loopback ports (rd_kafka_mock_cluster_new), and a real consumer that reads
// a topic back from it. The sovscan binary, run by the test, is given bootstraps().
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace sovscan::test {

class MockKafkaCluster {
public:
    // `brokers` brokers; `topic` made with one partition (one partition: the order of the messages
    // is the order they were produced in).
    MockKafkaCluster(int brokers, const std::string& topic) {
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
        char why[512];
        // The mock cluster lives in a client handle of its own; the handle never connects anywhere.
        host_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, why, sizeof why);
        if (!host_) throw std::runtime_error(why);
        cluster_ = rd_kafka_mock_cluster_new(host_, brokers);
        if (!cluster_) throw std::runtime_error("rd_kafka_mock_cluster_new failed");
        if (rd_kafka_mock_topic_create(cluster_, topic.c_str(), 1, 1) != RD_KAFKA_RESP_ERR_NO_ERROR)
            throw std::runtime_error("rd_kafka_mock_topic_create failed");
    }
    ~MockKafkaCluster() {
        rd_kafka_mock_cluster_destroy(cluster_);
        rd_kafka_destroy(host_);
    }
    MockKafkaCluster(const MockKafkaCluster&) = delete;
    MockKafkaCluster& operator=(const MockKafkaCluster&) = delete;

    std::string bootstraps() const { return rd_kafka_mock_cluster_bootstraps(cluster_); }
    // Every broker disconnects its clients and refuses new connections; up() lets them in again.
    void down() { rd_kafka_mock_broker_set_down(cluster_, -1); }
    void up() { rd_kafka_mock_broker_set_up(cluster_, -1); }

private:
    rd_kafka_t* host_ = nullptr;
    rd_kafka_mock_cluster_t* cluster_ = nullptr;
};

struct ConsumedMessage {
    std::string key, value;
};

// Reads partition 0 of `topic` from the beginning until `expected` messages came and then `quiet`
// passed without another (so that a duplicate would be seen), or `timeout` passed.
inline std::vector<ConsumedMessage> consume_topic(const std::string& bootstraps, const std::string& topic,
                                                  size_t expected,
                                                  std::chrono::milliseconds quiet = std::chrono::milliseconds(1500),
                                                  std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    std::vector<ConsumedMessage> got;
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    char why[512];
    auto set = [&](const char* k, const char* v) {
        if (rd_kafka_conf_set(conf, k, v, why, sizeof why) != RD_KAFKA_CONF_OK) ADD_FAILURE() << k << ": " << why;
    };
    set("bootstrap.servers", bootstraps.c_str());
    set("group.id", "sovscan-test-reader");
    set("enable.auto.commit", "false");
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
    rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, why, sizeof why);
    if (!consumer) {
        ADD_FAILURE() << "consumer: " << why;
        return got;
    }
    rd_kafka_poll_set_consumer(consumer);
    rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(parts, topic.c_str(), 0)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(consumer, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    auto last = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() < give_up) {
        if (got.size() >= expected && std::chrono::steady_clock::now() - last > quiet) break;
        rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 100);
        if (!m) continue;
        if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            got.push_back({std::string(static_cast<const char*>(m->key), m->key_len),
                           std::string(static_cast<const char*>(m->payload), m->len)});
            last = std::chrono::steady_clock::now();
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(consumer);
    rd_kafka_destroy(consumer);
    return got;
}

}  // namespace sovscan::test
