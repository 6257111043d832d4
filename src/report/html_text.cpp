#include "report/html_text.h"

#include <fmt/format.h>

#include "common/escape.h"

namespace sovscan {

std::string html_text(std::string_view plain) {
    // readable_again() between newlines and tabs, which stay (tooltips and lists use them): the
    // backslash stays too, as text already made printable() carries \xNN that must not become
    // \x5cxNN. Every other control, bidi override and malformed byte becomes \xNN; then markup is
    // escaped.
    std::string visible;
    visible.reserve(plain.size());
    size_t start = 0;
    for (size_t i = 0; i <= plain.size(); ++i) {
        if (i < plain.size() && plain[i] != '\n' && plain[i] != '\t') continue;
        visible += readable_again(plain.substr(start, i - start));
        if (i < plain.size()) visible.push_back(plain[i]);
        start = i + 1;
    }
    return html_escape(visible);
}

std::string html_wire_text(std::string_view raw) { return html_escape(printable(raw)); }

}  // namespace sovscan
