/**
 * The update flow end to end over real HTTP on 127.0.0.1, with the real
 * upstream files: pins of the 2019-07-11 registry, `generate` (which fills
 * the cache), then upstream moves to the 2024-12-06 registry and
 * `registry:update` runs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { sha256 } from '../src/sources/fetch.js';
import { main } from '../src/update/cli.js';
import { BaselineError } from '../src/update/plan.js';
import { exitCode, summaryLine, toJson } from '../src/update/report.js';
import { runCheck, runUpdate } from '../src/update/commands.js';
import { serveMirror } from './helpers/mirror-server.js';
import {
  captureIo,
  fixedGroup,
  hashTree,
  haveShared,
  HISTORY,
  importGenerated,
  makeRoot,
  MIRROR,
  mirrorFile,
  REPO,
  removeTemps,
} from './helpers/update-root.js';
import type { Model } from '../src/model/model.js';

const read = (p: string) => readFileSync(p, 'utf8');

describe.skipIf(!haveShared)('registry:update from the 2019-07-11 registry to 2024-12-06, over HTTP', () => {
  const server = serveMirror(HISTORY, removeTemps);

  it('reports X.7.30 added and X.7.28 references changed, writes pins, names, tables and a minor changeset', async () => {
    server.setRoot(HISTORY);
    const paths = makeRoot(HISTORY, { dropNames: ['X.7.30'] });
    const before = await generate(paths, { mirror: server.url });
    expect(before.model.updated).toBe('2019-07-11');
    expect(before.model.entries.map((e) => e.code)).not.toContain('X.7.30');

    server.setRoot(MIRROR);
    const result = await runUpdate(paths, { mirror: server.url, today: '2026-11-28' });
    const json = toJson(result);
    expect(json).toMatchObject({
      command: 'update',
      status: 'updated',
      updated: { from: '2019-07-11', to: '2024-12-06' },
      added: ['X.7.30'],
      removed: [],
      changed: [{ code: 'X.7.28', fields: ['references'] }],
      bump: 'minor',
      names: { enhanced: { 'X.7.30': 'RequireTlsSupportRequired' }, reply: {} },
      baseline: 'pinned-files',
      blockers: [],
      tables: [],
      changeset: '.changeset/registry-2024-12-06.md',
    });
    expect(json.changed[0]!.changes).toEqual([
      { field: 'references', from: 'draft-levine-mailbomb-header', to: 'draft-levine-mailbomb-header-00' },
    ]);
    expect(json.files.map((f) => f.name)).toEqual(['smtp-enhanced-status-codes-3.csv', 'smtp-enhanced-status-codes.xml']);
    expect(exitCode(result)).toBe(0);
    expect(summaryLine(result)).toBe(
      'registry updated 2019-07-11 -> 2024-12-06; 1 added (X.7.30); 1 changed (X.7.28: references); bump minor',
    );

    // The changeset: the fixed group, the bump, each change in words.
    expect(read(join(paths.changesetDir, 'registry-2024-12-06.md'))).toBe(
      [
        '---',
        ...fixedGroup().map((name) => `"${name}": minor`),
        '---',
        '',
        'IANA SMTP Enhanced Status Codes registry updated 2019-07-11 -> 2024-12-06 (`npm run registry:update`).',
        '',
        '- Added `X.7.30` REQUIRETLS support required (`EnhancedStatus.RequireTlsSupportRequired`)',
        '- `X.7.28` Mail flood detected: reference changed from draft-levine-mailbomb-header to draft-levine-mailbomb-header-00',
        '',
      ].join('\n'),
    );

    // The pins: new hashes and today's date for the two files that moved, the rest as they were.
    const lock = JSON.parse(read(paths.lockFile));
    expect(lock.registry.updated).toBe('2024-12-06');
    for (const pin of lock.sources) {
      const bytes = readFileSync(mirrorFile(MIRROR, pin.name));
      expect(pin, pin.name).toMatchObject({ sha256: sha256(bytes), size: bytes.length, retrieved: '2026-11-28' });
    }
    expect(lock.$comment).toMatch(/registry:update/);

    // names.json gained X.7.30 with the derived name, in registry order: it is now the repository's own file.
    expect(read(paths.namesFile)).toBe(read(join(REPO, 'registry-sources', 'names.json')));

    // The generated tables have X.7.30 and the new reference, and equal a fresh generate from the current mirror.
    const { EnhancedStatus } = await importGenerated<{ EnhancedStatus: Record<string, string> }>(paths.outDir, 'enhanced-status.ts');
    expect(EnhancedStatus.RequireTlsSupportRequired).toBe('X.7.30');
    const { enhancedStatuses } = await importGenerated<{ enhancedStatuses: Model['entries'] }>(paths.outDir, 'enhanced-statuses.ts');
    expect(enhancedStatuses.find((e) => e.code === 'X.7.28')!.references.map((r) => r.id)).toEqual(['draft-levine-mailbomb-header-00']);
    expect(enhancedStatuses.find((e) => e.code === 'X.7.30')).toMatchObject({
      name: 'RequireTlsSupportRequired',
      sample: 'REQUIRETLS support required',
      replyCodes: { codes: [550] },
    });
    const { registryInfo } = await importGenerated<{ registryInfo: { updated: string } }>(paths.outDir, 'registry-info.ts');
    expect(registryInfo.updated).toBe('2024-12-06');
    const fresh = makeRoot(MIRROR);
    await generate(fresh, { mirror: MIRROR });
    expect(hashTree(paths.outDir)).toEqual(hashTree(fresh.outDir));

    // A second run finds nothing to do and writes nothing; generate now works from the cache alone.
    const hashes = hashTree(paths.root);
    const again = await runUpdate(paths, { mirror: server.url });
    expect(again.status).toBe('unchanged');
    expect(exitCode(again)).toBe(0);
    expect(hashTree(paths.root)).toEqual(hashes);
    const requests = server.requests.length;
    expect((await generate(paths, { mirror: server.url })).changed).toBe(false);
    expect(server.requests.length).toBe(requests);
  });

  it('without the cache, needs --baseline (or --allow-partial-diff) and writes nothing until given one', async () => {
    server.setRoot(MIRROR);
    const paths = makeRoot(HISTORY, { dropNames: ['X.7.30'] }); // never generated: no cache
    const hashes = hashTree(paths.root);
    const err = await runUpdate(paths, { mirror: server.url }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(BaselineError);
    expect((err as Error).message).toMatch(
      /smtp-enhanced-status-codes-3\.csv \(sha256 1ab6798956d8069b\): not in .*cache.*--baseline DIR\|URL.*--allow-partial-diff/s,
    );
    expect(hashTree(paths.root)).toEqual(hashes);

    const partial = toJson(await runUpdate(paths, { mirror: server.url, allowPartialDiff: true, today: '2026-11-28' }));
    expect(partial).toMatchObject({ status: 'updated', baseline: 'names-only', added: ['X.7.30'], changed: [], bump: 'minor' });
    expect(read(join(paths.changesetDir, 'registry-2024-12-06.md'))).toMatch(/Changes to the text of existing entries are not listed/);

    const other = makeRoot(HISTORY, { dropNames: ['X.7.30'] });
    const full = toJson(await runUpdate(other, { mirror: server.url, baseline: HISTORY, today: '2026-11-28' }));
    expect(full).toMatchObject({
      status: 'updated',
      baseline: 'pinned-files',
      added: ['X.7.30'],
      changed: [{ code: 'X.7.28', fields: ['references'] }],
      bump: 'minor',
    });
  });
});

describe.skipIf(!haveShared)('registry:check', () => {
  const server = serveMirror(MIRROR, removeTemps);

  it('exits 0 when upstream matches the pins, 1 with a summary when it moved', async () => {
    const paths = makeRoot(MIRROR);
    await generate(paths, { mirror: MIRROR });
    const hashes = hashTree(paths.root);

    server.setRoot(MIRROR);
    const same = await runCheck(paths, { mirror: server.url });
    expect([same.status, exitCode(same), toJson(same).bump]).toEqual(['unchanged', 0, 'none']);

    server.setRoot(HISTORY);
    const moved = await runCheck(paths, { mirror: server.url });
    expect([moved.status, exitCode(moved)]).toEqual(['changed', 1]);
    expect(summaryLine(moved)).toBe(
      'registry updated 2024-12-06 -> 2019-07-11; 1 removed (X.7.30); 1 changed (X.7.28: references); bump major',
    );

    const { io, out } = captureIo();
    expect(await main('check', ['--mirror', server.url], {}, io, paths)).toBe(1);
    expect(out.join('\n')).toMatch(
      /upstream moved.*\n {2}smtp-enhanced-status-codes-3\.csv: 40a368306afa \(24722 bytes\) -> 1ab6798956d8 \(24405 bytes\)/,
    );
    expect(out.join('\n')).toContain('1 removed (X.7.30)');
    const json = captureIo();
    expect(await main('check', ['--mirror', server.url, '--json'], {}, json.io, paths)).toBe(1);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ status: 'changed', removed: ['X.7.30'], bump: 'major' });
    expect(hashTree(paths.root)).toEqual(hashes); // a check never writes
  });

  it('without the pinned files in the cache, still names the codes added and removed', async () => {
    server.setRoot(HISTORY);
    const paths = makeRoot(MIRROR);
    const moved = await runCheck(paths, { mirror: server.url });
    expect(toJson(moved)).toMatchObject({ status: 'changed', baseline: 'names-only', removed: ['X.7.30'], changed: [], bump: 'major' });
    expect(summaryLine(moved)).toMatch(/names-only diff/);
  });

  it('the real bin, from the repository root, with MAILSTATUS_MIRROR relative to the root (../shared/registry-mirror), exits 0', () => {
    const r = spawnSync(join(REPO, 'node_modules', '.bin', 'tsx'), ['tools/src/bin/registry-check.ts'], {
      cwd: REPO,
      env: { ...process.env, MAILSTATUS_MIRROR: relative(REPO, MIRROR) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/upstream matches sources\.lock\.json \(registry last updated 2024-12-06\)/);
  });
});
