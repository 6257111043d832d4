// The hardened systemd unit shipped for a live sensor (dist/systemd, docs/deployment.md): systemd
// itself must accept it, and it must keep the promises the documentation makes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;

std::string unit_text() {
    std::stringstream s;
    s << std::ifstream(test::source_dir() + "/dist/systemd/sovscan-live@.service").rdbuf();
    return s.str();
}

TEST(SystemdUnit, SystemdAnalyzeVerifiesIt) {
    std::string unit = unit_text();
    ASSERT_FALSE(unit.empty());
    // Installed, the binary is /usr/local/bin/sovscan; here, the one just built.
    for (size_t at; (at = unit.find("/usr/local/bin/sovscan")) != std::string::npos;)
        unit.replace(at, std::string("/usr/local/bin/sovscan").size(), sovscan_binary());
    const fs::path dir = fs::temp_directory_path() / ("sovscan-unit-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "sovscan-live@eth1.service") << unit;
    const CliResult r = run_program("systemd-analyze", "verify " + (dir / "sovscan-live@eth1.service").string());
    fs::remove_all(dir);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.err, "");
}

TEST(SystemdUnit, RunsWithoutRootAndWithCapNetRawOnly) {
    const std::string unit = unit_text();
    EXPECT_NE(unit.find("\nDynamicUser=yes\n"), std::string::npos);
    EXPECT_NE(unit.find("\nCapabilityBoundingSet=CAP_NET_RAW\n"), std::string::npos);
    EXPECT_NE(unit.find("\nAmbientCapabilities=CAP_NET_RAW\n"), std::string::npos);
    EXPECT_NE(unit.find("\nProtectSystem=strict\n"), std::string::npos);
    EXPECT_NE(unit.find("\nNoNewPrivileges=yes\n"), std::string::npos);
    EXPECT_EQ(unit.find("--allow-root"), std::string::npos);
}

}  // namespace
}  // namespace sovscan::test
