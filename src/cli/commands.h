#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <vector>
#include <string>

namespace sovscan::cli {

// Each command registers its options on a subcommand and returns the function that runs it
// (after parsing), which returns the process exit code.
using CommandRunner = std::function<int()>;

CommandRunner add_scan_command(CLI::App& app, const std::vector<std::string>& argv);
CommandRunner add_live_command(CLI::App& app, const std::vector<std::string>& argv);
CommandRunner add_collect_command(CLI::App& app, const std::vector<std::string>& argv);
CommandRunner add_intel_command(CLI::App& app);
CommandRunner add_lookup_command(CLI::App& app);
CommandRunner add_models_command(CLI::App& app);
CommandRunner add_assets_command(CLI::App& app, const std::vector<std::string>& argv);
CommandRunner add_risk_command(CLI::App& app, const std::vector<std::string>& argv);
CommandRunner add_merge_command(CLI::App& app, const std::vector<std::string>& argv);
CommandRunner add_history_command(CLI::App& app);
CommandRunner add_diff_command(CLI::App& app);
CommandRunner add_report_command(CLI::App& app);

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

}  // namespace sovscan::cli
