#pragma once
// A request to stop a long run early and keep what it computed (SIGINT, SIGTERM; later a live
// capture's interval end). Set from another thread (cli/signal_watcher.h), read by the engine
// between batches of packets: one relaxed atomic load per batch.
#include <atomic>

namespace sovscan {

class StopRequest {
public:
    void request(int signal_number) { signal_.store(signal_number, std::memory_order_relaxed); }
    bool requested() const { return signal_.load(std::memory_order_relaxed) != 0; }
    int signal_number() const { return signal_.load(std::memory_order_relaxed); }

private:
    std::atomic<int> signal_{0};
};

}  // namespace sovscan
