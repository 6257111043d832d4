#include "corpus/scan_run.h"

#include <gtest/gtest.h>

namespace sovscan::test {

ScanRun scan_capture(const std::string& path, const std::vector<std::string>& home_nets) {
    ScanRun run;
    ScanOptions opt;
    opt.inputs = {path};
    for (const auto& n : home_nets) opt.policy.home_networks.push_back(*Cidr::parse(n));
    opt.on_flow = [&run](const Flow& f) { run.flows.push_back(f); };
    run.report = ScanEngine::run(opt, run.diag);
    if (!run.report) {
        std::string why;
        for (const auto& p : run.diag.problems()) why += p.input + ": " + p.message + "\n";
        ADD_FAILURE() << "scan of " << path << " failed:\n" << why;
    }
    return run;
}

}  // namespace sovscan::test
