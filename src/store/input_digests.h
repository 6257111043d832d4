#pragma once
// SHA-256 of a run's input files, computed on a thread of its own while the scan reads them. The
// scan is one thread; a stored run names its inputs by digest, and reading a 2 GB capture a second
// time after the scan would add a second or more to every run (issue 17 allows a store 10 %).
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace sovscan {

// "" when the file cannot be read.
std::string file_sha256(const std::string& path);

class InputDigests {
public:
    // Starts digesting every regular file `paths` name, directories searched recursively.
    explicit InputDigests(std::vector<std::string> paths);
    ~InputDigests();  // stops early when the digests were never asked for
    InputDigests(const InputDigests&) = delete;
    InputDigests& operator=(const InputDigests&) = delete;

    // The digest of `path` (waits for the thread); digested here when the thread did not see it.
    std::string of(const std::string& path);

private:
    void run();

    std::vector<std::string> paths_;
    std::map<std::string, std::string> by_file_;  // canonical path -> digest; the thread's until joined
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace sovscan
