#pragma once
// Dropping root after the capture devices are open (`sovscan live --user NAME`): a sensor on a
// hostile network parses attacker-controlled packets for months, and must do so without the
// rights it needed for a second at start-up.
#include <string>

namespace sovscan::cli {

// Becomes `user`: its supplementary groups, then its primary gid, then its uid (in that order: a
// process can change its groups only while still root), and sets PR_SET_NO_NEW_PRIVS so that no
// executable can give any back. Changing every uid from root drops every capability (no
// SECBIT_KEEP_CAPS is set). Checks that root cannot be regained. False with the reason in `error`.
bool drop_privileges(const std::string& user, std::string& error);

// Whether the process runs with uid or euid 0.
bool running_as_root();

}  // namespace sovscan::cli
