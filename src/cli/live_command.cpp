// `sovscan live -i IFACE`: a SPAN port or TAP read as it happens, the same stages and report as
// `scan`, rewritten every interval (cli/sensor_run.h).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/sensor_run.h"
#include "common/escape.h"
#include "sources/live_capture.h"

namespace sovscan::cli {

namespace {

class LiveSource : public SensorSource {
public:
    explicit LiveSource(const LiveCaptureOptions& options) : capture_(options) {}

    void register_inputs(ScanSession& session) override {
        for (const std::string& name : capture_.interfaces()) {
            const uint16_t index = session.add_input("interface " + name);
            session.input(index).kind = "interface";
            if (!first_) first_ = index;
        }
        capture_.set_first_input(*first_);
    }
    size_t poll(ScanSession& session, int timeout_ms) override {
        // A batch fits in what the capture keeps readable, with the packets the pipeline holds in flight.
        static constexpr size_t kBatch = 8;
        RawPacket batch[kBatch];
        const size_t n = capture_.next_batch(batch, kBatch, timeout_ms);
        for (size_t i = 0; i < n; ++i) session.add_packet(batch[i]);
        return n;
    }
    void annotate(ScanReport& report) const override {
        for (const LiveCaptureStats& s : capture_.stats())
            for (InputSummary& in : report.inputs)
                if (in.kind == "interface" && in.path == "interface " + s.interface) {
                    in.kernel_drops = s.kernel_drops;
                    in.interface_drops = s.interface_drops;
                }
    }
    const char* command() const override { return "live"; }

private:
    LiveCapture capture_;
    std::optional<uint16_t> first_;
};

struct LiveArgs {
    ScanSourceOptions sources;
    SensorOptions sensor;
    LiveCaptureOptions capture;
    bool no_promiscuous = false;
};

int run_live(LiveArgs& a, const std::vector<std::string>& argv) {
    if (!a.sensor.check(a.sources)) return kExitUsage;
    a.capture.promiscuous = !a.no_promiscuous;
    std::unique_ptr<LiveSource> source;
    try {
        source = std::make_unique<LiveSource>(a.capture);  // as root: the only step that needs it
    } catch (const std::runtime_error& e) {
        std::cerr << "sovscan: error: " << terminal_safe(e.what()) << "\n";
        return kExitUsage;
    }
    return run_sensor(a.sources, a.sensor, *source, argv);
}

}  // namespace

CommandRunner add_live_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<LiveArgs>();
    CLI::App* cmd = app.add_subcommand(
        "live", "Capture from network interfaces (a SPAN port, a TAP) and report as scan does, every interval, until "
                "SIGTERM or Ctrl-C; alert on every new finding.");
    cmd->add_option("-i,--interface", a->capture.interfaces, "interface to capture on (repeatable)")
        ->required()
        ->type_name("IFACE");
    cmd->add_option("--filter", a->capture.filter, "BPF filter, as tcpdump takes it (e.g. 'not port 22')")
        ->type_name("BPF");
    cmd->add_option("--snaplen", a->capture.snaplen, "bytes captured of each packet")
        ->capture_default_str()
        ->check(CLI::Range(64, 262144));
    cmd->add_flag("--no-promiscuous", a->no_promiscuous, "do not put the interfaces in promiscuous mode");
    a->sensor.add_to(*cmd);
    a->sources.add_to(*cmd, CaptureArgs::none, /*inventory_options=*/false);
    cmd->footer(
        "Examples:\n"
        "  sovscan live -i eth1 --user sovscan --home-net 10.20.0.0/16 -o /var/lib/sovscan/live.json \\\n"
        "      --alerts /var/log/sovscan/alerts.json\n"
        "  sovscan live -i eth1 -i eth2 --filter 'not port 22' --interval 60 --syslog udp://siem:514 --user sovscan\n"
        "  sovscan live -i eth1 --user sovscan --kafka kafka1:9093 --kafka-topic sovscan \\\n"
        "      --kafka-option security.protocol=SSL --kafka-option ssl.ca.location=/etc/sovscan/ca.pem\n"
        "Every report carries each interface's drop counters (kernel, interface) and is marked partial when\n"
        "anything was dropped. SIGTERM/SIGINT end every live flow and write the final report; the exit code is\n"
        "scan's (1: findings at or above --fail-on; 2 after errors or when --kafka lost messages). With --kafka\n"
        "every interval streams every finding's current state, keyed by its stable id (docs/kafka.md).\n"
        "SIGHUP re-reads --policy and the intel, keeping every flow.\n"
        "Needs root or CAP_NET_RAW to open the interfaces; --user gives root up right after\n"
        "(docs/deployment.md has a hardened systemd unit).");
    return [a, argv]() {
        a->sources.note_given();
        return run_live(*a, argv);
    };
}

}  // namespace sovscan::cli
