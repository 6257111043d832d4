#pragma once
// The operator's policy as a YAML file (documented key by key in docs/policy.md): high-risk
// jurisdictions, home networks, admin ports, rule severities, --fail-on and exceptions. Keys the
// file does not give keep their defaults (Policy()).
#include <string>
#include <string_view>

#include "assess/policy.h"

namespace sovscan {

// Reads and checks a policy file. Throws std::runtime_error with a one-line message
// "<path>:<line>: <what is wrong>" (line 1-based) for the first problem found: YAML syntax, an
// unknown key (naming the allowed ones), a wrong type, a malformed country code, CIDR, port, date
// or domain, an unknown rule id or severity, an exception without match criteria or without its
// justification, owner or expiry. "<path>: ..." when the file cannot be read. Every value quoted in
// a message is escaped (common/escape.h), so the message is printable ASCII.
Policy load_policy_file(const std::string& path);

// The same, from text already read; `path` names it in messages and in Policy::file_path.
Policy parse_policy_file(std::string_view text, const std::string& path);

}  // namespace sovscan
