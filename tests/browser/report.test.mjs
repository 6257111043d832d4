// Opens sovscan's HTML scan report in Debian's headless Chromium, as an auditor's browser would.
//
//   node tests/browser/report.test.mjs SOVSCAN SAMPLE_CAPTURE_TOOL WORKDIR
//
// On a capture whose names and headers attack the reader (<script>, "><img onerror=...>,
// =HYPERLINK(...), ANSI escapes) and on the project's own sample capture: no dialog, no console
// error, no request, the trap variable injected script would set stays unset, the hostile names
// are shown as text, charts render, header clicks sort, the filter hides rows, the CSV has no cell
// a spreadsheet would evaluate; then a screenshot (PNG) and a printed A4 PDF into WORKDIR.
// Fails, never skips, when Chromium or playwright-core is missing (scripts/setup.sh installs both).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  check, fatal, finish, launchChromium, openPage, checkInert, columnKeys, clickHeader, ascendingNumbers,
  descendingNumbers, chronological,
} from './harness.mjs';

const [sovscan, captureTool, workdirArg] = process.argv.slice(2);
if (!sovscan || !captureTool || !workdirArg) fatal('usage: report.test.mjs SOVSCAN SAMPLE_CAPTURE_TOOL WORKDIR');
const workdir = path.resolve(workdirArg);
fs.mkdirSync(workdir, { recursive: true });

// --- the scans -------------------------------------------------------------------------------

function scan(capture, output) {
  // Exit 1 means "findings at or above --fail-on", which both captures are made to show.
  const r = spawnSync(sovscan, ['scan', capture, '--home-net', '10.20.0.0/16', '--no-progress', '-q', '-o', output],
                      { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) fatal(`sovscan scan ${capture} -o ${output} exited ${r.status}: ${r.stderr}`);
  return fs.readFileSync(output, 'utf8');
}

const hostileCapture = path.join(workdir, 'hostile.pcapng');
const sampleCapture = path.join(workdir, 'sample.pcapng');
execFileSync(captureTool, ['--hostile', hostileCapture]);
execFileSync(captureTool, [sampleCapture]);

// What the hostile capture puts in its server names (lower-cased by sovscan, as DNS names are).
const HOSTILE_NAMES = [
  '<script>alert(1);window.pwned=1</script>.example',
  '"><img src=x onerror=alert(2);window.pwned=2>',
  '=hyperlink("http://x","y")',
  '\\x1b[31mred\\x1b[0m.example',  // ANSI escape shown as text, never as a control byte
];

// --- the CSV: no cell a spreadsheet evaluates --------------------------------------------------

function parseCsv(text) {  // RFC 4180
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

{
  const csv = scan(hostileCapture, path.join(workdir, 'hostile.csv'));
  const rows = parseCsv(csv);
  const header = rows[0] || [];
  const nameColumn = header.indexOf('counterpart_name');
  check(rows.length >= 8 && nameColumn >= 0, 'CSV: a header and one row per hostile server', `${rows.length} rows`);
  const formulas = [];
  for (const row of rows.slice(1)) {
    if (row.length !== header.length) formulas.push(`row of ${row.length} cells, header has ${header.length}`);
    for (const cell of row) if (/^[=+\-@\t\r]/.test(cell)) formulas.push(cell);
  }
  check(formulas.length === 0, 'CSV: no cell starts with = + - @ TAB CR', formulas.join('\n'));
  const names = rows.slice(1).map(r => r[nameColumn]);
  check(names.includes(`'=hyperlink("http://x","y")`), 'CSV: the =HYPERLINK name is kept, neutralised', names.join('\n'));
  check(names.some(n => n.startsWith("'+cmd")) && names.some(n => n.startsWith("'@sum")) &&
        names.some(n => n.startsWith("'-1+1")), 'CSV: + @ - names neutralised too', names.join('\n'));
  check(!csv.includes('\x1b'), 'CSV: no terminal escape byte');
}

// --- the browser -----------------------------------------------------------------------------

const browser = await launchChromium();
const open = file => openPage(browser, file);

async function checkReport(label, file, screenshot, expectations) {
  const { page, context, seen } = await open(file);

  await checkInert(label, page, seen);

  // Charts: four inline SVGs, each drawn with a real size, and bars with a real width.
  const charts = await page.$$eval('svg.chart', svgs => svgs.map(s => {
    const b = s.getBoundingClientRect();
    const marks = Array.from(s.querySelectorAll('g.bar rect:not(.track):not(.hl-mark), g.span rect'))
      .filter(r => { const bb = r.getBBox(); return bb.width > 0 && bb.height > 0; }).length;
    return { width: b.width, height: b.height, marks, label: s.getAttribute('aria-label') };
  }));
  check(charts.length === 4, `${label}: four charts`, JSON.stringify(charts));
  check(charts.every(c => c.width > 100 && c.height > 20), `${label}: every chart has a non-zero box`, JSON.stringify(charts));
  check(charts.every(c => c.marks > 0), `${label}: every chart draws bars or spans`, JSON.stringify(charts));
  const highlighted = await page.$$eval('svg.chart text.hl', t => t.map(x => x.textContent));
  check(highlighted.includes('CN'), `${label}: CN is marked high-risk in the jurisdiction chart`, highlighted.join(', '));

  // Sorting: numbers numerically, both ways; dates chronologically.
  const rows = await page.$$eval('#findings-table tbody tr', r => r.length);
  check(rows >= expectations.minFindings, `${label}: findings table has ${expectations.minFindings}+ rows`, `${rows} rows`);
  await clickHeader(page, 'findings-table', 'Sent');
  let keys = await columnKeys(page, 'findings-table', 'Sent');
  check(ascendingNumbers(keys) && new Set(keys).size > 1, `${label}: clicking "Sent" sorts ascending by bytes`, keys.join(' '));
  await clickHeader(page, 'findings-table', 'Sent');
  keys = await columnKeys(page, 'findings-table', 'Sent');
  check(descendingNumbers(keys), `${label}: clicking "Sent" again sorts descending`, keys.join(' '));
  await clickHeader(page, 'findings-table', 'First seen');
  keys = await columnKeys(page, 'findings-table', 'First seen');
  check(chronological(keys) && keys.length === rows, `${label}: clicking "First seen" sorts chronologically`, keys.join('\n'));
  const ariaSort = await page.$eval('#findings-table thead th:nth-child(11)', th => th.getAttribute('aria-sort'));
  check(ariaSort === 'ascending', `${label}: the sorted header says so (aria-sort)`, ariaSort);

  // Filtering: only rows with the word stay; the count says so; clearing brings all back.
  const filter = page.locator('input.table-filter[data-table="findings-table"]');
  await filter.fill(expectations.filterWord);
  const visible = await page.$$eval('#findings-table tbody tr', r => r.filter(x => !x.hidden).map(x => x.textContent));
  check(visible.length >= 1 && visible.length < rows && visible.every(t => t.toLowerCase().includes(expectations.filterWord)),
        `${label}: filter "${expectations.filterWord}" keeps only matching rows`, `${visible.length} of ${rows}`);
  const visibleBoxes = await page.$$eval('#findings-table tbody tr', r => r.map(x => x.getBoundingClientRect().height > 0));
  check(visibleBoxes.filter(Boolean).length === visible.length, `${label}: hidden rows take no space`);
  const counter = await page.textContent('[data-count-for="findings-table"]');
  check(counter === `${visible.length} of ${rows} rows shown`, `${label}: the filter's counter`, counter);
  await filter.fill('');
  const all = await page.$$eval('#findings-table tbody tr', r => r.filter(x => !x.hidden).length);
  check(all === rows, `${label}: clearing the filter shows every row`, `${all} of ${rows}`);

  if (expectations.names) {
    const text = await page.textContent('#findings-table');
    for (const name of expectations.names)
      check(text.includes(name), `${label}: hostile name shown as text: ${JSON.stringify(name)}`);
    check(!text.includes('\x1b'), `${label}: no terminal escape byte in the page text`);
  }

  await page.screenshot({ path: screenshot, fullPage: true });
  check(fs.statSync(screenshot).size > 10000, `${label}: screenshot written to ${screenshot}`);
  // Print as an auditor would save it: A4, every <details> opened by the page's beforeprint handler.
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const closed = await page.$$eval('details', d => d.filter(x => !x.open).length);
  check(closed === 0, `${label}: printing opens every evidence list`, `${closed} closed`);
  const pdf = screenshot.replace(/\.png$/, '.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  check(fs.readFileSync(pdf).subarray(0, 5).toString() === '%PDF-', `${label}: printed to A4 PDF ${pdf}`);
  check(seen.console.length === 0 && seen.requests.length === 0 && seen.dialogs.length === 0,
        `${label}: still no console error, request or dialog after interacting`,
        [...seen.console, ...seen.requests, ...seen.dialogs].join('\n'));
  await context.close();
}

// The trap works: the same checks see a script that does run (a page without escaping or policy).
{
  const control = path.join(workdir, 'control.html');
  fs.writeFileSync(control, `<!DOCTYPE html><p>${HOSTILE_NAMES[0]}</p>`);
  const { page, context, seen } = await open(control);
  check(await page.evaluate(() => window.pwned === 1) && seen.dialogs.length === 1,
        'control: an unescaped name does run, and the trap and dialog checks see it', JSON.stringify(seen));
  await context.close();
}

try {
  const hostileHtml = path.join(workdir, 'hostile.html');
  scan(hostileCapture, hostileHtml);
  await checkReport('hostile capture', hostileHtml, path.join(workdir, 'hostile-report.png'),
                    { minFindings: 7, filterWord: '47.96.1.12', names: HOSTILE_NAMES });

  const sampleHtml = path.join(workdir, 'sample.html');
  scan(sampleCapture, sampleHtml);
  await checkReport('sample capture', sampleHtml, path.join(workdir, 'sample-report.png'),
                    { minFindings: 5, filterWord: 'ssh' });
} catch (e) {
  check(false, `${e.stack || e}`);
} finally {
  await browser.close();
}

finish();
