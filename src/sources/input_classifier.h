#pragma once
// The scan's input arguments split by content into captures (CaptureSet) and logs (log_reader.h):
// a file is a log when its first bytes say so (sources/log_format.h), whatever its name; in a
// directory, searched recursively, every regular file is judged so, and the files named like
// captures (.pcap, .pcapng, .cap, .dmp) that are not logs are its captures.
#include <string>
#include <vector>

#include "common/diagnostics.h"

namespace sovscan {

struct ClassifiedInputs {
    // For CaptureSet: files, standard input ("-"), and arguments it must judge itself (a missing
    // path, a directory holding neither captures nor logs: it reports them as it always has).
    std::vector<std::string> captures;
    std::vector<std::string> logs;  // files, in argument order, a directory's sorted
};

ClassifiedInputs classify_inputs(const std::vector<std::string>& args, Diagnostics& diag);

}  // namespace sovscan
