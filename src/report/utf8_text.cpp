#include "report/utf8_text.h"

#include "common/escape.h"

#include <fmt/format.h>

namespace sovscan {

std::string markdown_text(std::string_view raw) {
    const std::string safe = readable_text(raw);
    std::string out;
    out.reserve(safe.size());
    for (char c : safe) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '!': case '#':
                out.push_back('\\');
                out.push_back(c);
                break;
            default: out.push_back(c);
        }
    }
    return out;
}

}  // namespace sovscan
