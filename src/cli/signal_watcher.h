#pragma once
// SIGINT and SIGTERM during a command that reads captures (issue 19): the first asks the run to stop
// reading, end its live flows and write every requested output, marked partial, then exit 2; the
// second exits at once (128 + the signal's number), writing nothing more — outputs are written
// through temporary files, so a report that was there stays whole.
//
// The signals are blocked in every thread and taken by one thread with sigwait(), so no handler
// runs inside the scan and no global variable is needed. Construct it before any other thread
// starts (the blocked mask is inherited); the destructor restores the previous mask.
#include <signal.h>

#include <atomic>
#include <thread>

#include "common/stop_request.h"

namespace sovscan::cli {

class SignalWatcher {
public:
    // `reload`: SIGHUP is watched too and asks to re-read the policy and intel (take_reload());
    // otherwise it keeps its default action.
    explicit SignalWatcher(bool reload = false);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

    const StopRequest& stop_request() const { return stop_; }
    // True once after each SIGHUP (with `reload`).
    bool take_reload() { return reload_requested_.exchange(false); }

private:
    void watch();

    StopRequest stop_;
    std::atomic<bool> ending_{false};  // SIGUSR2 from the destructor, not from outside
    std::atomic<bool> reload_requested_{false};
    const bool reload_;
    sigset_t previous_mask_{};
    std::thread thread_;
};

}  // namespace sovscan::cli
