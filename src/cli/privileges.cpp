#include "cli/privileges.h"

#include <fmt/format.h>
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace sovscan::cli {

bool running_as_root() { return ::getuid() == 0 || ::geteuid() == 0; }

bool drop_privileges(const std::string& user, std::string& error) {
    std::vector<char> buf(16384);
    passwd pw{}, *found = nullptr;
    if (::getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found) != 0 || !found) {
        error = fmt::format("--user {}: no such user", user);
        return false;
    }
    if (pw.pw_uid == 0) {
        error = fmt::format("--user {}: that user is root", user);
        return false;
    }
    if (::initgroups(pw.pw_name, pw.pw_gid) != 0) {
        error = fmt::format("--user {}: cannot set its groups: {}", user, std::strerror(errno));
        return false;
    }
    if (::setresgid(pw.pw_gid, pw.pw_gid, pw.pw_gid) != 0) {
        error = fmt::format("--user {}: cannot set gid {}: {}", user, pw.pw_gid, std::strerror(errno));
        return false;
    }
    if (::setresuid(pw.pw_uid, pw.pw_uid, pw.pw_uid) != 0) {
        error = fmt::format("--user {}: cannot set uid {}: {}", user, pw.pw_uid, std::strerror(errno));
        return false;
    }
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        error = fmt::format("cannot set no_new_privs: {}", std::strerror(errno));
        return false;
    }
    // Belt and braces: if any of the above left a way back, refuse to go on.
    if (::setuid(0) == 0 || ::seteuid(0) == 0) {
        error = "privileges were not dropped: root could be regained";
        return false;
    }
    return true;
}

}  // namespace sovscan::cli
