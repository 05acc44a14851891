import { readFileSync } from 'node:fs';
import { parseBounce } from '../src/index.js';
const r = parseBounce(readFileSync(process.argv[2]!));
console.log(r.reader, r.kind, JSON.stringify(r.recipients.map((x) => ({ r: x.recipient, d: x.diagnostic, st: x.status, c: x.code, cmd: x.command, cl: [x.classification.reason, x.classification.side, x.classification.matchedRule, x.classification.command] })), null, 1));
