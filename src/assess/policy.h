#pragma once
// What the operator decides: which jurisdictions are high-risk, what is local, which ports mean
// remote administration, how severe each rule is, which severity fails a run, and which findings
// are accepted (exceptions). Defaults here; a policy file (policy_file.h) and the command line
// change them.
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "assess/policy_exception.h"
#include "risk/settings.h"
#include "assess/rules.h"
#include "assess/severity.h"
#include "common/ip_address.h"

namespace sovscan {

struct Policy {
    Policy();

    std::set<std::string> high_risk_jurisdictions;  // ISO 3166-1 alpha-2, default CN, HK, MO
    std::vector<Cidr> home_networks;                // local in addition to RFC 1918/ULA/link-local
    std::map<uint16_t, std::string> admin_ports;    // remote administration and ICS ports, by label
    std::array<Severity, static_cast<size_t>(RuleId::count_)> severity{};
    Severity fail_on = Severity::high;
    // `fail_on: never` / `--fail-on never`: report-only runs (dashboards, benchmarks) where no
    // finding fails the run; fail_on is then not used.
    bool fail_never = false;
    std::vector<PolicyException> exceptions;        // in file order: the first valid match suppresses
    RiskSettings risk;                              // the risk register's choices (`risk:` section)

    // `store:` — where runs are kept (a file for the embedded SQLite store, or a database URL), when
    // neither --store nor SOVSCAN_STORE says; a relative path is relative to the policy file.
    std::string store;

    // The policy file this came from, named in every report; empty when there was none.
    std::string file_path, file_sha256;

    // "never" or the severity: what reports show as the threshold.
    const char* fail_on_label() const { return fail_never ? "never" : severity_label(fail_on); }
    // Whether a scan with this many findings at or above fail_on fails (exit code 1).
    bool fails_with(size_t findings_at_or_above) const { return !fail_never && findings_at_or_above > 0; }

    bool is_high_risk(const std::string& iso) const { return !iso.empty() && high_risk_jurisdictions.count(iso); }
    bool is_local(const IpAddress& ip) const;
    Severity severity_of(RuleId id) const { return severity[static_cast<size_t>(id)]; }
};

}  // namespace sovscan
