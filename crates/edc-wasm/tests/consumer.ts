// A small TypeScript consumer of the package's generated types (tsc --noEmit checks it).
import {verify, Verifier, inspect, toRdf, validate, version, type Report, type VerifyOptions} from '../pkg/node/edc_wasm.js';

const options: VerifyOptions = {validationTime: Date.now(), trustAnchors: ['-----BEGIN CERTIFICATE-----'], policy: 'europass'};
const report: Report = verify(new Uint8Array(), options);
const verdict: 'verified' | 'partially verified' | 'could not check' | 'failed' = report.verdict;
const firstCode: string = report.checks[0].code;
const again: Report = new Verifier(options, undefined).verify('{}');
const kind: string = inspect('{}').kind;
const nquads: string = toRdf('{}', true);
const conforms: boolean = validate('{}', undefined).conforms;
const v: string = version();
export {verdict, firstCode, again, kind, nquads, conforms, v};
