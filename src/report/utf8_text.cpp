#include "report/utf8_text.h"

#include "common/escape.h"

#include <fmt/format.h>

namespace sovscan {

namespace {

// CommonMark/GFM inline syntax and HTML neutralised in text that is readable already.
std::string markdown_markup(std::string_view safe) {
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

}  // namespace

std::string markdown_text(std::string_view raw) { return markdown_markup(readable_text(raw)); }

std::string markdown_readable(std::string_view escaped) { return markdown_markup(readable_again(escaped)); }

}  // namespace sovscan
