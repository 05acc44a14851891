/**
 * Failure leaves everything as it was: for each way upstream can fail (no
 * connection, no answer, an HTTP error, an HTML page, a truncated body, files
 * that fail validation), registry:update exits 2 with a message naming the
 * file, and every file of the root (pins, names, generated tables,
 * .changeset, cache) is byte-identical afterwards.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { main } from '../src/update/cli.js';
import { closedPort, startMirrorServer, type Fault, type MirrorServer } from './helpers/mirror-server.js';
import {
  captureIo,
  copyMirror,
  hashTree,
  haveShared,
  makeRoot,
  MIRROR,
  setXmlDate,
  removeTemps,
  CSV3,
  XML,
} from './helpers/update-root.js';

describe.skipIf(!haveShared)('registry:update failures write nothing', () => {
  let server: MirrorServer;
  let paths: ReturnType<typeof makeRoot>;
  let moved: string;
  beforeAll(async () => {
    // Upstream really moved (a sample-text fix), so only the failure stops the update.
    moved = copyMirror(MIRROR, {
      [CSV3]: (t) => t.replace('X.2.2,Mailbox full,', 'X.2.2,Mailbox is full,'),
      [XML]: setXmlDate('2025-02-01'),
    });
    server = await startMirrorServer(moved);
    paths = makeRoot(MIRROR);
    await generate(paths, { mirror: MIRROR });
  });
  afterAll(async () => {
    await server?.close();
    removeTemps();
  });

  async function expectFailure(command: 'update' | 'check', mirror: string, message: RegExp) {
    const hashes = hashTree(paths.root);
    const c = captureIo();
    const code = await main(command, ['--mirror', mirror, '--timeout', '300', '--json'], {}, c.io, paths);
    expect(code).toBe(2);
    const json = JSON.parse(c.out.join('\n'));
    expect(json).toMatchObject({ command, status: 'failed' });
    expect(json.error).toMatch(message);
    expect(c.err.join('\n')).toMatch(message);
    expect(hashTree(paths.root)).toEqual(hashes);
  }

  const faults: [string, string, Fault, RegExp][] = [
    ['a timeout', '-2.csv', { kind: 'hang' }, /smtp-enhanced-status-codes-2\.csv: cannot fetch .* \(no answer within 300 ms\)/],
    [
      'HTTP 404',
      'rfc3463.txt',
      { kind: 'status', status: 404 },
      /rfc3463\.txt: http:\/\/127\.0\.0\.1:\d+\/www\.rfc-editor\.org\/rfc\/rfc3463\.txt answered HTTP 404/,
    ],
    ['HTTP 500', '-3.csv', { kind: 'status', status: 500 }, /smtp-enhanced-status-codes-3\.csv: .* answered HTTP 500/],
    [
      'an HTML page instead of the CSV',
      '-3.csv',
      { kind: 'html' },
      /registry-sources\/smtp-enhanced-status-codes-3\.csv:1: this is an HTML page, not CSV/,
    ],
    [
      'a truncated body',
      '-3.csv',
      { kind: 'truncate', keep: 1000 },
      /smtp-enhanced-status-codes-3\.csv: the download of .* (broke off|is truncated)/,
    ],
  ];
  for (const [what, suffix, fault, message] of faults) {
    it(`${what}: exit 2, nothing written`, async () => {
      server.setFault(suffix, fault);
      try {
        await expectFailure('update', server.url, message);
      } finally {
        server.setFault(suffix, undefined);
      }
    });
  }

  it('connection refused: exit 2, nothing written', async () => {
    await expectFailure(
      'update',
      await closedPort(),
      /upstream: 6 of 6 files could not be fetched; nothing was written:\n {2}smtp-enhanced-status-codes-1\.csv: cannot fetch .* \(ECONNREFUSED\); if this machine is offline, set MAILSTATUS_MIRROR/,
    );
  });

  it('registry:check tells "broken" (2) from "changed" (1)', async () => {
    server.setFault('-3.csv', { kind: 'status', status: 500 });
    try {
      await expectFailure('check', server.url, /answered HTTP 500/);
    } finally {
      server.setFault('-3.csv', undefined);
    }
    const c = captureIo();
    expect(await main('check', ['--mirror', server.url], {}, c.io, paths)).toBe(1);
  });

  it('a CSV that fails validation (a duplicate code), served whole: exit 2, nothing written', async () => {
    const dup = copyMirror(moved, { [CSV3]: (t) => `${t}X.7.29,ARC validation failure,550,Again.,[RFC8617],K. Andersen,IESG\r\n` });
    await expectFailure(
      'update',
      dup,
      /registry-sources\/smtp-enhanced-status-codes-3\.csv:\d+: duplicate code X\.7\.29 \(first at line 313\)/,
    );
  });

  it('structural defects (a renamed column, a code that breaks RFC 3463, an XML without the registry date): exit 2, nothing written', async () => {
    const columns = copyMirror(moved, { [CSV3]: (t) => t.replace(',Description,', ',Details,') });
    await expectFailure('update', columns, /-3\.csv:1: missing column "Description"; unexpected column "Details"/);
    const leadingZero = copyMirror(moved, { [CSV3]: (t) => t.replace(/^X\.7\.29,/m, 'X.7.029,') });
    await expectFailure('update', leadingZero, /-3\.csv:\d+: X\.7\.029: detail breaks RFC 3463 section 2 \(1\*3digit, no leading zeros\)/);
    const notRegistry = copyMirror(moved, { [XML]: (t) => t.replace(/<registry\b/g, '<document') });
    await expectFailure(
      'update',
      notRegistry,
      /smtp-enhanced-status-codes\.xml: no registry <updated> date: is this the IANA registry XML\?/,
    );
  });

  it('a CSV cut inside a quoted field, served whole: exit 2, nothing written', async () => {
    const cut = copyMirror(moved, { [CSV3]: (t) => t.slice(0, t.indexOf('received with a REQUIRETLS')) });
    await expectFailure('update', cut, /smtp-enhanced-status-codes-3\.csv:\d+: cannot parse CSV: .*the file looks truncated/);
  });

  it('a connection reset is tried once more (a kept-alive connection closed while idle); resets every time fail with exit 2', async () => {
    let resets = 1;
    const flaky = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path.endsWith('-3.csv') && resets-- > 0) return void req.socket.destroy();
      res.end(readFileSync(join(moved, ...path.split('/'))));
    });
    await new Promise<void>((done) => flaky.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/`;
    try {
      const c = captureIo();
      expect(await main('check', ['--mirror', url], {}, c.io, paths)).toBe(1);
      expect(resets).toBe(-1); // reset once, then served
      resets = Infinity;
      await expectFailure('update', url, /smtp-enhanced-status-codes-3\.csv: cannot fetch .*\((ECONNRESET|UND_ERR_SOCKET)\)/);
    } finally {
      flaky.closeAllConnections();
      await new Promise((done) => flaky.close(done));
    }
  });

  it('bad arguments: exit 2 with the usage', async () => {
    const c = captureIo();
    expect(await main('update', ['--mirror'], {}, c.io, paths)).toBe(2);
    expect(await main('check', ['--allow-removals'], {}, c.io, paths)).toBe(2);
    expect(c.err.join('\n')).toMatch(/usage: npm run registry:check/);
  });
});
