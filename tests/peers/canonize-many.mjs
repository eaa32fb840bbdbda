// Canonicalizes many files with jsonld.js (the reference peer), one JSON line per file:
// {"file": …, "nquads": …} or {"file": …, "error": …}. Runs inside a copy of
// shared/tools/peers/node (for its packages and offline loader). Same input rules as canonize.mjs.
import fs from 'node:fs';
import jsonld from 'jsonld';
import {documentLoader} from './loader.mjs';

const loader = documentLoader();
for (const file of process.argv.slice(2)) {
  try {
    let doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof doc.payload === 'string') doc = JSON.parse(doc.payload);
    if (doc.credential && !doc['@context']) doc = doc.credential;
    const nquads = await jsonld.canonize(doc, {algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: false});
    console.log(JSON.stringify({file, nquads}));
  } catch (e) {
    console.log(JSON.stringify({file, error: String(e && e.message || e)}));
  }
}
