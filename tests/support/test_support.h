#pragma once
// Helpers shared by the tests: where the corpus is (failing, never skipping, when it is missing).
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

}  // namespace sovscan::test
