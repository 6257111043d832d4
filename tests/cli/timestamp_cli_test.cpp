// Capture times in the report: a pcapng whose clock overflows int64 nanoseconds (a corrupt
// if_tsresol or timestamp) gives times clamped to 2262 and a warning, never 1969 dates or a null
// last_seen.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../decode/packet_builder.h"
#include "cli/cli_run.h"
#include "sources/capture_builders.h"

namespace sovscan::test {
namespace {

TEST(TimestampCli, OverflowingPcapngTimesAreClampedNotWrapped) {
    PcapngBuilder b;
    b.section(false)
        .interface(kLinkRaw, 0, 9)  // ns
        .interface(kLinkRaw, 0, 0)  // seconds
        .enhanced(0, 1'700'000'000'000'000'000ull, ipv4("10.0.0.1", "8.8.8.8", 17, udp(40000, 53, zeros(20))))
        .enhanced(1, 30'000'000'000ull, ipv4("10.0.0.1", "8.8.8.8", 17, udp(40000, 53, zeros(20))))
        .enhanced(0, UINT64_MAX, ipv4("10.0.0.1", "8.8.8.8", 17, udp(40000, 53, zeros(20))));
    const auto dir = std::filesystem::temp_directory_path() / ("sovscan-ts-cli-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string capture = (dir / "overflow.pcapng").string();
    std::ofstream(capture, std::ios::binary)
        .write(reinterpret_cast<const char*>(b.bytes().data()), static_cast<std::streamsize>(b.bytes().size()));
    const CliResult r = run_sovscan("scan " + capture + " --no-progress --format json");
    std::filesystem::remove_all(dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("1969-"), std::string::npos);
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["summary"]["first_seen"], "2023-11-14T22:13:20.000000Z");
    EXPECT_EQ(j["summary"]["last_seen"], "2262-04-11T23:47:16.854775Z");
    EXPECT_EQ(j["inputs"][0]["last_seen"], "2262-04-11T23:47:16.854775Z");
    ASSERT_EQ(j["problems"].size(), 1u);
    EXPECT_NE(j["problems"][0]["message"].get<std::string>().find("packet 2: timestamp 30000000000 does not fit"),
              std::string::npos)
        << j["problems"][0];
    EXPECT_FALSE(j["partial"].get<bool>());
}

}  // namespace
}  // namespace sovscan::test
