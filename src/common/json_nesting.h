#pragma once
// A bound on JSON nesting, checked before parsing: nlohmann's parser recurses once per level, so a
// line of a million '[' would exhaust the stack. Every reader of untrusted JSON (inventories, logs)
// asks this first.
#include <string_view>

namespace sovscan {

// True when `text` opens more than `limit` arrays/objects at once. A linear pre-scan: strings are
// skipped (a '[' inside one opens nothing), everything else is left to the parser to judge.
inline bool json_nesting_exceeds(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

}  // namespace sovscan
