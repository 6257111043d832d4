#include "report/html_assets.h"

namespace sovscan {

namespace {

// System fonts only: a report must render offline and load nothing.
constexpr std::string_view kStylesheet = R"css(
:root { --fg: #1d232b; --muted: #5b6672; --line: #d5dbe1; --band: #f4f6f8; --accent: #1f5f99;
  --critical: #7f0a12; --high: #c62828; --medium: #e07b00; --low: #2f6fb3; --info: #6b7785;
  --sent: #c0392b; --received: #8fa9c4; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg);
  margin: 0 auto; padding: 24px 28px 48px; max-width: 1480px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
p.meta, .muted { color: var(--muted); }
p.caption { color: var(--muted); font-size: 12px; margin: 2px 0 10px; }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
.warning { border-left: 4px solid var(--high); background: #fdecea; padding: 8px 12px; margin: 12px 0; }
.note { border-left: 4px solid var(--accent); background: #eef4fa; padding: 8px 12px; margin: 12px 0; }

/* Summary cards: findings by severity. */
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card .n { font-size: 26px; font-weight: 700; display: block; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.sev-critical { border-top: 5px solid var(--critical); }
.card.sev-high { border-top: 5px solid var(--high); }
.card.sev-medium { border-top: 5px solid var(--medium); }
.card.sev-low { border-top: 5px solid var(--low); }
.card.sev-info { border-top: 5px solid var(--info); }
.card.risk-1 { border-top: 5px solid #2e7d32; } .card.risk-2 { border-top: 5px solid #f2b600; }
.card.risk-3 { border-top: 5px solid #e07b00; } .card.risk-4 { border-top: 5px solid #b71c1c; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }

/* Severity and risk-level badges in tables. */
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff;
  white-space: nowrap; }
.badge.sev-critical { background: var(--critical); }
.badge.sev-high { background: var(--high); }
.badge.sev-medium { background: var(--medium); }
.badge.sev-low { background: var(--low); }
.badge.sev-info { background: var(--info); }
.badge.accepted { background: #fff; color: var(--muted); border: 1px solid var(--muted); }
.badge.expired { background: #fff; color: var(--high); border: 1px solid var(--high); }
strong.hl, li.flag { color: var(--high); }
.badge.risk-1 { background: #2e7d32; } .badge.risk-2 { background: #f2b600; color: #222; }
.badge.risk-3 { background: #e07b00; } .badge.risk-4 { background: #b71c1c; }

/* Evidence tables (html_table.h). */
.table-tools { display: flex; align-items: center; gap: 12px; margin: 8px 0; }
.table-tools input { font: inherit; padding: 4px 8px; width: 320px; max-width: 100%; border: 1px solid var(--line);
  border-radius: 4px; }
.table-wrap { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: 12px; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
table.data th { background: var(--band); position: sticky; top: 0; white-space: nowrap; }
table.data th button { all: unset; cursor: pointer; font-weight: 600; }
table.data th button::after { content: " \2195"; color: var(--muted); font-weight: 400; }
table.data th[aria-sort="ascending"] button::after { content: " \25B2"; color: var(--fg); }
table.data th[aria-sort="descending"] button::after { content: " \25BC"; color: var(--fg); }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data td.wrap { overflow-wrap: anywhere; min-width: 9em; }
table.data details { min-width: 5em; }
table.data tr.suppressed td { color: var(--muted); background: #fafafa; }
table.data tr.suppressed td:first-child { border-left: 3px dashed var(--muted); }
table.data tr.expired td:first-child { border-left: 3px solid var(--high); }
table.data details summary { cursor: pointer; color: var(--accent); }
table.data details ul { margin: 4px 0; padding-left: 16px; }
table.data td.empty { color: var(--muted); text-align: center; }
table.data abbr { white-space: nowrap; text-decoration: none; }

/* Charts (svg_chart.h): inline SVG scaled to the column, readable on A4. */
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 18px 28px; }
figure.chart { margin: 0; }
figure.chart figcaption { font-weight: 600; margin-bottom: 2px; }
svg.chart { width: 100%; height: auto; display: block; font-family: system-ui, "DejaVu Sans", sans-serif; }
svg.chart text { font-size: 11px; fill: var(--fg); }
svg.chart text.axis, svg.chart text.value { fill: var(--muted); }
svg.chart text.hl { fill: var(--high); font-weight: 700; }
svg.chart text.legend { fill: var(--muted); }
svg.chart line.grid { stroke: var(--line); stroke-width: 1; }
svg.chart rect.track { fill: var(--band); }
svg.chart .seg-sent { fill: var(--sent); }
svg.chart .seg-received { fill: var(--received); }
svg.chart .seg-neutral { fill: #7d8b99; }
svg.chart .sev-critical { fill: var(--critical); }
svg.chart .sev-high { fill: var(--high); }
svg.chart .sev-medium { fill: var(--medium); }
svg.chart .sev-low { fill: var(--low); }
svg.chart .sev-info { fill: var(--info); }
svg.chart rect.hl-mark { fill: var(--high); }
svg.chart rect.cell { stroke: #fff; stroke-width: 2; }
svg.chart rect.risk-0 { fill: #eef1f4; }
svg.chart rect.risk-1 { fill: #a5d6a7; } svg.chart rect.risk-2 { fill: #ffe082; }
svg.chart rect.risk-3 { fill: #ffb74d; } svg.chart rect.risk-4 { fill: #e57373; }
svg.chart text.count { font-size: 15px; font-weight: 700; }
svg.chart text.count.zero { fill: #a7b1bb; font-weight: 400; }
svg.chart rect.suppressed { opacity: .45; }
svg.chart g.bar:hover rect, svg.chart g.span:hover rect, svg.chart g.cell:hover rect { opacity: .8; }

footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }

/* Print and save as PDF: A4, no controls, tables and charts never cut through a row or a chart. */
/* Page numbers in the bottom margin (CSS margin boxes: Chromium prints them since version 131, and they
   replace its own date/URL footer). "3 / 12" reads the same in every language. */
@page { size: A4; margin: 12mm 10mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 9px system-ui, "DejaVu Sans", sans-serif;
    color: #5b6672; } }
@media print {
  body { padding: 0; max-width: none; font-size: 10.5px; }
  /* A heading, and the caption under it, go to the next page with what they introduce. */
  h1, h2, h3, h4, figcaption, p.caption { break-after: avoid; break-inside: avoid; }
  section > h2 + h3 { break-before: avoid; }
  /* Ids (R-003, M-VENDOR-CLOUD-OFF, inv:HW-001) stay on one line: never "R-" / "003". */
  .id, td.id { white-space: nowrap; overflow-wrap: normal !important; }
  table.data .id, table.data .mono.id { font-size: 7px; }
  .table-tools, .no-print { display: none !important; }
  .table-wrap { overflow: visible; }
  table.data { font-size: 9px; }
  table.data th { position: static; }
  /* Chromium paints no form control in a header repeated on later pages: the label is generated content. */
  table.data th button { display: none; }
  table.data th::before { content: attr(data-label); font-weight: 600; }
  table.data th[data-short]::before { content: attr(data-short); }
  table.data thead { display: table-header-group; }
  table.data tr { break-inside: avoid; }
  table.data td.wrap, table.data details { min-width: 0; }
  /* Tables that give column widths keep them on paper; long paths and URLs wrap inside. */
  table.data.sized { table-layout: fixed; }
  table.data.sized td, table.data.sized th { overflow-wrap: anywhere; }
  table.data th, table.data td { padding: 2px 3px; }
  table.data.sized th { white-space: normal; overflow-wrap: normal; font-size: 8px; hyphens: manual; }
  .badge { font-size: 8px; padding: 0 4px; }
  table.data td.evidence details summary { display: none; }
  /* ... except a summary that is content itself: the register's formula line. */
  table.data td.evidence details summary.formula { display: block; list-style: none; color: inherit; font-weight: 600; }
  table.data td.evidence details summary.formula::-webkit-details-marker { display: none; }
  table.data td.evidence ul { padding-left: 10px; }
  table.data .mono, table.data code { font-size: inherit; }
  table.data th button::after { content: none; }
  .charts { display: block; }
  figure.chart { break-inside: avoid; margin-bottom: 14px; max-width: 180mm; }
  svg.chart { max-height: 120mm; }
  a { color: inherit; text-decoration: none; }
}
)css";

// Plain ES2017, no library. Data is only ever read (getAttribute, textContent) and moved (appendChild,
// hidden): no innerHTML, no eval, no URL built from data.
constexpr std::string_view kScript = R"js(
'use strict';
(function () {
  function sortKey(cell, type) {
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    if (type === 'number') {
      var n = Number(raw);
      return raw === '' || isNaN(n) ? -Infinity : n;
    }
    return raw;
  }
  function compare(a, b, type) {
    if (type === 'number') return a < b ? -1 : a > b ? 1 : 0;
    if (type === 'date') {
      // Keys are RFC 3339 UTC of one width, so text order is time order; undated rows last.
      if (a === b) return 0;
      if (a === '') return 1;
      if (b === '') return -1;
      return a < b ? -1 : 1;
    }
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
  }
  function sortTable(table, th) {
    var type = th.getAttribute('data-type') || 'text';
    var index = th.cellIndex;
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var headers = table.tHead.rows[0].cells;
    for (var h = 0; h < headers.length; h++) headers[h].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row, i) {
      return { row: row, i: i, key: row.cells.length > index ? sortKey(row.cells[index], type) : '' };
    });
    rows.sort(function (x, y) {
      var c = compare(x.key, y.key, type);
      return (ascending ? c : -c) || x.i - y.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }
  function filterTable(table, input, counter) {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = table.tBodies[0].rows, shown = 0, total = 0;
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].classList.contains('empty-row')) continue;
      var text = rows[i].textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      rows[i].hidden = !keep;
      total++;
      if (keep) shown++;
    }
    if (counter) {
      var template = counter.getAttribute(words.length ? 'data-shown' : 'data-total') || '{shown}/{total}';
      counter.textContent = template.replace('{shown}', String(shown)).replace('{total}', String(total));
    }
  }
  document.querySelectorAll('table.data').forEach(function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var button = th.querySelector('button');
      if (button) button.addEventListener('click', function () { sortTable(table, th); });
    });
  });
  document.querySelectorAll('input.table-filter').forEach(function (input) {
    var table = document.getElementById(input.getAttribute('data-table'));
    if (!table) return;
    var counter = document.querySelector('[data-count-for="' + table.id + '"]');
    input.addEventListener('input', function () { filterTable(table, input, counter); });
    filterTable(table, input, counter);
  });
  // Evidence sits in closed <details> on screen; a printed or saved PDF must show all of it.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
})();
)js";

}  // namespace

std::string_view html_stylesheet() { return kStylesheet; }
std::string_view html_script() { return kScript; }

}  // namespace sovscan
