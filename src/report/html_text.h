#pragma once
// Strings into HTML text and attribute values. Everything shown in a sovscan HTML document goes
// through one of these two (tables, charts, tooltips, attributes).
#include <string>
#include <string_view>

namespace sovscan {

// Text from the intel, the policy file, an inventory or the tool itself: readable_text()
// (common/escape.h) but for newline, tab and backslash, then markup characters escaped
// (html_escape). Control characters, bidi overrides and malformed UTF-8 are written as \xNN, so no terminal
// escape survives a copy and paste and no name reorders the text around it; well-formed UTF-8 is
// kept (a Czech justification stays readable).
std::string html_text(std::string_view plain);

// Raw bytes from the wire (server names, paths): printable() first, as in the JSON and CSV, so
// every byte outside printable ASCII is \xNN; then escaped.
std::string html_wire_text(std::string_view raw);

}  // namespace sovscan
