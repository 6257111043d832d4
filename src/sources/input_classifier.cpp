#include "sources/input_classifier.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "sources/capture_set.h"
#include "sources/log_reader.h"

namespace sovscan {

namespace fs = std::filesystem;

ClassifiedInputs classify_inputs(const std::vector<std::string>& args, Diagnostics& diag) {
    ClassifiedInputs out;
    for (const std::string& arg : args) {
        std::error_code ec;
        const fs::file_status st = fs::status(arg, ec);
        if (arg == "-" || ec || !fs::exists(st)) {  // standard input is read as a capture stream
            out.captures.push_back(arg);
            continue;
        }
        if (!fs::is_directory(st)) {
            // Not a regular file (a FIFO, /dev/stdin): opening it to look would consume it.
            if (fs::is_regular_file(st) && sniff_log_file(arg)) out.logs.push_back(arg);
            else out.captures.push_back(arg);
            continue;
        }
        std::vector<std::string> logs, captures;
        fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code fec;
            if (!it->is_regular_file(fec)) continue;
            const std::string path = it->path().string();
            if (sniff_log_file(path)) logs.push_back(path);
            else if (has_capture_extension(it->path())) captures.push_back(path);
        }
        if (ec) diag.warn(arg, fmt::format("directory not fully searched: {}", ec.message()));
        if (logs.empty() && captures.empty()) {
            out.captures.push_back(arg);  // CaptureSet says what is missing there
            continue;
        }
        std::sort(logs.begin(), logs.end());
        std::sort(captures.begin(), captures.end());
        out.logs.insert(out.logs.end(), logs.begin(), logs.end());
        out.captures.insert(out.captures.end(), captures.begin(), captures.end());
    }
    return out;
}

}  // namespace sovscan
