#include "report/html_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "common/escape.h"
#include "common/time_format.h"

namespace sovscan {

namespace {

bool valid_id(std::string_view id) {
    if (id.empty()) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

const char* kind_name(ColumnKind k) {
    switch (k) {
        case ColumnKind::number: return "number";
        case ColumnKind::date: return "date";
        default: return "text";
    }
}

}  // namespace

HtmlCell HtmlCell::text(std::string_view plain, std::string css_class) {
    return HtmlCell{html_text(plain), {}, std::move(css_class)};
}

HtmlCell HtmlCell::number(uint64_t value, std::string_view display) {
    return HtmlCell{html_text(display), std::to_string(value), "num"};
}

HtmlCell HtmlCell::number(uint64_t value) { return number(value, std::to_string(value)); }

HtmlCell HtmlCell::date(int64_t ns) {
    if (!ns) return HtmlCell{"", "", "date"};
    std::string full = rfc3339_utc(ns);  // one width, so text order is time order
    std::string shown = full.substr(0, 10) + " " + full.substr(11, 8);
    return HtmlCell{fmt::format("<time datetime=\"{}\">{}</time>", html_escape(full), html_escape(shown)), full, "date"};
}

HtmlCell HtmlCell::markup(std::string safe_html, std::string sort_key, std::string css_class) {
    return HtmlCell{std::move(safe_html), std::move(sort_key), std::move(css_class)};
}

HtmlTable::HtmlTable(std::string id, std::vector<HtmlColumn> columns, HtmlTableText text)
    : id_(std::move(id)), columns_(std::move(columns)), text_(std::move(text)) {
    if (!valid_id(id_)) throw std::invalid_argument("HtmlTable id must be [a-z0-9-]+: " + printable(id_));
}

void HtmlTable::add_row(std::vector<HtmlCell> cells, std::string_view row_class) {
    cells.resize(columns_.size());
    rows_.push_back(Row{std::move(cells), std::string(row_class)});
}

void HtmlTable::write(std::ostream& out, bool filterable, std::string_view empty_text) const {
    if (filterable && !rows_.empty()) {
        std::string total = text_.rows_total;
        if (size_t p = total.find("{total}"); p != std::string::npos) total.replace(p, 7, std::to_string(rows_.size()));
        out << fmt::format("<div class=\"table-tools\"><input type=\"search\" class=\"table-filter\" data-table=\"{0}\" "
                           "placeholder=\"{1}\" aria-label=\"{2}\"><span class=\"muted\" data-count-for=\"{0}\" "
                           "data-total=\"{3}\" data-shown=\"{4}\">{5}</span></div>\n",
                           id_, html_text(text_.filter_placeholder), html_text(text_.filter_label),
                           html_text(text_.rows_total), html_text(text_.rows_shown), html_text(total));
    }
    const bool sized = std::any_of(columns_.begin(), columns_.end(), [](const HtmlColumn& c) { return c.width_percent > 0; });
    out << fmt::format("<div class=\"table-wrap\"><table class=\"data{}\" id=\"{}\">\n", sized ? " sized" : "", id_);
    if (sized) {
        // <col width> is markup, not a style attribute: the page's policy allows it.
        out << "<colgroup>";
        for (const HtmlColumn& c : columns_)
            out << (c.width_percent ? fmt::format("<col width=\"{}%\">", c.width_percent) : std::string("<col>"));
        out << "</colgroup>\n";
    }
    out << "<thead><tr>";
    for (const HtmlColumn& c : columns_) {
        out << "<th data-type=\"" << kind_name(c.kind) << '"';
        if (c.kind == ColumnKind::number) out << " class=\"num\"";
        if (!c.title.empty()) out << " title=\"" << html_text(c.title) << '"';
        // Chromium does not paint form controls in a header repeated on each printed page: print
        // hides the button and shows data-label (or the narrower data-short) as generated content.
        out << " data-label=\"" << html_text(c.header) << '"';
        if (!c.print_header.empty()) out << " data-short=\"" << html_text(c.print_header) << '"';
        out << "><button type=\"button\">" << html_text(c.header) << "</button></th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    if (rows_.empty())
        out << fmt::format("<tr class=\"empty-row\"><td class=\"empty\" colspan=\"{}\">{}</td></tr>\n", columns_.size(),
                           html_text(empty_text));
    for (const Row& row : rows_) {
        out << "<tr";
        if (!row.css_class.empty()) out << " class=\"" << html_escape(row.css_class) << '"';
        out << '>';
        for (const HtmlCell& cell : row.cells) {
            out << "<td";
            if (!cell.css_class.empty()) out << " class=\"" << html_escape(cell.css_class) << '"';
            if (!cell.sort_key.empty()) out << " data-sort=\"" << html_text(cell.sort_key) << '"';
            out << '>' << cell.html << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody></table></div>\n";
}

std::string HtmlTable::html(bool filterable, std::string_view empty_text) const {
    std::ostringstream s;
    write(s, filterable, empty_text);
    return s.str();
}

}  // namespace sovscan
