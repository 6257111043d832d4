#include "cli/signal_watcher.h"

#include <pthread.h>
#include <unistd.h>

#include <cstring>

namespace sovscan::cli {
namespace {

// SIGUSR2 only wakes the watcher when the command ends.
sigset_t watched_signals(bool reload) {
    sigset_t set;
    sigemptyset(&set);
    if (reload) sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR2);
    return set;
}

void say(const char* text) {
    // write(2): async-signal-safe and unbuffered, as a message at exit must be.
    [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, text, std::strlen(text));
}

}  // namespace

SignalWatcher::SignalWatcher(bool reload) : reload_(reload) {
    const sigset_t set = watched_signals(reload_);
    pthread_sigmask(SIG_BLOCK, &set, &previous_mask_);
    thread_ = std::thread([this] { watch(); });
}

SignalWatcher::~SignalWatcher() {
    ending_ = true;
    pthread_kill(thread_.native_handle(), SIGUSR2);
    thread_.join();
    // A signal that arrived after the watcher ended stays pending and is delivered here, with its
    // default action: the outputs are written by then.
    pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

void SignalWatcher::watch() {
    const sigset_t set = watched_signals(reload_);
    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0) continue;
        if (sig == SIGUSR2) {
            if (ending_) return;
            continue;
        }
        if (sig == SIGHUP) {
            reload_requested_ = true;
            say("sovscan: SIGHUP: re-reading the policy and the intel at the next batch\n");
            continue;
        }
        if (!stop_.requested()) {
            stop_.request(sig);
            say(sig == SIGINT ? "\nsovscan: SIGINT: stopping; writing what was read so far (again to exit at once)\n"
                              : "\nsovscan: SIGTERM: stopping; writing what was read so far (again to exit at once)\n");
            continue;
        }
        say("sovscan: interrupted again: exiting without writing\n");
        ::_exit(128 + sig);
    }
}

}  // namespace sovscan::cli
