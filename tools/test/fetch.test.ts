import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPaths } from '../src/paths.js';
import { locate, loadPinned, fetchBytes } from '../src/sources/fetch.js';
import { readManifest } from '../src/sources/manifest.js';
import { closedPort, startMirrorServer, type MirrorServer } from './helpers/mirror-server.js';
import { sharedDir, sharedSkipMessage } from '../../scripts/shared-data.mjs';

const MIRROR = resolve(sharedDir(), 'registry-mirror');
const haveMirror = existsSync(MIRROR);
if (!haveMirror) console.warn(sharedSkipMessage('loopback HTTP tests', MIRROR));
const paths = defaultPaths();
const manifest = readManifest(paths.lockFile);

describe('locate', () => {
  it('maps a canonical URL onto a mirror folder or base URL, or leaves it alone', () => {
    const url = 'https://www.rfc-editor.org/rfc/rfc5321.txt';
    expect(locate(url, { root: '/repo' })).toEqual({ kind: 'http', url });
    expect(locate(url, { root: '/repo', mirror: '../shared/registry-mirror' })).toEqual({
      kind: 'file',
      path: '/shared/registry-mirror/www.rfc-editor.org/rfc/rfc5321.txt',
    });
    expect(locate(url, { root: '/repo', mirror: 'http://127.0.0.1:8080/m' })).toEqual({
      kind: 'http',
      url: 'http://127.0.0.1:8080/m/www.rfc-editor.org/rfc/rfc5321.txt',
    });
  });
});

describe.skipIf(!haveMirror)('the network path, against a loopback server over ../shared/registry-mirror', () => {
  let server: MirrorServer;
  beforeAll(async () => {
    server = await startMirrorServer(MIRROR);
  });
  afterAll(async () => server?.close());

  it('fetches, verifies and caches every pinned file over HTTP', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'mailstatus-cache-'));
    const loaded = await loadPinned(manifest.sources, { root: paths.root, mirror: server.url, cacheDir });
    expect(loaded.map((s) => s.pin.name)).toEqual(manifest.sources.map((s) => s.name));
    expect(server.requests).toContain('/www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes-3.csv');
    expect(readdirSync(cacheDir)).toHaveLength(manifest.sources.length);
    // second time: from the cache, no request
    const before = server.requests.length;
    const again = await loadPinned(manifest.sources, { root: paths.root, mirror: server.url, cacheDir });
    expect(again.every((s) => s.from.startsWith(cacheDir))).toBe(true);
    expect(server.requests.length).toBe(before);
  });

  it('names the file and the HTTP status on 404 and 500, and caches nothing', async () => {
    for (const status of [404, 500]) {
      server.setFault('rfc3463.txt', { kind: 'status', status });
      const cacheDir = mkdtempSync(join(tmpdir(), 'mailstatus-cache-'));
      const err = await loadPinned(manifest.sources, { root: paths.root, mirror: server.url, cacheDir }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(new RegExp(`rfc3463\\.txt: .*answered HTTP ${status}`));
      expect(readdirSync(cacheDir)).toEqual([]);
    }
    server.setFault('rfc3463.txt', undefined);
  });

  it('reports an HTML page in place of a pinned CSV as a hash mismatch', async () => {
    server.setFault('-3.csv', { kind: 'html' });
    const cacheDir = mkdtempSync(join(tmpdir(), 'mailstatus-cache-'));
    const err = await loadPinned(manifest.sources, { root: paths.root, mirror: server.url, cacheDir }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /smtp-enhanced-status-codes-3\.csv: the records of http:\/\/127\.0\.0\.1:\d+\/.* differ from those pinned .*sha256 [0-9a-f]{64} \(91 bytes\), pinned 40a36830/,
    );
    server.setFault('-3.csv', undefined);
  });

  it('reports a truncated body and a timeout', async () => {
    server.setFault('-2.csv', { kind: 'truncate', keep: 100 });
    const err = await fetchBytes(
      'smtp-enhanced-status-codes-2.csv',
      'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes-2.csv',
      { root: paths.root, mirror: server.url },
    ).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/smtp-enhanced-status-codes-2\.csv: the download of .* (broke off|is truncated)/);
    server.setFault('-2.csv', { kind: 'hang' });
    const slow = await fetchBytes(
      'smtp-enhanced-status-codes-2.csv',
      'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes-2.csv',
      { root: paths.root, mirror: server.url, timeoutMs: 300 },
    ).catch((e: Error) => e);
    expect((slow as Error).message).toMatch(/no answer within 300 ms/);
    server.setFault('-2.csv', undefined);
  });
});

describe('failures without a server', () => {
  it('connection refused names the file and the way to work offline', async () => {
    const url = await closedPort();
    const err = await fetchBytes('rfc5321.txt', 'https://www.rfc-editor.org/rfc/rfc5321.txt', { root: paths.root, mirror: url }).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(
      /rfc5321\.txt: cannot fetch http:\/\/127\.0\.0\.1:\d+\/www\.rfc-editor\.org\/rfc\/rfc5321\.txt \(ECONNREFUSED\); .*MAILSTATUS_MIRROR/,
    );
  });
});
