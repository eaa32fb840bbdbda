// Verification time of each sealed EU sample through the npm package (Node), as
// crates/edc-verifier/examples/bench_verify measures it natively: the official SHACL profile
// (the EU's files, given as text), the ANF root as anchor, one Verifier per sample, the
// median of 50 verifications after a first one. tools/bench-wasm.sh prints both and the ratio.
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';

const require = createRequire(import.meta.url);
const edc = require(process.env.EDC_WASM_PKG || '../pkg/node/edc_wasm.js');
const shared = process.argv[2] || '../shared';
const anchorsDir = process.argv[3];
const shaclDir = path.join(shared, 'europass', 'shacl');
const files = Object.fromEntries(fs.readdirSync(shaclDir).filter((f) => f.endsWith('.ttl'))
  .map((f) => [f, fs.readFileSync(path.join(shaclDir, f), 'utf8')]));
const shapes = new edc.Shapes(files);
const anchors = fs.readdirSync(anchorsDir).filter((f) => f.includes('ANF'))
  .map((f) => fs.readFileSync(path.join(anchorsDir, f), 'utf8'));
for (const folder of ['elm-2023', 'elm-support-2024']) {
  const dir = path.join(shared, 'europass', 'samples', folder);
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('-signed.jsonld')).sort()) {
    const bytes = fs.readFileSync(path.join(dir, name));
    const verifier = new edc.Verifier({validationTime: '2024-06-01T00:00:00Z', trustAnchors: anchors}, shapes.clone());
    const first = verifier.verify(bytes);
    const times = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      verifier.verify(bytes);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`${name}: ${times[25].toFixed(2)} ms per verification (median of 50), verdict ${first.verdict}`);
  }
}
