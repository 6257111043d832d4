#pragma once
// The one stylesheet and the one script every sovscan HTML document embeds (scan report, risk
// documents). Both are constants: the page's Content-Security-Policy allows exactly these bytes by
// their SHA-256, so nothing a capture puts into a report can add a style or a script of its own.
#include <string_view>

namespace sovscan {

// Screen and print (A4) styles: layout, severity and risk colours, chart classes (svg_chart.h),
// table classes (html_table.h).
std::string_view html_stylesheet();

// Table sorting (header click: numbers numerically, dates chronologically, text naturally) and
// filtering (a text box per table), and opening every <details> before printing. It reads only
// attributes and text already in the page and never builds markup, so data can never become code.
std::string_view html_script();

}  // namespace sovscan
