#pragma once
// Helpers shared by the tests: where the corpus is (failing, never skipping, when it is missing).
#include <cstddef>
#include <string>

namespace sovscan::test {

// Absolute path of ../shared/corpus (or $SOVSCAN_CORPUS_DIR). Fails the current test with a clear
// message when the directory does not exist.
std::string corpus_dir();
// corpus_dir() + "/" + relative, asserting the file exists.
std::string corpus_file(const std::string& relative);
std::string source_dir();
// The build directory, for files a test writes for people to read (reports, tables).
std::string build_dir();
std::string sovscan_binary();
// The whole content of a file ("" when it cannot be read).
std::string file_text(const std::string& path);

// Memory caps for tests that prove a reader stops early instead of buffering without end. An
// address-space limit (RLIMIT_AS, `ulimit -v`) is the exact tool, but a sanitizer build reserves
// terabytes of shadow address space at start-up and cannot run under one; there the cap is on the
// resident set instead (a watchdog thread in a forked child, ASan's hard_rss_limit_mb in a new
// process). Either way the process dies when it takes more than `megabytes`.
bool built_with_sanitizers();
// In a forked child: caps this process; exits with 134 (as an abort would) when it is exceeded.
void cap_memory_of_this_process(std::size_t megabytes);
// A shell prefix for a command line run by the tests: "ulimit -v ...; " or the sanitizer option.
std::string memory_cap_shell_prefix(std::size_t megabytes);

}  // namespace sovscan::test
