// The web build in headless Chromium (Debian's, driven by Playwright): a local page loads the
// package and verifies one sealed EU sample (anchors passed in) and one DI credential; every
// request the page makes must be to the local server (none leaves the page), and the verdicts
// must be the native ones.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const {chromium} = require('playwright-core');
const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.join(here, '..', 'pkg', 'web');
const fixtures = JSON.parse(fs.readFileSync(process.env.EDC_WASM_FIXTURES, 'utf8'));
const sealed = fixtures.cases.find((c) => c.trusted && c.native.verdict === 'verified');
const di = fixtures.cases.find((c) => !c.trusted && c.native.verdict !== 'failed');

const files = {
  '/index.html': ['text/html', '<!doctype html><title>edc-wasm</title><script type="module" src="/test.js"></script>'],
  '/test.js': ['text/javascript', `
    import init, {verify} from '/pkg/edc_wasm.js';
    await init();
    const get = async (p) => new Uint8Array(await (await fetch(p)).arrayBuffer());
    const anchors = await (await fetch('/anchors.json')).json();
    const at = ${JSON.stringify(fixtures.at)};
    window.results = {
      sealed: verify(await get('/sealed'), {validationTime: at, trustAnchors: anchors}).verdict,
      di: verify(await get('/di'), {validationTime: at}).verdict,
    };`],
  '/anchors.json': ['application/json', JSON.stringify(fixtures.anchors.map((f) => fs.readFileSync(f, 'utf8')))],
  '/sealed': ['application/octet-stream', fs.readFileSync(sealed.file)],
  '/di': ['application/octet-stream', fs.readFileSync(di.file)],
};
const server = http.createServer((req, res) => {
  const url = req.url.split('?')[0];
  if (url.startsWith('/pkg/')) {
    const file = path.join(pkg, path.basename(url));
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    res.writeHead(200, {'content-type': type});
    return res.end(fs.readFileSync(file));
  }
  const [type, body] = files[url] || [];
  res.writeHead(body ? 200 : 404, {'content-type': type || 'text/plain'});
  res.end(body || 'no');
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = await browser.newPage();
  const outside = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => window.results || null, null, {timeout: 60000});
  const results = await page.evaluate(() => window.results);
  const check = (what, ok) => { console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`); failed ||= !ok; };
  check(`sealed EU sample in Chromium: ${results.sealed} (native: ${sealed.native.verdict})`, results.sealed === sealed.native.verdict);
  check(`DI credential in Chromium: ${results.di} (native: ${di.native.verdict})`, results.di === di.native.verdict);
  check(`no request left the page (${outside.length} tried: ${outside.join(', ')})`, outside.length === 0);
  check(`no page error (${errors.join('; ')})`, errors.length === 0);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
