#include "support/test_support.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace sovscan::test {

std::string corpus_dir() {
    const char* env = std::getenv("SOVSCAN_CORPUS_DIR");
    std::string dir = env && *env ? env : SOVSCAN_CORPUS_DIR;
    if (!std::filesystem::is_directory(dir)) {
        ADD_FAILURE() << "corpus directory missing: " << dir
                      << " (tests read real captures from ../shared/corpus; set SOVSCAN_CORPUS_DIR)";
    }
    return dir;
}

std::string corpus_file(const std::string& relative) {
    std::string path = corpus_dir() + "/" + relative;
    if (!std::filesystem::exists(path)) ADD_FAILURE() << "corpus file missing: " << path;
    return path;
}

std::string source_dir() { return SOVSCAN_SOURCE_DIR; }
std::string build_dir() { return SOVSCAN_BUILD_DIR; }
std::string sovscan_binary() { return SOVSCAN_BINARY; }

bool built_with_sanitizers() {
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

namespace {

// Resident set of this process in bytes, from /proc/self/statm (its second field, in pages).
std::size_t resident_bytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long size = 0, resident = 0;
    const int got = std::fscanf(f, "%lu %lu", &size, &resident);
    std::fclose(f);
    return got == 2 ? resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace

void cap_memory_of_this_process(std::size_t megabytes) {
    const std::size_t limit = megabytes << 20;
    if (!built_with_sanitizers()) {
        rlimit as{limit, limit};
        ::setrlimit(RLIMIT_AS, &as);
        return;
    }
    std::thread([limit] {
        for (;;) {
            if (resident_bytes() > limit) ::_exit(134);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }).detach();
}

std::string memory_cap_shell_prefix(std::size_t megabytes) {
    if (!built_with_sanitizers()) return "ulimit -v " + std::to_string(megabytes * 1024) + "; ";
    const char* inherited = std::getenv("ASAN_OPTIONS");
    return "ASAN_OPTIONS='" + std::string(inherited ? inherited : "") + ":hard_rss_limit_mb=" +
           std::to_string(megabytes) + "' ";
}

std::string file_text(const std::string& path) {
    std::stringstream s;
    s << std::ifstream(path, std::ios::binary).rdbuf();
    return s.str();
}

}  // namespace sovscan::test
