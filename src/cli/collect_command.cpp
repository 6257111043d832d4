// `sovscan collect --listen [ADDR:]PORT`: the routers' and firewalls' flow exports (NetFlow v5/v9,
// IPFIX, sFlow v5) read as they arrive, the same stages and report as `scan`, rewritten every
// interval (cli/sensor_run.h).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/sensor_run.h"
#include "common/escape.h"
#include "sources/flow_export_listener.h"

namespace sovscan::cli {

namespace {

class CollectSource : public SensorSource {
public:
    explicit CollectSource(const std::vector<std::string>& specs) {
        for (const std::string& spec : specs) listener_.listen(spec);  // throws with the reason
    }

    void register_inputs(ScanSession& session) override {
        std::string sockets;
        for (const ListenSocketInfo& s : listener_.sockets()) sockets += (sockets.empty() ? "" : ", ") + s.local;
        // The decoders were made with input 0 (before the session existed): the listening sockets
        // are the session's first input.
        if (session.add_input("listening on " + sockets) != 0)
            throw std::logic_error("collect: the flow export input must be the session's first");
        session.input(0).kind = "flow-export";
    }
    size_t poll(ScanSession& session, int timeout_ms) override { return listener_.poll(timeout_ms, session); }
    void annotate(ScanReport& report) const override {
        // Every exporter seen, as an input of its own: what it sent and how it sampled.
        for (const ExporterSummary& e : listener_.exporter_summary()) {
            InputSummary in;
            in.path = "exporter " + e.address;
            in.kind = e.protocols;
            in.records = e.records;
            in.packets = e.packets;
            in.bytes = e.bytes;
            report.inputs.push_back(in);
        }
        uint64_t socket_drops = 0;
        for (const ListenSocketInfo& s : listener_.sockets()) socket_drops += s.kernel_drops;
        for (InputSummary& in : report.inputs)
            if (in.kind == "flow-export") in.kernel_drops = socket_drops;
        report.input_counters = const_cast<FlowExportListener&>(listener_).counters();
    }
    const char* command() const override { return "collect"; }
    const FlowExportListener& listener() const { return listener_; }

private:
    FlowExportListener listener_{0};
};

struct CollectArgs {
    ScanSourceOptions sources;
    SensorOptions sensor;
    std::vector<std::string> listen;
};

int run_collect(CollectArgs& a, const std::vector<std::string>& argv) {
    if (!a.sensor.check(a.sources)) return kExitUsage;
    std::unique_ptr<CollectSource> source;
    try {
        source = std::make_unique<CollectSource>(a.listen);
    } catch (const std::runtime_error& e) {
        std::cerr << "sovscan: error: " << terminal_safe(e.what()) << "\n";
        return kExitUsage;
    }
    if (!a.sources.quiet)
        for (const ListenSocketInfo& s : source->listener().sockets())
            std::cerr << fmt::format("sovscan collect: listening on {} (receive buffer {} KiB)\n", s.local,
                                     s.receive_buffer / 1024);
    return run_sensor(a.sources, a.sensor, *source, argv);
}

}  // namespace

CommandRunner add_collect_command(CLI::App& app, const std::vector<std::string>& argv) {
    auto a = std::make_shared<CollectArgs>();
    CLI::App* cmd = app.add_subcommand(
        "collect", "Receive NetFlow v5/v9, IPFIX and sFlow v5 from routers and firewalls and report as scan does, every "
                   "interval, until SIGTERM or Ctrl-C; alert on every new finding.");
    cmd->add_option("--listen", a->listen, "UDP [ADDR:]PORT to receive exports on (repeatable): 2055, 0.0.0.0:4739, "
                                           "[::]:6343")
        ->required()
        ->type_name("[ADDR:]PORT");
    a->sensor.add_to(*cmd);
    a->sources.add_to(*cmd, CaptureArgs::none, /*inventory_options=*/false);
    cmd->footer(
        "Examples:\n"
        "  sovscan collect --listen 2055 --listen 6343 --user sovscan -o /var/lib/sovscan/flows.json\n"
        "  sovscan collect --listen 127.0.0.1:9995 --interval 60 --alerts - --allow-root\n"
        "  sovscan collect --listen 2055 --user sovscan --kafka kafka1:9092 --kafka-topic sovscan\n"
        "Templates and sampling rates are kept per exporter and observation domain; sampled counts are scaled\n"
        "by the rate and the report says so. The report lists every exporter seen with its protocols and\n"
        "counters, and the datagrams the kernel dropped (marked partial). docs/inputs.md has the field mapping,\n"
        "docs/deployment.md the export settings for common routers and firewalls. Exit codes as for live (2 also\n"
        "when --kafka lost messages; every interval streams every finding's current state, docs/kafka.md).");
    return [a, argv]() {
        a->sources.note_given();
        return run_collect(*a, argv);
    };
}

}  // namespace sovscan::cli
