// `sovscan lookup`: what the intel knows about addresses, names, URLs, MACs and ASNs, the chain of
// evidence, and the verdict under the policy.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <memory>

#include "assess/lookup.h"
#include "cli/commands.h"
#include "cli/shared_options.h"
#include "common/escape.h"
#include "report/lookup_report.h"

namespace sovscan::cli {

namespace {

struct LookupArgs {
    std::vector<std::string> queries;
    bool json = false;
    IntelDirOptions intel;
    std::string high_risk = "CN,HK,MO";
    bool high_risk_given = false;
    std::string policy_file;
};

// One query per line; blank lines and comments (from a '#' at the start or after a blank) skipped.
void read_query_lines(std::istream& in, std::vector<std::string>& out) {
    std::string line;
    while (std::getline(in, line)) {
        for (size_t i = 0; i < line.size(); ++i)
            if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
                line.resize(i);
                break;
            }
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        out.push_back(line);
    }
}

// The arguments in order, "-" (or no argument at all) standing for the lines of stdin.
std::vector<std::string> collect_queries(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    if (args.empty() && isatty(STDIN_FILENO))
        std::cerr << "sovscan: reading queries from stdin, one per line (end with Ctrl-D; --help for usage)\n";
    bool stdin_read = false;
    for (const std::string& a : args) {
        if (a != "-") {
            out.push_back(a);
        } else if (!stdin_read) {  // a second "-" would find stdin at its end
            read_query_lines(std::cin, out);
            stdin_read = true;
        }
    }
    if (args.empty()) read_query_lines(std::cin, out);
    return out;
}

int run_lookup(const LookupArgs& a) {
    Policy policy;
    if (!a.policy_file.empty() && !load_policy_option(a.policy_file, policy)) return kExitUsage;
    if (a.high_risk_given && !parse_high_risk_option(a.high_risk, policy.high_risk_jurisdictions)) return kExitUsage;

    const std::vector<std::string> queries = collect_queries(a.queries);
    if (queries.empty()) {
        std::cerr << "sovscan: error: lookup: no query given (arguments, or lines on stdin)\n";
        return kExitUsage;
    }
    Diagnostics diag;
    std::unique_ptr<Intel> intel = Intel::load(a.intel.paths(), diag);
    print_problems(diag);  // errors, and warnings such as a half-updated intel directory
    if (!intel) return kExitUsage;

    Lookup lookup(*intel, policy);
    std::vector<LookupAnswer> answers;
    answers.reserve(queries.size());
    bool unreadable = false, high_risk = false;
    for (const std::string& q : queries) {
        answers.push_back(lookup.answer(q));
        const LookupAnswer& ans = answers.back();
        if (!ans.ok()) {
            std::cerr << fmt::format("sovscan: error: lookup: '{}': {}\n", terminal_safe(q), ans.error);
            unreadable = true;
        }
        high_risk = high_risk || (ans.ok() && ans.verdict == Verdict::high_risk);
    }
    if (a.json) write_lookup_json(answers, std::cout);
    else write_lookup_text(answers, intel->sources(), std::cout);
    std::cout.flush();
    if (unreadable) return kExitUsage;
    return high_risk ? kExitFindings : kExitOk;
}

}  // namespace

CommandRunner add_lookup_command(CLI::App& app) {
    auto a = std::make_shared<LookupArgs>();
    CLI::App* cmd = app.add_subcommand(
        "lookup", "Say what is known about an IP address, domain, URL, MAC address/OUI or ASN, why, and the verdict "
                  "under the policy: high_risk, review or clear.");
    cmd->add_option("queries", a->queries,
                    "IP addresses, domains, URLs, MAC addresses or OUIs, ASNs; '-' or none: one per line from stdin")
        ->type_name("QUERY");
    cmd->add_flag("--json", a->json, "print a JSON array, one object per query");
    a->intel.add_to(*cmd);
    CLI::Option* high_risk = add_high_risk_option(*cmd, a->high_risk);
    cmd->add_option("--policy", a->policy_file,
                    "policy file (YAML, docs/policy.md) for the high-risk jurisdictions; --high-risk overrides it")
        ->type_name("FILE");
    cmd->footer(
        "Examples:\n"
        "  sovscan lookup 47.96.1.10                      # address: located in, registry, ASN, operator\n"
        "  sovscan lookup AS4134 as45102 132203           # ASNs (a bare number is an ASN)\n"
        "  sovscan lookup api.hik-connect.com             # domain -> catalogued domain -> vendor -> parent\n"
        "  sovscan lookup 'https://user@a.tuyaeu.com:8883/x'  # URL: its host (userinfo and port dropped)\n"
        "  sovscan lookup 44:47:cc:12:34:56 4447cc        # MAC address, or a bare OUI (aa:bb:cc, aabbcc)\n"
        "  sovscan lookup --json 223.5.5.5 | jq '.[0].verdict'\n"
        "  grep -v '^#' suspects.txt | sovscan lookup -   # one query per line ('#' comments skipped)\n"
        "Verdict: high_risk when the address is located in a high-risk jurisdiction, or its network's\n"
        "operator, the public resolver or the vendor (of the name or MAC) is controlled from one; review for\n"
        "vendors with strong PRC ties controlled elsewhere, or a registry country there while the geolocation\n"
        "is not; clear otherwise. A name is judged by the catalog, never resolved.\n"
        "Exit codes: 0 nothing high_risk, 1 something high_risk, 2 a query that could not be read (the others\n"
        "are still answered) or no intel.");
    return [a, high_risk]() {
        a->high_risk_given = high_risk->count() > 0;
        return run_lookup(*a);
    };
}

}  // namespace sovscan::cli
