#pragma once
// Text for outputs that are UTF-8 (the Czech and English risk documents): like printable()
// (common/escape.h), every byte that could act on a reader is written as \xNN, but valid UTF-8
// letters stay letters, so "Kamera vrátnice" from a CMDB prints as itself. Escaped: C0 controls,
// DEL, C1 controls (U+0080-U+009F), the bidirectional overrides and isolates (U+202A-U+202E,
// U+2066-U+2069: "Trojan Source" reordering), malformed or overlong sequences, and the backslash
// itself (so the escape is reversible).
#include <string>
#include <string_view>

namespace sovscan {

std::string utf8_printable(std::string_view raw);

// Markdown inline text: utf8_printable(), then every character with meaning in CommonMark/GFM
// inline syntax or HTML (\ ` * _ [ ] < > & | ~ ! #) neutralised, so that a hostile name can open
// no link, image, HTML tag or table cell.
std::string markdown_text(std::string_view raw);

}  // namespace sovscan
