// Rendered pages in headless Chromium (Debian's, driven by Playwright): each page shows the
// learner's name, the title and the awarding body read straight from the credential's JSON (not
// from edc), makes no request, and axe-core finds no serious or critical accessibility
// violation; a screenshot of one is saved. Run by tools/test-render.sh with
// EDC_RENDER_CASES (a JSON list of {page, source}) and EDC_RENDER_SCREENSHOT.
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';

const require = createRequire(import.meta.url);
const {chromium} = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const cases = JSON.parse(fs.readFileSync(process.env.EDC_RENDER_CASES, 'utf8'));

// What the credential says, read from its JSON.
function credentialOf(source) {
  let json = JSON.parse(fs.readFileSync(source, 'utf8'));
  if (typeof json.payload === 'string') json = JSON.parse(json.payload);
  return json.credential || json;
}
const first = (v) => (Array.isArray(v) ? first(v[0]) : typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);
const inEnglish = (map) => (map && typeof map === 'object' && !Array.isArray(map) ? first(map.en ?? Object.values(map)[0]) : first(map));
function legalNames(node, inside, out) {
  if (Array.isArray(node)) { node.forEach((n) => legalNames(n, inside, out)); return out; }
  if (!node || typeof node !== 'object') return out;
  if (inside && node.legalName) out.push(inEnglish(node.legalName));
  for (const [k, v] of Object.entries(node)) legalNames(v, inside || k === 'awardingBody' || k === 'issuer', out);
  return out;
}
function expectations(source) {
  const c = credentialOf(source);
  const s = Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject;
  return {
    learner: [inEnglish(s.givenName), inEnglish(s.familyName)].filter(Boolean),
    title: inEnglish(c.title) ?? inEnglish(c.displayParameter?.title),
    bodies: legalNames(c, false, []).filter(Boolean),
  };
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = 0;
const say = (ok, what) => { console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`); if (!ok) failed++; };
try {
  for (const [i, {page: file, source}] of cases.entries()) {
    const url = pathToFileURL(file).href;
    const context = await browser.newContext({bypassCSP: false});
    const page = await context.newPage();
    const outside = [];
    page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) outside.push(r.url()); });
    await page.goto(url);
    const shown = (await page.evaluate(() => document.body.innerText)).replace(/\s+/g, ' ');
    const want = expectations(source);
    const name = path.basename(source);
    say(want.learner.every((n) => shown.includes(n)), `${name}: the learner ${want.learner.join(' ')}`);
    if (want.title) say(shown.includes(want.title), `${name}: the title ${want.title}`);
    if (want.bodies.length) say(want.bodies.some((b) => shown.includes(b)), `${name}: the awarding body (${want.bodies[0]})`);
    say(outside.length === 0, `${name}: no request left the page ${outside.join(', ')}`);
    if (i === 0 && process.env.EDC_RENDER_SCREENSHOT) {
      await page.setViewportSize({width: 1000, height: 1300});
      await page.screenshot({path: process.env.EDC_RENDER_SCREENSHOT});
    }
    await context.close();
    // axe-core needs its script in the page, which the page's own policy forbids: a second
    // context that bypasses the policy for the audit only.
    const audit = await browser.newContext({bypassCSP: true});
    const auditPage = await audit.newPage();
    await auditPage.goto(url);
    await auditPage.addScriptTag({content: axeSource});
    const result = await auditPage.evaluate(async () => await window.axe.run(document, {resultTypes: ['violations']}));
    const grave = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    say(grave.length === 0, `${name}: axe-core, no serious or critical violation ${grave.map((v) => v.id).join(', ')}`);
    await audit.close();
  }
} finally {
  await browser.close();
}
console.log(`${cases.length} pages, ${failed} failed`);
process.exit(failed ? 1 : 0);
