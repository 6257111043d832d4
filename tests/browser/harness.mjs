// What the browser tests share: TAP-like checks, Debian's Chromium through playwright-core, and a
// page opened offline that records everything a report must never do (dialogs, console errors and
// CSP reports, script errors, requests). Fails, never skips, when Chromium or playwright-core is
// missing (scripts/setup.sh installs both).
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
let passed = 0, failed = 0;

export function check(condition, what, detail = '') {
  if (condition) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}${detail ? `\n    ${String(detail).split('\n').join('\n    ')}` : ''}`);
  }
}

export function fatal(message) {
  console.error(`browser test: ${message}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}

export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) fatal(`${CHROMIUM} is missing: apt-get install chromium (scripts/setup.sh does)`);
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    fatal(`playwright-core is missing: run 'npm ci' in tests/browser (scripts/setup.sh does): ${e.message}`);
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: root ? ['--no-sandbox'] : [],  // Chromium refuses its sandbox as root (CI runs as root)
  }).catch(e => fatal(`cannot launch ${CHROMIUM}: ${e.message}`));
}

// Opens `file` and records everything the page does that a report must never do.
export async function openPage(browser, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
  const page = await context.newPage();
  const seen = { dialogs: [], console: [], errors: [], requests: [] };
  const url = pathToFileURL(file).href;
  page.on('dialog', d => { seen.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') seen.console.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', e => seen.errors.push(e.message));
  page.on('request', r => { if (r.url() !== url) seen.requests.push(r.url()); });
  await page.goto(url, { waitUntil: 'load' });
  return { page, context, seen };
}

// The checks every report page must pass before anything is clicked: nothing ran, nothing was
// injected, nothing was loaded.
export async function checkInert(label, page, seen) {
  check(seen.dialogs.length === 0, `${label}: no dialog`, seen.dialogs.join('\n'));
  check(seen.errors.length === 0, `${label}: no script error`, seen.errors.join('\n'));
  check(seen.console.length === 0, `${label}: no console error or warning (CSP violations are reported there)`,
        seen.console.join('\n'));
  check(seen.requests.length === 0, `${label}: no request for anything but the page itself`, seen.requests.join('\n'));
  check(await page.evaluate(() => window.pwned === undefined), `${label}: trap variable window.pwned stays unset`);
  const scripts = await page.$$eval('script', s => s.length);
  check(scripts === 1, `${label}: exactly one script element (the page's own)`, `${scripts} script elements`);
  const injected = await page.$$eval('img, iframe, object, embed, link, base, form', e => e.map(x => x.outerHTML));
  check(injected.length === 0, `${label}: no element injected from the data`, injected.join('\n'));
  const handlers = await page.$$eval('*', els => els.flatMap(e => Array.from(e.attributes)
    .filter(a => a.name.startsWith('on')).map(a => `${e.tagName} ${a.name}`)));
  check(handlers.length === 0, `${label}: no inline event handler attribute`, handlers.join('\n'));
}

// The sort keys (data-sort, else the text) of a column's visible cells, top to bottom.
export async function columnKeys(page, table, header) {
  return page.$eval(`#${table}`, (t, h) => {
    const index = Array.from(t.tHead.rows[0].cells).findIndex(c => c.textContent.trim() === h);
    return Array.from(t.tBodies[0].rows).filter(r => !r.hidden)
      .map(r => r.cells[index].getAttribute('data-sort') ?? r.cells[index].textContent.trim());
  }, header);
}

export async function clickHeader(page, table, header) {
  await page.locator(`#${table} thead th`, { hasText: header }).first().locator('button').click();
}

export const ascendingNumbers = keys => keys.every((k, i) => i === 0 || Number(keys[i - 1]) <= Number(k));
export const descendingNumbers = keys => keys.every((k, i) => i === 0 || Number(keys[i - 1]) >= Number(k));
export const chronological = keys => keys.filter(k => k !== '').every((k, i, a) => i === 0 || a[i - 1] <= k);
