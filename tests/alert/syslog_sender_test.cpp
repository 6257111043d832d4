// Alerts as RFC 5424 messages (alert/syslog_sender.h): the exact header, and a real syslog daemon
// (Debian's rsyslog, started here with its own configuration on a loopback port) receiving every
// alert of a real scan and taking the message id, structured data and the ECS document apart.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "alert/syslog_sender.h"
#include "cli/cli_run.h"
#include "support/child_process.h"
#include "support/free_port.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

TEST(Rfc5424, HeaderFieldsAreExactAndHostileOnesCannotBreakThem) {
    SyslogMessage m;
    m.facility = 16;
    m.severity = 3;
    m.ts_ns = 1'700'000'000'123'456'789;
    m.hostname = "sensor 1\n";
    m.procid = "42";
    m.msgid = "SOV-001";
    m.structured_data = "[sovscan@32473 finding_id=\"" + sd_param_value("a\"b]c\\") + "\"]";
    m.msg = "{\"x\":1}";
    EXPECT_EQ(format_rfc5424(m),
              "<131>1 2023-11-14T22:13:20.123456Z sensor_1_ sovscan 42 SOV-001 "
              "[sovscan@32473 finding_id=\"a\\\"b\\]c\\\\\"] \xEF\xBB\xBF{\"x\":1}");
    SyslogMessage empty;
    empty.app_name.clear();
    EXPECT_EQ(format_rfc5424(empty), "<132>1 1970-01-01T00:00:00.000000Z - - - - - \xEF\xBB\xBF");
}

TEST(SyslogSender, RefusesTargetsItCannotUse) {
    std::string error;
    EXPECT_FALSE(SyslogSender::open("tcp://host:514", error));
    EXPECT_EQ(error, "--syslog tcp://host:514: expected udp://HOST:PORT or unix:PATH");
    EXPECT_FALSE(SyslogSender::open("udp://nohostport", error));
    EXPECT_EQ(error, "--syslog udp://nohostport: expected udp://HOST:PORT");
    EXPECT_FALSE(SyslogSender::open("unix:", error));
}

TEST(SyslogSender, RsyslogReceivesEveryAlertOfAScan) {
    const fs::path dir = fs::temp_directory_path() / ("sovscan-rsyslog-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const int port = free_udp_port();
    std::ofstream(dir / "rsyslog.conf") << "global(workDirectory=\"" << dir.string() << "\")\n"
                                        << "module(load=\"imudp\")\n"
                                        << "input(type=\"imudp\" address=\"127.0.0.1\" port=\"" << port << "\")\n"
                                        << "template(name=\"parts\" type=\"string\" "
                                           "string=\"%msgid%|%structured-data%|%hostname%|%msg%\\n\")\n"
                                        << "*.* action(type=\"omfile\" file=\"" << (dir / "received.log").string()
                                        << "\" template=\"parts\")\n";
    ChildProcess rsyslog;
    ASSERT_TRUE(rsyslog.start({"rsyslogd", "-n", "-f", (dir / "rsyslog.conf").string(), "-i",
                               (dir / "rsyslog.pid").string()},
                              (dir / "rsyslog.out").string(), (dir / "rsyslog.err").string()));
    // rsyslog has its socket open once its pid file is written.
    ASSERT_TRUE(wait_until([&] { return fs::exists(dir / "rsyslog.pid"); })) << file_text(dir / "rsyslog.err");

    const CliResult r = run_sovscan("scan " + corpus_file("ndpi/wechat.pcap") + " --fail-on never -q --format json --sensor ot-sensor-3 "
                                    "--syslog udp://127.0.0.1:" + std::to_string(port) + " --alerts " +
                                    (dir / "alerts.json").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json report = json::parse(r.out);
    std::set<std::string> ids;
    for (const json& f : report["findings"])
        if (f["suppressed"].is_null()) ids.insert(f["id"].get<std::string>());
    ASSERT_FALSE(ids.empty());

    std::set<std::string> received;
    ASSERT_TRUE(wait_until([&] {
        std::istringstream lines(file_text(dir / "received.log"));
        std::string line;
        received.clear();
        while (std::getline(lines, line)) received.insert(line);
        return received.size() >= ids.size();
    })) << "rsyslog got " << received.size() << " of " << ids.size() << " alerts";
    std::set<std::string> got_ids;
    for (const std::string& line : received) {
        const auto p1 = line.find('|'), p2 = line.find('|', p1 + 1), p3 = line.find('|', p2 + 1);
        const std::string msgid = line.substr(0, p1), sd = line.substr(p1 + 1, p2 - p1 - 1),
                          host = line.substr(p2 + 1, p3 - p2 - 1);
        std::string msg = line.substr(p3 + 1);
        if (msg.rfind("\xEF\xBB\xBF", 0) == 0) msg = msg.substr(3);
        EXPECT_EQ(msgid.rfind("SOV-", 0), 0u) << line;
        EXPECT_EQ(sd.rfind("[sovscan@32473 finding_id=\"", 0), 0u) << line;
        EXPECT_EQ(host, "ot-sensor-3");
        const json alert = json::parse(msg);
        EXPECT_EQ(alert["rule"]["id"], msgid);
        EXPECT_EQ(alert["observer"]["hostname"], "ot-sensor-3");
        got_ids.insert(alert["event"]["id"].get<std::string>());
    }
    EXPECT_EQ(got_ids, ids);
    // The same alerts went to the file, one line each.
    std::istringstream file(file_text(dir / "alerts.json"));
    std::string line;
    size_t lines = 0;
    while (std::getline(file, line)) ++lines, json::parse(line);
    EXPECT_EQ(lines, ids.size());
    rsyslog.signal(SIGTERM);
    rsyslog.wait();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace sovscan::test
