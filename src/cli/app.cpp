#include "cli/app.h"

#include <CLI/CLI.hpp>

namespace sovscan::cli {

int run(int argc, char** argv) {
    CLI::App app{"sovscan - exposure to high-risk suppliers and jurisdictions"};
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    return 0;
}

}  // namespace sovscan::cli
