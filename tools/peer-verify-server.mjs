// A verification service made of the reference peer (Digital Bazaar's vc.js with its Data
// Integrity suites), for tools/bench-serve.sh to load next to `edc serve`: POST
// /credentials/verify {verifiableCredential} → 200 {verified: true} or 400. One worker per
// core (node:cluster), so both use every core.
//   PEER_DIR=<a copy of shared/tools/peers/node with npm ci run> PEER_SHARED_DIR=../shared \
//     node tools/peer-verify-server.mjs PORT
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const port = Number(process.argv[2] || 8090);
const peer = process.env.PEER_DIR;
if (!peer) {
  console.error('set PEER_DIR to a copy of shared/tools/peers/node where npm ci has run');
  process.exit(2);
}
const from = (p) => import(pathToFileURL(path.join(peer, p)).href);

if (cluster.isPrimary) {
  for (let i = 0; i < os.cpus().length; i++) cluster.fork();
} else {
  const vc = await from('node_modules/@digitalbazaar/vc/lib/index.js');
  const {DataIntegrityProof} = await from('node_modules/@digitalbazaar/data-integrity/lib/index.js');
  const {cryptosuite: eddsa} = await from('node_modules/@digitalbazaar/eddsa-rdfc-2022-cryptosuite/lib/index.js');
  const {cryptosuite: ecdsa} = await from('node_modules/@digitalbazaar/ecdsa-rdfc-2019-cryptosuite/lib/index.js');
  const {documentLoader} = await from('loader.mjs');
  const loader = documentLoader();
  const suite = [new DataIntegrityProof({cryptosuite: eddsa}), new DataIntegrityProof({cryptosuite: ecdsa})];
  http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const {verifiableCredential: credential} = JSON.parse(Buffer.concat(chunks));
        const r = await vc.verifyCredential({credential, suite, documentLoader: loader,
          checkStatus: async () => ({verified: true})});
        res.writeHead(r.verified ? 200 : 400, {'content-type': 'application/json'});
        res.end(JSON.stringify({verified: r.verified}));
      } catch (e) {
        res.writeHead(400, {'content-type': 'application/json'});
        res.end(JSON.stringify({verified: false, error: String(e.message || e)}));
      }
    });
  }).listen(port, '127.0.0.1');
}
