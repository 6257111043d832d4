// `sovscan models`: AI models under directories (GGUF files, Hugging Face model directories), who
// made them, whether the weights are here, and the verdict under the policy.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "assess/model_assessment.h"
#include "cli/commands.h"
#include "cli/output_paths.h"
#include "cli/scan_options.h"
#include "cli/shared_options.h"
#include "common/escape.h"
#include "intel/catalog.h"
#include "inventory/inventory_result.h"
#include "inventory/model_scanner.h"
#include "report/model_report.h"

namespace sovscan::cli {

namespace {

struct ModelsArgs {
    std::vector<std::string> paths;
    bool json = false;
    std::string output;
    IntelDirOptions intel;
    std::string high_risk = "CN,HK,MO";
    bool high_risk_given = false;
    std::string policy_file;
    std::string color = "auto";
};

int run_models(const ModelsArgs& a) {
    Policy policy;
    if (!a.policy_file.empty() && !load_policy_option(a.policy_file, policy)) return kExitUsage;
    if (a.high_risk_given && !parse_high_risk_option(a.high_risk, policy.high_risk_jurisdictions)) return kExitUsage;

    // Only the catalog is needed: a model's origin is judged by its files, never by the network.
    std::vector<std::string> catalog_problems;
    const std::string catalog_dir = a.intel.paths().catalog_dir;
    std::unique_ptr<Catalog> catalog = Catalog::load(catalog_dir, catalog_problems);
    for (const std::string& p : catalog_problems)
        std::cerr << fmt::format("sovscan: error: {}: {}\n", terminal_safe(catalog_dir), terminal_safe(p));
    if (!catalog_problems.empty()) return kExitUsage;

    if (!check_outputs({{"-o", a.output}}, a.paths, /*force=*/false)) return kExitUsage;

    ModelInventory found = scan_models(a.paths);
    for (const InventoryProblem& p : found.problems)
        std::cerr << fmt::format("sovscan: error: {}\n", terminal_safe(problem_line(p)));

    ModelJudge judge(*catalog, policy);
    std::vector<ModelAssessment> assessed;
    assessed.reserve(found.models.size());
    bool high_risk = false;
    for (ModelArtifact& m : found.models) {
        assessed.push_back(judge.assess(std::move(m)));
        high_risk = high_risk || assessed.back().verdict == Verdict::high_risk;
    }

    if (!a.output.empty() && !write_output(a.output, [&](std::ostream& out) { write_models_json(assessed, out); }))
        return kExitUsage;
    if (a.json) {
        write_models_json(assessed, std::cout);
    } else {
        const bool colour = a.color == "always" || (a.color == "auto" && isatty(STDOUT_FILENO));
        write_models_table(assessed, std::cout, ModelTableStyle{.colour = colour});
    }
    std::cout.flush();
    if (!found.problems.empty()) return kExitUsage;
    return high_risk ? kExitFindings : kExitOk;
}

}  // namespace

CommandRunner add_models_command(CLI::App& app) {
    auto a = std::make_shared<ModelsArgs>();
    CLI::App* cmd = app.add_subcommand(
        "models", "Find AI models (GGUF files, Hugging Face model directories) under directories, say who made them "
                  "(Qwen, DeepSeek, GLM, Kimi, ...), whether the weights are here, and the verdict under the policy.");
    cmd->add_option("paths", a->paths, "directories (searched recursively) or model files")
        ->type_name("DIR")
        ->required();
    cmd->add_flag("--json", a->json, "print a JSON array, one object per model, instead of the table");
    cmd->add_option("-o,--output", a->output, "also write the JSON array to FILE")->type_name("FILE");
    a->intel.add_catalog_dir_to(*cmd);
    CLI::Option* high_risk = add_high_risk_option(*cmd, a->high_risk);
    cmd->add_option("--policy", a->policy_file,
                    "policy file (YAML, docs/policy.md) for the high-risk jurisdictions; --high-risk overrides it")
        ->type_name("FILE");
    cmd->add_option("--color", a->color, "colour the verdicts: auto (on a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->footer(
        "Examples:\n"
        "  sovscan models /srv/models                    # every model under the directory\n"
        "  sovscan models ~/.cache/huggingface/hub --json | jq '.[] | select(.verdict==\"high_risk\")'\n"
        "  sovscan models qwen2.5-7b-instruct-q4_k_m.gguf -o models.json\n"
        "Read: GGUF metadata (general.architecture, name, organization, basename, base models, licence),\n"
        "config.json (model_type, architectures, _name_or_path, auto_map), generation_config.json,\n"
        "tokenizer_config.json (tokenizer class, BOS/EOS tokens) and safetensors __metadata__. One GGUF file\n"
        "is one model; the files of one directory are one Hugging Face model: 'local weights' when\n"
        "*.gguf/*.safetensors/*.bin weights are there, 'config only' otherwise.\n"
        "Verdict: high_risk when the model's publisher is controlled from a high-risk jurisdiction; review\n"
        "on weak evidence only, for a vendor with strong PRC ties controlled elsewhere, or when other\n"
        "evidence contradicts a non-PRC origin; clear otherwise (also for an unknown origin).\n"
        "Exit codes: 0 nothing high_risk, 1 a high_risk model, 2 usage error, or an input that could not be\n"
        "read (the others are still reported).");
    return [a, high_risk]() {
        a->high_risk_given = high_risk->count() > 0;
        return run_models(*a);
    };
}

}  // namespace sovscan::cli
