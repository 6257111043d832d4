// Prints the Czech risk register to PDF with Debian's headless Chromium, as an auditor would print
// it, and reads the paper back with poppler (pdftotext -layout, pdftoppm).
//
//   node tests/browser/risk_pdf.test.mjs SOVSCAN CORPUS_DIR WORKDIR
//
// Inputs: real IoT captures of the corpus (iot-sentinel: plugs, cameras, hubs; enough risks for
// the register to run over several pages) and a Czech CMDB written here (a camera and a plug known
// by MAC only, an uncatalogued maker's plug, a printer never seen on the wire). Checks on paper:
// every risk's formula line is printed; the register's header repeats on each page it runs over,
// with its text (not an empty band) and no two headers run together; ids stay whole; every page
// is numbered "n/N"; no heading is left alone at the foot of a page; the Czech pages carry no
// English category keys, basis tokens or summaries.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM, check, fatal, finish } from './harness.mjs';

const [sovscan, corpusArg, workdirArg] = process.argv.slice(2);
if (!sovscan || !corpusArg || !workdirArg) fatal('usage: risk_pdf.test.mjs SOVSCAN CORPUS_DIR WORKDIR');
const workdir = path.resolve(workdirArg, 'risk-pdf');
fs.mkdirSync(workdir, { recursive: true });
if (!fs.existsSync(CHROMIUM)) fatal(`${CHROMIUM} is missing: apt-get install chromium`);
for (const tool of ['pdftotext', 'pdftoppm'])
  if (spawnSync(tool, ['-v']).error) fatal(`${tool} is missing: apt-get install poppler-utils`);

const iot = path.join(path.resolve(corpusArg), 'iot-sentinel');
const captures = [
  ...fs.readdirSync(iot).sort().map(d => path.join(iot, d, 'Setup-A-1-STA.pcap')).filter(f => fs.existsSync(f)),
  path.join(iot, 'D-LinkCam', 'Setup-C-5-STA.pcap'),
  path.join(iot, 'EdimaxPlug1101W', 'Setup-A-3-STA.pcap'),
];
for (const c of captures) if (!fs.existsSync(c)) fatal(`corpus capture missing: ${c}`);

const cmdb = path.join(workdir, 'cmdb.csv');
fs.writeFileSync(cmdb, [
  'id,name,ip,mac,category,manufacturer,location,owner,c,i,a',
  'HW-001,Kamera vrátnice,,b0:c5:54:25:5b:0e,ip_camera,D-Link,Vrátnice,Jiří Novák,3,2,2',
  'HW-002,Chytrá zásuvka kuchyňka,,50:c7:bf:00:fc:a3,consumer_iot,TP-Link,Kuchyňka,Petra Malá,,,',
  'HW-003,Zásuvka sklad,,74:da:38:4a:76:49,network_equipment,Zásuvky Novák s.r.o.,Sklad,,,,',
  'HW-004,Tiskárna,10.0.0.99,,printer,Kyocera,Kancelář,,2,2,2',
].join('\r\n') + '\r\n');

const html = path.join(workdir, 'register-cs.html');
const r = spawnSync(sovscan, ['risk', ...captures, '--inventory', cmdb, '--lang', 'cs', '--no-progress', '-q',
                              '--fail-on', 'never', '-o', html], { encoding: 'utf8' });
if (r.status !== 0) fatal(`sovscan risk exited ${r.status}: ${r.stderr}`);
const source = fs.readFileSync(html, 'utf8');
const riskIds = [...source.matchAll(/<td class="mono id"[^>]*>(R\.[^<]+)<\/td>/g)].map(m => m[1]);
check(riskIds.length >= 4, 'the register has risks enough to run over pages', riskIds.join(' '));

// Chromium's own print: no header or footer of its own, so the page numbers on paper are the
// document's (CSS @page margin boxes).
const pdf = path.join(workdir, 'register-cs.pdf');
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const print = spawnSync(CHROMIUM, [
  ...(root ? ['--no-sandbox'] : []), '--headless', '--disable-gpu', '--no-pdf-header-footer',
  `--user-data-dir=${path.join(workdir, 'chromium-profile')}`, `--print-to-pdf=${pdf}`, html,
], { encoding: 'utf8', timeout: 120000 });
if (!fs.existsSync(pdf)) fatal(`chromium printed no PDF (exit ${print.status}): ${print.stderr}`);

const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const pages = text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
const lines = text.split('\n');
check(pages.length >= 3, `the register prints on several A4 pages (${pages.length})`);

// 1. The formula line of every risk: "Riziko = dopad 2 (C;I;A) × hrozba 3 × zranitelnost 2 = 12",
// wrapped in its column, so read as the words of the text flow.
const flow = text.replace(/\s+/g, ' ');
const formulas = [...flow.matchAll(/Riziko = dopad \d \([CIA;]+\) ×/g)].length;
check(formulas === riskIds.length, 'every risk prints its formula line', `${formulas} formula lines, ${riskIds.length} risks`);
check(/zranitelnost \d = \d+/.test(flow), 'the formula line ends in its score');

// 2. The register's header on each page the register runs over, with its words apart.
const header = /ID\s+Aktivum\s+Hrozba\s+Dopad\s+Úr\.\s+Zranit\.\s+Pravděp\.\s+Riziko\s+Úroveň\s+Stav\s+Odvození a nálezy/;
const registerPages = pages.filter(p => /Riziko = dopad \d/.test(p));  // a page with a risk's row
const withHeader = registerPages.filter(p => header.test(p.replace(/\s*\n\s*hrozby/g, '')));
check(registerPages.length >= 2, `the register runs over ${registerPages.length} pages`);
check(withHeader.length === registerPages.length, 'the register header, in words, tops every page of the register',
      `${withHeader.length} of ${registerPages.length} pages`);
const glued = lines.filter(l => /[a-zěščřžýáíé.](Pravděp|Riziko|Úroveň|Zranit|Aplik|Zjištění|Rizika)/.test(l) && /Aktivum|Opatření/.test(l));
check(glued.length === 0, 'no two column headers run together', glued.join('\n'));

// 3. Ids whole: no line ends in "R-" or "M-" cut from the rest of its id; each id is on paper.
const cut = lines.filter(l => /(^|[\s,(])[RMT]-\s*$/.test(l) || /(^|\s)[RMT]-$/.test(l.trim()));
check(cut.length === 0, 'no id is cut across lines', cut.join('\n'));
const escaped = id => id.replace(/[.]/g, '\\.');
const missing = riskIds.filter(id => !new RegExp(`(^|\\s)${escaped(id)}(\\s|,|$)`, 'm').test(text));
check(missing.length === 0, 'every risk id is printed whole', missing.join(' '));
for (const id of ['M-VENDOR-CLOUD-OFF', 'M-EGRESS-OPERATOR', 'NUKIB-2018-HUAWEI-ZTE', 'T.VENDOR.CLOUD.OFF'])
  check(text.includes(id), `${id} printed whole`);

// 4. Page numbers "n/N" on every page.
const numbers = pages.map(p => (p.match(/^\s*(\d+)\s*\/\s*(\d+)\s*$/m) || []).slice(1).join('/'));
check(numbers.every((n, i) => n === `${i + 1}/${pages.length}`), 'every page is numbered n/N', numbers.join(' '));

// 5. No heading alone at the foot of a page: the last line of text before the page number.
const headings = [...source.matchAll(/<h[23][^>]*>([^<]+)<\/h[23]>/g)].map(m => m[1].trim());
const feet = pages.map(p => p.split('\n').map(l => l.trim()).filter(l => l && !/^\d+\s*\/\s*\d+$/.test(l)).pop() || '');
const alone = feet.filter(f => headings.includes(f));
check(alone.length === 0, 'no heading is left at the foot of a page', alone.join(' | '));

// 6. Czech throughout: no category key, basis token, English summary or binary unit.
for (const english of ['network_equipment', 'ip_camera', 'consumer_iot', 'mac_oui', 'vendor_cloud', ' is a ', ' is made by',
                      ' sent ', 'KiB', 'z celkem', ' se netýká'])
  check(!flow.includes(english), `no "${english.trim()}" in the Czech document`);
check(/\d+ aktiv\b/i.test(flow) && /\d+ dodavatel(ů|é)?\b/i.test(flow), 'counts agree with their nouns (aktiv, dodavatelů)');
check(flow.includes('10 000 000 bajtů'), 'the volume threshold in Czech number format (10 000 000 bajtů)');

// 7. The paper itself: a page the register continues on is not blank, and the band of its
// repeated header holds text (dark pixels), not an empty grey stripe.
const continued = pages.findIndex((p, i) => i > 0 && registerPages.includes(p) && registerPages.indexOf(p) > 0);
check(continued > 0, 'a page on which the register continues');
const stem = path.join(workdir, 'page');
execFileSync('pdftoppm', ['-r', '100', '-f', String(continued + 1), '-l', String(continued + 1), '-singlefile', pdf, stem]);
const ppm = fs.readFileSync(`${stem}.ppm`);
const ppmHeader = ppm.toString('latin1', 0, 40).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
if (!ppmHeader) fatal(`pdftoppm wrote no PPM at ${stem}.ppm`);
const [width, height, headerLength] = [Number(ppmHeader[1]), Number(ppmHeader[2]), ppmHeader[0].length];
const pixel = (x, y) => { const o = headerLength + 3 * (y * width + x); return [ppm[o], ppm[o + 1], ppm[o + 2]]; };
let dark = 0;
const bandRows = [];
for (let y = 0; y < height; y++) {
  let band = 0;
  for (let x = 0; x < width; x++) {
    const [R, G, B] = pixel(x, y);
    if (R + G + B < 450) dark++;
    if (Math.abs(R - 0xf4) < 4 && Math.abs(G - 0xf6) < 4 && Math.abs(B - 0xf8) < 4) band++;
  }
  if (band > width * 0.5) bandRows.push(y);
}
check(dark > 2000, 'the continued page is not blank', `${dark} dark pixels`);
const firstBand = bandRows.filter(y => y < height / 3);
let inBand = 0;
for (const y of firstBand) for (let x = 0; x < width; x++) { const [R, G, B] = pixel(x, y); if (R + G + B < 600) inBand++; }
check(firstBand.length >= 4 && inBand > 40, 'the repeated header band carries its column names',
      `${firstBand.length} band rows, ${inBand} dark pixels in them`);

finish();
