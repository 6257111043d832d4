#include "support/test_support.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

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

}  // namespace sovscan::test
