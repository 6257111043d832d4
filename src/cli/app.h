#pragma once

namespace sovscan::cli {

// Parses the command line, runs the command, returns the process exit code:
// 0 = no finding at or above --fail-on, 1 = such findings, 2 = usage or input error.
int run(int argc, char** argv);

}  // namespace sovscan::cli
