// Opens the risk analysis page of `sovscan risk` in Debian's headless Chromium, as an auditor would.
//
//   node tests/browser/risk.test.mjs SOVSCAN SAMPLE_CAPTURE_TOOL WORKDIR
//
// The inputs attack the reader everywhere they can: the capture's server names
// (sovscan-sample-capture --hostile), a CMDB whose asset names, owners and locations are <script>,
// "><img onerror=...>, =HYPERLINK(...) and ANSI escapes, and a policy whose exception justification
// is one too. Checks: nothing runs, loads or is injected; the hostile words are shown as text; the
// heat map renders and its cells count the register's risks; the register sorts by score both ways;
// the filter hides rows and counts them; an accepted and an expired exception are marked; the
// Czech page passes the same; then a screenshot (PNG) and a printed A4 PDF into WORKDIR.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  check, fatal, finish, launchChromium, openPage, checkInert, columnKeys, clickHeader, ascendingNumbers,
  descendingNumbers,
} from './harness.mjs';

const [sovscan, captureTool, workdirArg] = process.argv.slice(2);
if (!sovscan || !captureTool || !workdirArg) fatal('usage: risk.test.mjs SOVSCAN SAMPLE_CAPTURE_TOOL WORKDIR');
const workdir = path.resolve(workdirArg);
fs.mkdirSync(workdir, { recursive: true });

const SCRIPT = '<script>alert(1);window.pwned=1</script>';
const IMG = '"><img src=x onerror=alert(2);window.pwned=2>';
const FORMULA = '=HYPERLINK("http://x","y")';
const ANSI = '\x1b[31mred\x1b[0m';

const csvCell = s => `"${s.replace(/"/g, '""')}"`;
const capture = path.join(workdir, 'risk-hostile.pcapng');
const cmdb = path.join(workdir, 'risk-hostile-cmdb.csv');
const policy = path.join(workdir, 'risk-hostile-policy.yaml');
execFileSync(captureTool, ['--hostile', capture]);
// The hostile capture's hosts by address (camera, PV logger, workstation, jump host), valued and owned.
fs.writeFileSync(cmdb, [
  'id,name,ip,category,location,owner,c,i,a',
  ['H-1', SCRIPT, '10.20.1.10', 'ip_camera', 'Vrátnice', IMG, 3, 2, 2].map(String).map(csvCell).join(','),
  ['H-2', FORMULA, '10.20.2.20', 'pv_inverter', ANSI, 'Jiří Novák', 2, 3, 3].map(String).map(csvCell).join(','),
  ['H-3', IMG, '10.20.3.30', 'workstation', '<script>window.pwned=4</script>', FORMULA, 3, 2, 2].map(String).map(csvCell).join(','),
  ['H-4', 'jump host', '10.20.4.40', 'server', 'Serverovna', 'it@example.cz', 3, 3, 3].map(String).map(csvCell).join(','),
].join('\r\n') + '\r\n');
// Single-quoted YAML: the double quotes of IMG are plain characters there.
fs.writeFileSync(policy, [
  'exceptions:',
  '  - id: CHG-JUMP',
  '    asset: 10.20.4.40',
  `    justification: '${IMG} ${SCRIPT}'`,
  `    owner: 'it ${IMG}'`,
  '    expires: 2099-12-31',
  '  - id: CHG-OLD',
  '    asset: 10.20.3.30',
  '    justification: old decision',
  '    owner: it@example.cz',
  '    expires: 2020-01-01',
].join('\n') + '\n');

function risk(lang, output) {
  const r = spawnSync(sovscan, ['risk', capture, '--home-net', '10.20.0.0/16', '--inventory', cmdb, '--policy', policy,
                                '--lang', lang, '--no-progress', '-q', '--fail-on', 'never', '-o', output],
                      { encoding: 'utf8' });
  if (r.status !== 0) fatal(`sovscan risk -o ${output} exited ${r.status}: ${r.stderr}`);
  return output;
}

const browser = await launchChromium();

async function checkRiskPage(label, file, words, screenshot) {
  const { page, context, seen } = await openPage(browser, file);
  await checkInert(label, page, seen);
  check(await page.$eval('html', h => h.lang) === words.lang, `${label}: the page says its language`);

  // Charts: the heat map first, then the exposure charts and findings over time, all drawn.
  const charts = await page.$$eval('svg.chart', svgs => svgs.map(s => {
    const b = s.getBoundingClientRect();
    return { width: b.width, height: b.height, label: s.getAttribute('aria-label') };
  }));
  check(charts.length === 5, `${label}: five charts (heat map, jurisdiction, operator, assets, over time)`, JSON.stringify(charts));
  check(charts.every(c => c.width > 100 && c.height > 20), `${label}: every chart has a non-zero box`, JSON.stringify(charts));
  const heat = await page.$eval('svg.chart', svg => Array.from(svg.querySelectorAll('g.cell')).map(g => {
    const r = g.querySelector('rect').getBBox();
    return { n: Number(g.querySelector('text').textContent), w: r.width, h: r.height, cls: g.querySelector('rect').getAttribute('class') };
  }));
  const registerRows = await page.$$eval('#risk-register tbody tr', r => r.length);
  const inCells = heat.reduce((sum, c) => sum + c.n, 0);
  check(heat.length === 36 && heat.every(c => c.w > 10 && c.h > 10), `${label}: heat map draws 4 x 9 cells with real boxes`,
        JSON.stringify(heat.slice(0, 3)));
  check(registerRows >= 4 && inCells === registerRows, `${label}: heat-map cells count every risk of the register`,
        `${inCells} in cells, ${registerRows} rows`);
  check(heat.some(c => c.n > 0 && /risk-[34]/.test(c.cls)), `${label}: some risk sits in a High or Critical cell`);

  // Sorting the register by score, both ways.
  await clickHeader(page, 'risk-register', words.score);
  let keys = await columnKeys(page, 'risk-register', words.score);
  check(ascendingNumbers(keys) && new Set(keys).size > 1, `${label}: clicking "${words.score}" sorts ascending`, keys.join(' '));
  await clickHeader(page, 'risk-register', words.score);
  keys = await columnKeys(page, 'risk-register', words.score);
  check(descendingNumbers(keys), `${label}: clicking it again sorts descending`, keys.join(' '));

  // Filtering: only the jump host's risks stay; the counter says so; clearing brings all back.
  const filter = page.locator('input.table-filter[data-table="risk-register"]');
  await filter.fill('inv:H-4');
  const visible = await page.$$eval('#risk-register tbody tr', r => r.filter(x => !x.hidden).map(x => x.textContent));
  check(visible.length >= 1 && visible.length < registerRows && visible.every(t => t.includes('inv:H-4')),
        `${label}: filter keeps only the jump host's risks`, `${visible.length} of ${registerRows}`);
  const counter = await page.textContent('[data-count-for="risk-register"]');
  check(counter === words.shown(visible.length, registerRows), `${label}: the filter's counter`, counter);
  check(visible.every(t => t.includes(words.accepted)), `${label}: the excepted jump host's risks are accepted`, visible.join('\n'));
  await filter.fill('');
  const all = await page.$$eval('#risk-register tbody tr', r => r.filter(x => !x.hidden).length);
  check(all === registerRows, `${label}: clearing the filter shows every row`);

  // Accepted and expired: marked in the register and in the exceptions table.
  const expiredRows = await page.$$eval('#risk-register tr.expired', r => r.length);
  check(expiredRows >= 1, `${label}: the workstation's risk is flagged with the expired exception`);
  const exceptionStates = await page.$$eval('#exceptions-table tbody tr', r => r.map(x => x.className + ':' + x.cells[1].textContent));
  check(exceptionStates.includes(`expired:${words.expired}`), `${label}: the expired exception is marked`, exceptionStates.join('\n'));

  // The hostile words, as text, where an auditor reads them.
  const assets = await page.textContent('#assets-table');
  for (const word of [SCRIPT, IMG, FORMULA, '\\x1b[31mred\\x1b[0m', '<script>window.pwned=4</script>'])
    check(assets.includes(word), `${label}: hostile inventory text shown as text: ${JSON.stringify(word)}`);
  const exceptions = await page.textContent('#exceptions-table');
  check(exceptions.includes(`${IMG} ${SCRIPT}`), `${label}: hostile justification shown as text`);
  const text = await page.textContent('body');
  check(!text.includes('\x1b'), `${label}: no terminal escape byte in the page text`);

  await page.screenshot({ path: screenshot, fullPage: true });
  check(fs.statSync(screenshot).size > 10000, `${label}: screenshot written to ${screenshot}`);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const closed = await page.$$eval('details', d => d.filter(x => !x.open).length);
  check(closed === 0, `${label}: printing opens every derivation`, `${closed} closed`);
  const pdf = screenshot.replace(/\.png$/, '.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  check(fs.readFileSync(pdf).subarray(0, 5).toString() === '%PDF-', `${label}: printed to A4 PDF ${pdf}`);
  check(seen.console.length === 0 && seen.requests.length === 0 && seen.dialogs.length === 0 && seen.errors.length === 0,
        `${label}: still no console error, request, dialog or script error after interacting`,
        [...seen.console, ...seen.requests, ...seen.dialogs, ...seen.errors].join('\n'));
  await context.close();
}

try {
  await checkRiskPage('risk page (en)', risk('en', path.join(workdir, 'risk-hostile-en.html')),
                      { lang: 'en', score: 'Risk', accepted: 'accepted', expired: 'expired',
                        shown: (n, t) => `${n} of ${t} rows shown` },
                      path.join(workdir, 'risk-hostile-en.png'));
  await checkRiskPage('risk page (cs)', risk('cs', path.join(workdir, 'risk-hostile-cs.html')),
                      { lang: 'cs', score: 'Riziko', accepted: 'přijaté', expired: 'vypršela',
                        shown: (n, t) => `zobrazeno ${n} z ${t} řádků` },
                      path.join(workdir, 'risk-hostile-cs.png'));
} catch (e) {
  check(false, `${e.stack || e}`);
} finally {
  await browser.close();
}
finish();
