// The reusable HTML pieces: sortable tables (sort keys beside human text) and SVG charts (every
// label escaped, tooltips with exact numbers, heat-map cells coloured by level).
#include <gtest/gtest.h>

#include "report/html_table.h"
#include "report/svg_chart.h"

namespace sovscan {
namespace {

const std::string kScript = "<script>alert(1)</script>";
const std::string kImg = "\"><img src=x onerror=alert(1)>";

TEST(HtmlTable, HeadersSayHowToSortAndCellsCarryExactKeys) {
    HtmlTable t("t1", {{"Name"}, {"Bytes", ColumnKind::number}, {"Seen", ColumnKind::date}});
    t.add_row({HtmlCell::text("b"), HtmlCell::number(1258291, "1.2 MiB"), HtmlCell::date(1'760'000'000'123'456'000LL)});
    t.add_row({HtmlCell::text("a"), HtmlCell::number(7), HtmlCell::date(0)}, "suppressed");
    const std::string html = t.html();
    EXPECT_NE(html.find("<th data-type=\"text\" data-label=\"Name\"><button type=\"button\">Name</button></th>"), std::string::npos) << html;
    EXPECT_NE(html.find("<th data-type=\"number\" class=\"num\" data-label=\"Bytes\">"), std::string::npos);
    EXPECT_NE(html.find("<th data-type=\"date\" data-label=\"Seen\">"), std::string::npos);
    EXPECT_NE(html.find("<td class=\"num\" data-sort=\"1258291\">1.2 MiB</td>"), std::string::npos) << html;
    // Dates sort by full RFC 3339 (one width, so text order is time order) and show to the second.
    EXPECT_NE(html.find("data-sort=\"2025-10-09T08:53:20.123456Z\"><time datetime=\"2025-10-09T08:53:20.123456Z\">"
                        "2025-10-09 08:53:20</time>"),
              std::string::npos)
        << html;
    EXPECT_NE(html.find("<tr class=\"suppressed\">"), std::string::npos);
    EXPECT_NE(html.find("class=\"table-filter\" data-table=\"t1\""), std::string::npos);
    EXPECT_NE(html.find("data-count-for=\"t1\" data-total=\"{total} rows\" data-shown=\"{shown} of {total} rows shown\">2 rows<"),
              std::string::npos)
        << html;
}

TEST(HtmlTable, CellTextIsEscapedAndWireBytesMadePrintable) {
    HtmlTable t("t2", {{"x"}, {"y"}});
    t.add_row({HtmlCell::text(kScript), HtmlCell::markup(html_wire_text("a\x1b[31m" + kImg), kImg)});
    const std::string html = t.html(false);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_EQ(html.find('\x1b'), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("a\\x1b[31m&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << html;
    // The sort key is an attribute: quotes escaped so it cannot end the attribute.
    EXPECT_NE(html.find("data-sort=\"&quot;&gt;&lt;img"), std::string::npos) << html;
    EXPECT_EQ(html.find("table-filter"), std::string::npos);  // not filterable: no box
}

TEST(HtmlTable, ItsOwnWordsCanBeTranslated) {
    HtmlTable t("cs", {{"N\u00e1zev"}}, {"Filtrovat \u0159\u00e1dky", "Filtr", "{total} \u0159\u00e1dk\u016f",
                                      "zobrazeno {shown} z {total}"});
    t.add_row({HtmlCell::text("a")});
    const std::string html = t.html();
    EXPECT_NE(html.find("placeholder=\"Filtrovat \u0159\u00e1dky\" aria-label=\"Filtr\""), std::string::npos) << html;
    EXPECT_NE(html.find("data-shown=\"zobrazeno {shown} z {total}\">1 \u0159\u00e1dk\u016f</span>"), std::string::npos) << html;
}

TEST(HtmlTable, EmptyTableSaysSoAndIdsAreChecked) {
    HtmlTable t("empty", {{"a"}, {"b"}});
    EXPECT_NE(t.html(true, "No <rows>.").find("<td class=\"empty\" colspan=\"2\">No &lt;rows&gt;.</td>"), std::string::npos);
    EXPECT_THROW(HtmlTable("x\"y", {{"a"}}), std::invalid_argument);
}

TEST(SvgChart, BarsAreProportionalStackedAndEscaped) {
    BarChartSpec spec;
    spec.title = "by country " + kScript;
    spec.legend = {{"seg-sent", "sent"}, {"seg-received", "received"}};
    spec.highlight_legend = "high-risk";
    spec.bars.push_back({"CN" + kImg, {{300, "seg-sent", "sent"}, {100, "seg-received", "received"}}, true, "2 servers"});
    spec.bars.push_back({"DE", {{200, "seg-sent", "sent"}, {0, "seg-received", "received"}}, false, ""});
    const std::string svg = svg_bar_chart(spec);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("<img"), std::string::npos);
    EXPECT_NE(svg.find("<title>by country &lt;script&gt;"), std::string::npos);
    // The tooltip has the total and each segment; the highlighted bar gets its mark and class.
    EXPECT_NE(svg.find("<title>CN&quot;&gt;&lt;img src=x onerror=alert(1)&gt;: 400\nsent: 300\nreceived: 100\n2 servers</title>"),
              std::string::npos)
        << svg;
    EXPECT_NE(svg.find("class=\"hl-mark\" x=\"0\""), std::string::npos);
    EXPECT_NE(svg.find("<text x=\"8\" y=\""), std::string::npos);
    // The largest total spans the plot (430 units); the others in proportion: 300/400, 100/400, 200/400.
    EXPECT_NE(svg.find("class=\"seg-sent\" x=\"210.0\" y=\"28.0\" width=\"322.5\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("class=\"seg-received\" x=\"532.5\" y=\"28.0\" width=\"107.5\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("class=\"seg-sent\" x=\"210.0\" y=\"50.0\" width=\"215.0\""), std::string::npos) << svg;
    EXPECT_EQ(svg.find("seg-received\" x=\"425.0\""), std::string::npos) << "a zero segment is not drawn";
}

TEST(SvgChart, LongLabelsAreCutOnCharacterBoundaries) {
    BarChartSpec spec;
    spec.bars.push_back({std::string(40, 'x') + "\u010d", {{1, "seg-neutral", "n"}}, false, ""});
    spec.bars.push_back({std::string(29, 'y') + "\u010d\u010d", {{1, "seg-neutral", "n"}}, false, ""});
    const std::string svg = svg_bar_chart(spec);
    EXPECT_NE(svg.find(">" + std::string(29, 'x') + "\u2026</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">" + std::string(29, 'y') + "\u2026</text>"), std::string::npos) << svg;
}

TEST(SvgChart, ACutKeepsTheLabelsTail) {
    BarChartSpec spec;
    ChartBar bar{"Čerpací stanice u hlavní brány (10.20.1.10)", {{1, "seg-neutral", "n"}}, false, ""};
    bar.keep_tail = 13;  // " (10.20.1.10)"
    spec.bars.push_back(bar);
    bar.label = "short (10.0.0.1)";  // fits: not cut
    spec.bars.push_back(bar);
    bar.label = std::string(40, 'z');
    bar.keep_tail = 29;  // nothing of the head would stay: cut at the end instead
    spec.bars.push_back(bar);
    const std::string svg = svg_bar_chart(spec);
    EXPECT_NE(svg.find(">Čerpací stanice \u2026 (10.20.1.10)</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find("<title>Čerpací stanice u hlavní brány (10.20.1.10): "), std::string::npos);
    EXPECT_NE(svg.find(">short (10.0.0.1)</text>"), std::string::npos);
    EXPECT_NE(svg.find(">" + std::string(29, 'z') + "\u2026</text>"), std::string::npos);
}

TEST(SvgChart, EmptyChartSaysNoData) {
    EXPECT_NE(svg_bar_chart(BarChartSpec{}).find("No data."), std::string::npos);
    EXPECT_NE(svg_timeline(TimelineSpec{}).find("No data."), std::string::npos);
    EXPECT_NE(svg_heat_map(HeatMapSpec{}).find("No data."), std::string::npos);
}

TEST(SvgChart, TimelinePlacesSpansOnOneAxis) {
    const int64_t t0 = 1'760'000'000LL * 1'000'000'000LL;
    TimelineSpec spec;
    spec.title = "findings";
    spec.spans.push_back({"first " + kScript, t0, t0 + 100'000'000'000LL, "sev-high", ""});
    spec.spans.push_back({"moment", t0 + 50'000'000'000LL, t0 + 50'000'000'000LL, "sev-low", "once"});
    const std::string svg = svg_timeline(spec);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    // 100 s over 500 units: the first spans all of it, the second is a 3-unit mark at the middle.
    EXPECT_NE(svg.find("class=\"sev-high\" x=\"210.0\" y=\"26.0\" width=\"500.0\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("class=\"sev-low\" x=\"460.0\" y=\"48.0\" width=\"3.0\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("<title>moment\n2025-10-09T08:54:10Z .. 2025-10-09T08:54:10Z\nonce</title>"), std::string::npos) << svg;
    // A short range: offsets from its start at round steps (15 s for 100 s), the start written once.
    EXPECT_NE(svg.find(">from 08:53:20 UTC</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">0 s</text>"), std::string::npos);
    EXPECT_NE(svg.find(">45 s</text>"), std::string::npos);
    EXPECT_NE(svg.find(">1 min 30 s</text>"), std::string::npos);
    EXPECT_EQ(svg.find(">1 min 45 s</text>"), std::string::npos);  // past the end
}

TEST(SvgChart, HeatMapShowsCountAndLevelPerCell) {
    HeatMapSpec spec;
    spec.title = "risks";
    spec.x_title = "likelihood";
    spec.y_title = "impact";
    spec.x_labels = {"low", "high"};
    spec.y_labels = {"minor", "severe" + kScript};
    spec.counts = {{0, 2}, {1, 5}};
    spec.cell_class = {{"risk-1", "risk-2"}, {"risk-2", "risk-4"}};
    spec.cell_note = {{"", ""}, {"", "R-1, R-7"}};
    const std::string svg = svg_heat_map(spec);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    // Highest impact drawn on top: its row comes first.
    EXPECT_LT(svg.find("severe&lt;script&gt;"), svg.find(">minor<"));
    EXPECT_NE(svg.find("<title>impact severe&lt;script&gt;alert(1)&lt;/script&gt; \u00d7 likelihood high: 5\nR-1, R-7</title>"
                       "<rect class=\"cell risk-4\""),
              std::string::npos)
        << svg;
    EXPECT_NE(svg.find("<rect class=\"cell risk-1\""), std::string::npos);
    EXPECT_NE(svg.find("class=\"count zero\""), std::string::npos);  // the empty cell is drawn, greyed
    EXPECT_NE(svg.find(">5</text>"), std::string::npos);
}

}  // namespace
}  // namespace sovscan
