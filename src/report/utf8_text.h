#pragma once
// Text for Markdown outputs (the Czech and English risk documents). Plain UTF-8 text goes through
// readable_text() (common/escape.h).
#include <string>
#include <string_view>

namespace sovscan {

// Markdown inline text: readable_text(), then every character with meaning in CommonMark/GFM
// inline syntax or HTML (\ ` * _ [ ] < > & | ~ ! #) neutralised, so that a hostile name can open
// no link, image, HTML tag or table cell.
std::string markdown_text(std::string_view raw);

// The same for text made readable already (a finding's summary, common/escape.h readable_again):
// its \xNN are not escaped a second time, only for Markdown.
std::string markdown_readable(std::string_view escaped);

}  // namespace sovscan
