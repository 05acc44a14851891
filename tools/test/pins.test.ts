/**
 * Pins that survive a re-rendering: every real upstream file re-rendered the
 * way IANA and the RFC Editor re-render (every CSV field re-quoted, CRLF and
 * LF swapped, trailing spaces) keeps its records pin, so `generate` accepts it
 * with a note naming the file and `registry:update` sees no change; a copy
 * whose records differ stops both and says how to update.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { checkPin, sha256 } from '../src/sources/fetch.js';
import { readManifest, type SourcePin } from '../src/sources/manifest.js';
import { recordsHash } from '../src/sources/records.js';
import { main } from '../src/update/cli.js';
import { startMirrorServer, type MirrorServer } from './helpers/mirror-server.js';
import { captureIo, copyMirror, hashTree, haveShared, makeRoot, MIRROR, mirrorFile, REPO, removeTemps } from './helpers/update-root.js';

const manifest = readManifest(`${REPO}/registry-sources/sources.lock.json`);

/** Every field quoted, quotes doubled, records ended by LF instead of CRLF and line breaks inside fields by CRLF. */
function requoteCsv(text: string): string {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (record.push(field), (field = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      (record.push(field), records.push(record), (field = ''), (record = []));
    } else field += ch;
  }
  const quote = (f: string) => `"${f.replace(/\r?\n/g, '\r\n').replace(/"/g, '""')}"`;
  return records.map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

/** CRLF and LF swapped, and a trailing space on every line (XML and RFC texts). */
function swapLineEnds(text: string): string {
  const crlf = text.includes('\r\n');
  return text
    .split(/\r?\n/)
    .map((l) => (l === '' ? l : `${l} `))
    .join(crlf ? '\n' : '\r\n');
}

const rerender = (pin: SourcePin) => (text: string) => (pin.name.endsWith('.csv') ? requoteCsv(text) : swapLineEnds(text));

describe.skipIf(!haveShared)('pins by bytes and by normalized records', () => {
  let server: MirrorServer;
  let rerendered: string;
  beforeAll(async () => {
    rerendered = copyMirror(MIRROR, Object.fromEntries(manifest.sources.map((p) => [p.name, rerender(p)])));
    server = await startMirrorServer(rerendered);
  });
  afterAll(async () => {
    await server?.close();
    removeTemps();
  });

  for (const pin of manifest.sources) {
    it(`${pin.name}: a re-rendered copy has other bytes and the same records; a changed record does not`, () => {
      const bytes = readFileSync(mirrorFile(rerendered, pin.name));
      expect(sha256(bytes)).not.toBe(pin.sha256);
      expect(recordsHash(pin.role, bytes)).toBe(pin.records);
      const check = checkPin(pin, bytes, 'the copy');
      expect(check).toMatchObject({
        match: 'records',
        note: expect.stringMatching(
          new RegExp(`^${pin.name.replace(/\./g, '\\.')}: the bytes of the copy differ from the pin .* every record is the same`),
        ),
      });

      const text = bytes.toString('utf8');
      const i = text.search(/[a-z]{4}/); // one letter of real content changed
      const damaged = Buffer.from(`${text.slice(0, i)}${text[i] === 'x' ? 'y' : 'x'}${text.slice(i + 1)}`);
      const bad = checkPin(pin, damaged, 'the copy');
      expect(bad.match).toBe('none');
      expect(bad.match === 'none' && bad.problem).toMatch(
        /the records of the copy differ from those pinned .*run `npm run registry:update` to review the new upstream/,
      );
    });
  }

  it('generate over HTTP accepts the re-rendered files, with a note naming each, and writes the same tables', async () => {
    const reference = makeRoot(MIRROR);
    await generate(reference, { mirror: MIRROR });
    const paths = makeRoot(MIRROR);
    const result = await generate(paths, { mirror: server.url });
    expect(result.notes.map((n) => n.split(':')[0])).toEqual(manifest.sources.map((s) => s.name));
    expect(hashTree(paths.outDir)).toEqual(hashTree(reference.outDir));
  });

  it('registry:update sees no change in a re-rendering: exit 0, nothing written, the notes in --json', async () => {
    const paths = makeRoot(MIRROR);
    await generate(paths, { mirror: MIRROR });
    const hashes = hashTree(paths.root);
    const c = captureIo();
    expect(await main('update', ['--mirror', server.url, '--json'], {}, c.io, paths)).toBe(0);
    const json = JSON.parse(c.out.join('\n'));
    expect(json).toMatchObject({ status: 'unchanged', files: [], bump: 'none', written: [] });
    expect(json.notes).toHaveLength(manifest.sources.length);
    expect(hashTree(paths.root)).toEqual(hashes);
  });
});
