// SIGINT and SIGTERM during `sovscan scan` (issue 19, defect 10): the first stops the reading and
// still writes every requested output, marked partial, exit 2; the second exits at once. The
// capture comes through a FIFO, so that the test knows sovscan is waiting for it — with its signal
// watcher running — when the signal is sent.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
    std::stringstream s;
    s << std::ifstream(p, std::ios::binary).rdbuf();
    return s.str();
}

class SignalCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sovscan-signal-" + std::to_string(getpid()));
        fs::create_directories(dir_);
        ASSERT_EQ(::mkfifo((dir_ / "in.pcap").c_str(), 0600), 0);
    }
    void TearDown() override {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        fs::remove_all(dir_);
    }

    // Starts `sovscan scan FIFO -o report.json --flows flows.csv` and waits until it blocks opening
    // the FIFO with its signal watcher waiting (Linux: the threads' /proc wchan).
    void start_scan() {
        pid_ = ::fork();
        ASSERT_GE(pid_, 0);
        if (pid_ == 0) {
            const int err = ::open((dir_ / "stderr.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            ::dup2(err, STDERR_FILENO);
            const std::string bin = sovscan_binary(), in = (dir_ / "in.pcap").string(),
                              out = (dir_ / "report.json").string(), flows = (dir_ / "flows.csv").string();
            ::execl(bin.c_str(), bin.c_str(), "scan", in.c_str(), "-o", out.c_str(), "--flows", flows.c_str(), "-q",
                    "--fail-on", "never", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            bool waiting_for_fifo = false, watcher = false;
            std::error_code ec;
            for (const auto& task : fs::directory_iterator("/proc/" + std::to_string(pid_) + "/task", ec)) {
                const std::string wchan = read(task.path() / "wchan");
                waiting_for_fifo |= wchan.find("wait_for_partner") != std::string::npos ||
                                    wchan.find("fifo") != std::string::npos;
                watcher |= wchan.find("sigtimedwait") != std::string::npos;
            }
            if (waiting_for_fifo && watcher) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        FAIL() << "sovscan never waited for its FIFO input";
    }

    // Writes a real capture of the corpus into the FIFO and closes it.
    void feed_capture() {
        const std::string bytes = read(corpus_file("ndpi/1kxun.pcap"));
        // sovscan stops reading at the signal and closes the FIFO: a write then fails with EPIPE
        // instead of killing the test.
        ::signal(SIGPIPE, SIG_IGN);
        const int fd = ::open((dir_ / "in.pcap").c_str(), O_WRONLY);
        ASSERT_GE(fd, 0);
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n <= 0) break;  // sovscan closed its end
            done += static_cast<size_t>(n);
        }
        ::close(fd);
    }

    int wait_exit() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
    }

    fs::path dir_;
    pid_t pid_ = -1;
};

TEST_F(SignalCli, TheFirstSignalWritesEveryOutputMarkedPartial) {
    start_scan();
    ::kill(pid_, SIGTERM);
    feed_capture();
    EXPECT_EQ(wait_exit(), 2);
    EXPECT_NE(read(dir_ / "stderr.txt").find("sovscan: SIGTERM: stopping; writing what was read so far"),
              std::string::npos);
    const nlohmann::json report = nlohmann::json::parse(read(dir_ / "report.json"));
    EXPECT_EQ(report["partial"], true);
    ASSERT_EQ(report["partial_reasons"].size(), 1u);
    EXPECT_EQ(report["partial_reasons"][0].get<std::string>().rfind("interrupted by SIGTERM after ", 0), 0u);
    EXPECT_EQ(read(dir_ / "flows.csv").rfind("first_seen,last_seen,proto,", 0), 0u);  // written, whole
}

TEST_F(SignalCli, TheSecondSignalExitsAtOnceWritingNothing) {
    start_scan();
    ::kill(pid_, SIGINT);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ::kill(pid_, SIGINT);
    EXPECT_EQ(wait_exit(), 128 + SIGINT);
    EXPECT_NE(read(dir_ / "stderr.txt").find("sovscan: interrupted again: exiting without writing"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir_ / "report.json"));
    EXPECT_FALSE(fs::exists(dir_ / "flows.csv"));
}

}  // namespace
}  // namespace sovscan::test
