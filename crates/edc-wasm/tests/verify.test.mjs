// The npm package against the native `edc verify`: every EU sealed sample (trust anchors passed
// in as PEM values) and the W3C Data Integrity vectors get the same verdict and the same code
// for every check. Run by tools/test-wasm.sh, which builds the package and writes
// $EDC_WASM_FIXTURES (the native reports, the anchors, the validation time).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const edc = require(process.env.EDC_WASM_PKG || '../pkg/node/edc_wasm.js');
const fixtures = JSON.parse(fs.readFileSync(process.env.EDC_WASM_FIXTURES, 'utf8'));
const anchors = fixtures.anchors.map((file) => fs.readFileSync(file, 'utf8'));
const codes = (report) => report.checks.map((c) => `${c.check}:${c.code}`);

test('the package says its version', () => {
  assert.match(edc.version(), /^\d+\.\d+\.\d+$/);
});

for (const {file, native, trusted} of fixtures.cases) {
  test(`${path.basename(path.dirname(file))}/${path.basename(file)}: same verdict and codes as edc verify`, () => {
    const bytes = fs.readFileSync(file);
    const report = edc.verify(bytes, {
      validationTime: fixtures.at,
      trustAnchors: trusted ? anchors : [],
    });
    assert.equal(report.verdict, native.verdict);
    assert.deepEqual(codes(report), codes(native));
  });
}

test('a changed byte in a sealed sample fails integrity', () => {
  const sealed = fixtures.cases.find((c) => c.trusted && c.native.verdict === 'verified');
  assert.ok(sealed, 'a verified sealed sample');
  const json = JSON.parse(fs.readFileSync(sealed.file, 'utf8'));
  json.payload = json.payload.replace('"', '"X');
  const report = edc.verify(JSON.stringify(json), {validationTime: fixtures.at, trustAnchors: anchors});
  assert.equal(report.verdict, 'failed');
});

test('a Verifier made once verifies many documents alike', () => {
  const verifier = new edc.Verifier({validationTime: fixtures.at, trustAnchors: anchors});
  for (const {file, native, trusted} of fixtures.cases.filter((c) => c.trusted).slice(0, 3)) {
    assert.equal(verifier.verify(fs.readFileSync(file)).verdict, native.verdict, file);
  }
});

test('the fetch callback is asked for what is not given, and only then', () => {
  const di = fixtures.cases.find((c) => !c.trusted && c.native.verdict !== 'failed');
  assert.ok(di, 'a DI credential that verifies natively');
  const asked = [];
  const report = edc.verify(fs.readFileSync(di.file), {validationTime: fixtures.at, fetch: (url) => { asked.push(url); return null; }});
  assert.equal(report.verdict, di.native.verdict, 'did:key and bundled contexts need no fetch');
  assert.deepEqual(asked, []);
});

test('bad input is an error, not a crash', () => {
  assert.throws(() => edc.verify(42, {}), /Uint8Array or a string/);
  assert.throws(() => edc.verify('{}', {validationTime: {}}), /validationTime/);
  const report = edc.verify(new Uint8Array([0xff, 0xfe, 0x00]), {validationTime: fixtures.at});
  assert.equal(report.verdict, 'failed');
  const deep = '['.repeat(100000) + ']'.repeat(100000);
  assert.equal(edc.verify(deep, {validationTime: fixtures.at}).verdict, 'failed');
});

test('inspect and toRdf read a sample', () => {
  const sealed = fixtures.cases.find((c) => c.trusted);
  const summary = edc.inspect(fs.readFileSync(sealed.file));
  assert.equal(summary.kind, 'sealed');
  const nquads = edc.toRdf(fs.readFileSync(fixtures.cases.find((c) => !c.trusted).file), true);
  assert.match(nquads, /_:c14n0 /);
});
