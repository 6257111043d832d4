#pragma once
// An evidence table for the HTML documents: a header per column that sorts on click (numbers
// numerically, dates chronologically, text naturally; the script is in html_assets.cpp) and a
// filter box. Each cell carries its sort key in data-sort, so the displayed text stays human
// ("1.2 MiB", "high") while the order stays exact (1258291, 3).
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/html_text.h"

namespace sovscan {

enum class ColumnKind : uint8_t { text, number, date };

struct HtmlColumn {
    HtmlColumn(std::string header_, ColumnKind kind_ = ColumnKind::text, std::string title_ = {}, unsigned width_ = 0)
        : header(std::move(header_)), kind(kind_), title(std::move(title_)), width_percent(width_) {}
    HtmlColumn(const char* header_, ColumnKind kind_ = ColumnKind::text, std::string title_ = {}, unsigned width_ = 0)
        : HtmlColumn(std::string(header_), kind_, std::move(title_), width_) {}

    std::string header;  // plain text
    ColumnKind kind;
    std::string title;   // plain text tooltip explaining the column, optional
    // Share of the page width, 0 = as the content needs. When a table gives them, printing lays it
    // out with exactly these widths (table-layout: fixed), so a wide table fits A4 and its long
    // cells wrap instead of squeezing the others.
    unsigned width_percent;
    // A narrower header for paper (plain text, e.g. "Pravděp." for "Pravděpodobnost"), where a
    // fixed column is too narrow for the word and it would run into its neighbour; "" = the header.
    std::string print_header = {};
};

// One cell: markup that is already safe, and the key it sorts by. Build cells with the factory
// functions, which escape; markup() is for fragments composed from other escaped pieces.
struct HtmlCell {
    std::string html;
    std::string sort_key;  // "" = sort by the displayed text
    std::string css_class;

    // Plain text, escaped with html_text(). Wire bytes: markup(html_wire_text(raw), ...).
    static HtmlCell text(std::string_view plain, std::string css_class = {});
    // A number shown as `display` (plain text, escaped), sorted by `value`.
    static HtmlCell number(uint64_t value, std::string_view display);
    static HtmlCell number(uint64_t value);
    // A time (ns since the epoch, 0 = none) shown and sorted as RFC 3339 UTC to the second.
    static HtmlCell date(int64_t ns);
    // Safe markup sorted by `sort_key` (plain text).
    static HtmlCell markup(std::string safe_html, std::string sort_key = {}, std::string css_class = {});
};

// The table's own words, for documents in another language (sovscan risk --lang cs). {shown} and
// {total} are replaced by the script as rows are filtered.
struct HtmlTableText {
    std::string filter_placeholder = "Filter rows (all words must appear)";
    std::string filter_label = "Filter the table";
    std::string rows_total = "{total} rows";
    std::string rows_shown = "{shown} of {total} rows shown";
};

class HtmlTable {
public:
    // `id`: [a-z0-9-] only, unique in the document (the filter box and script find the table by it).
    HtmlTable(std::string id, std::vector<HtmlColumn> columns, HtmlTableText text = {});

    // `row_class`: e.g. "suppressed"; must be a constant, not data.
    void add_row(std::vector<HtmlCell> cells, std::string_view row_class = {});
    size_t rows() const { return rows_.size(); }

    // The filter box (unless `filterable` is false) and the table. `empty_text` is shown, in one
    // spanning cell, when there is no row.
    void write(std::ostream& out, bool filterable = true, std::string_view empty_text = "None.") const;
    std::string html(bool filterable = true, std::string_view empty_text = "None.") const;

private:
    struct Row {
        std::vector<HtmlCell> cells;
        std::string css_class;
    };
    std::string id_;
    std::vector<HtmlColumn> columns_;
    HtmlTableText text_;
    std::vector<Row> rows_;
};

}  // namespace sovscan
