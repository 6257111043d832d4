#pragma once
#include <cstdint>
#include <string>

namespace sovscan {

// RFC 3339 UTC with microseconds, e.g. 2016-08-02T02:19:33.025824Z.
std::string rfc3339_utc(int64_t ts_ns);

}  // namespace sovscan
