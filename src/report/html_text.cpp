#include "report/html_text.h"

#include <fmt/format.h>

#include "common/escape.h"

namespace sovscan {

std::string html_text(std::string_view plain) {
    std::string visible;
    visible.reserve(plain.size());
    for (unsigned char c : plain) {
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) fmt::format_to(std::back_inserter(visible), "\\x{:02x}", c);
        else visible.push_back(static_cast<char>(c));
    }
    return html_escape(visible);
}

std::string html_wire_text(std::string_view raw) { return html_escape(printable(raw)); }

}  // namespace sovscan
