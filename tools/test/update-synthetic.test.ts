/**
 * registry:update against mirrors the test makes from the real upstream files
 * (edited copies in a temp folder), served over HTTP on 127.0.0.1: a removal,
 * a sample-text fix, the upstream quirks, a new entry, a new reply code.
 * Each starts from a temp root pinned to the current mirror and generated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { main } from '../src/update/cli.js';
import { toJson } from '../src/update/report.js';
import { unreviewedRules } from '../src/update/rules.js';
import { runUpdate } from '../src/update/commands.js';
import { serveMirror } from './helpers/mirror-server.js';
import {
  captureIo,
  copyMirror,
  fixedGroup,
  hashTree,
  haveShared,
  importGenerated,
  makeRoot,
  MIRROR,
  setXmlDate,
  type RootOptions,
  removeTemps,
  CSV3,
  XML,
} from './helpers/update-root.js';

const X_7_30 = /X\.7\.30,REQUIRETLS support required,[\s\S]*?,IESG\r\n/;
const read = (p: string) => readFileSync(p, 'utf8');
const constants = (paths: { outDir: string }) =>
  importGenerated<{ EnhancedStatus: Record<string, string> }>(paths.outDir, 'enhanced-status.ts');

describe.skipIf(!haveShared)('registry:update on synthetic upstream changes', () => {
  const server = serveMirror(MIRROR, removeTemps);

  /** A root pinned to the current mirror, generated (so the cache holds the pinned files), and upstream switched to `mirror`. */
  async function start(mirror: string, opts: RootOptions = {}) {
    const paths = makeRoot(MIRROR, opts);
    await generate(paths, { mirror: MIRROR });
    server.setRoot(mirror);
    return paths;
  }
  const update = (paths: ReturnType<typeof makeRoot>, ...flags: string[]) => {
    const c = captureIo();
    return main('update', ['--mirror', server.url, '--json', ...flags], {}, c.io, paths).then((code) => ({
      code,
      json: JSON.parse(c.out.join('\n')),
      err: c.err.join('\n'),
    }));
  };

  it('a removal is refused (exit 1, nothing written), then with --allow-removals is a major release and the rule moves to the overrides', async () => {
    const mirror = copyMirror(MIRROR, { [CSV3]: (t) => t.replace(X_7_30, ''), [XML]: setXmlDate('2025-01-15') });
    const paths = await start(mirror, { classification: true });
    const rulesBefore = JSON.parse(read(paths.classificationFile));
    const hashes = hashTree(paths.root);
    const refused = await update(paths);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ status: 'refused', removed: ['X.7.30'], bump: 'major', written: [] });
    expect(refused.json.blockers.join('\n')).toMatch(/upstream removed X\.7\.30: a removal is a major change.*--allow-removals/);
    expect(refused.err).toMatch(/refused, nothing was written/);
    expect(hashTree(paths.root)).toEqual(hashes);

    const allowed = await update(paths, '--allow-removals');
    expect(allowed.code).toBe(0);
    expect(allowed.json).toMatchObject({
      status: 'updated',
      removed: ['X.7.30'],
      added: [],
      bump: 'major',
      changeset: '.changeset/registry-2025-01-15.md',
    });
    expect(JSON.parse(read(paths.namesFile)).enhanced['X.7.30']).toBeUndefined();
    expect(Object.values((await constants(paths)).EnhancedStatus)).not.toContain('X.7.30');
    const changeset = read(join(paths.changesetDir, 'registry-2025-01-15.md'));
    expect(changeset.startsWith(['---', ...fixedGroup().map((name) => `"${name}": major`), '---', ''].join('\n'))).toBe(true);
    expect(changeset).toContain(
      '- Removed `X.7.30` REQUIRETLS support required (`EnhancedStatus.RequireTlsSupportRequired` no longer exists): IANA removed it from the registry',
    );

    // The rule of X.7.30 is now one override per class: servers keep sending 4.7.30 and 5.7.30.
    const rule = rulesBefore.enhanced['X.7.30'];
    const moved = ['4', '5'].filter((c) => rule[c]).map((c) => ({ id: `iana-removed-${c}.7.30`, code: `${c}.7.30`, reason: rule[c] }));
    expect(allowed.json.movedRules).toEqual([{ code: 'X.7.30', overrides: moved }]);
    const rules = JSON.parse(read(paths.classificationFile));
    expect(rules.enhanced['X.7.30']).toBeUndefined();
    expect(rules.overrides.slice(-moved.length)).toMatchObject(
      moved.map((m) => ({ ...m, comment: expect.stringMatching(/^IANA removed X\.7\.30 from the registry/) })),
    );
    expect(rules.overrides.slice(0, -moved.length)).toEqual(rulesBefore.overrides);
    expect(changeset).toContain(
      `- The classification rule of the removed \`X.7.30\` moved to the real-world overrides (servers keep sending it): ${moved.map((m) => `\`${m.code}\` -> ${m.reason}`).join(', ')}`,
    );
  });

  it('a sample-text fix keeps the constant name and is a patch', async () => {
    const mirror = copyMirror(MIRROR, {
      [CSV3]: (t) => t.replace('X.2.2,Mailbox full,', 'X.2.2,Mailbox is full,'),
      [XML]: setXmlDate('2025-02-01'),
    });
    const paths = await start(mirror);
    const names = read(paths.namesFile);
    const r = await update(paths);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      status: 'updated',
      added: [],
      removed: [],
      changed: [{ code: 'X.2.2', name: 'MailboxFull', fields: ['sample'] }],
      bump: 'patch',
      names: { enhanced: {} },
    });
    expect(read(paths.namesFile)).toBe(names);
    expect(r.json.written).not.toContain('registry-sources/names.json');
    expect((await constants(paths)).EnhancedStatus.MailboxFull).toBe('X.2.2');
    expect(read(join(paths.outDir, 'enhanced-status.ts'))).toContain('`X.2.2` Mailbox is full'); // the TSDoc hover
    const changeset = read(join(paths.changesetDir, 'registry-2025-02-01.md'));
    expect(changeset).toContain('"@mailstatus/codes": patch');
    expect(changeset).toContain(
      '- `X.2.2`: sample text changed from "Mailbox full" to "Mailbox is full" (the constant keeps its name `EnhancedStatus.MailboxFull`)',
    );
  });

  it('upstream quirks survive: a sentence in the basic-code column, a draft that became an RFC, X.6.10 with empty fields', async () => {
    const sentence = 'The message appears to be part of a mail flood of similar abusive messages.';
    const mirror = copyMirror(MIRROR, {
      [CSV3]: (t) =>
        t.replace(
          `X.7.28,Mail flood detected,.,${sentence},[draft-levine-mailbomb-header-00],`,
          `X.7.28,Mail flood detected,${sentence},${sentence},[RFC9999] (Standards Track),`,
        ),
      [XML]: setXmlDate('2025-03-01'),
    });
    const paths = await start(mirror);
    const result = await runUpdate(paths, { mirror: server.url });
    expect(toJson(result)).toMatchObject({
      status: 'updated',
      changed: [{ code: 'X.7.28', fields: ['replyCodes', 'references'] }],
      bump: 'patch',
    });
    const e = (code: string) => result.plan.model!.entries.find((x) => x.code === code)!;
    expect(e('X.7.28').replyCodes).toMatchObject({ raw: sentence, codes: [], given: false, note: sentence });
    expect(e('X.7.28').references).toEqual([
      { kind: 'rfc', id: 'RFC9999', rfc: 9999, status: 'Standards Track', url: 'https://www.rfc-editor.org/rfc/rfc9999' },
    ]);
    expect(e('X.6.10')).toMatchObject({
      sample: '',
      name: 'Utf8ReplyRequiredDuplicate',
      submitter: '',
      changeController: '',
      deprecated: true,
      replacedBy: 'X.6.8',
    });
    expect(read(join(paths.changesetDir, 'registry-2025-03-01.md'))).toContain(
      `- \`X.7.28\` Mail flood detected: associated reply codes changed from \`(empty)\` to \`${sentence}\`; reference changed from draft-levine-mailbomb-header-00 to RFC9999 (Standards Track)`,
    );
    // The reviewed correction of the "." placeholder no longer matches upstream: dropped, with a warning, and removed from the file.
    expect(toJson(result).droppedCorrections).toEqual([
      { code: 'X.7.28', field: 'Associated basic status code', expected: '.', now: sentence },
    ]);
    expect(JSON.parse(read(paths.correctionsFile)).corrections).toEqual([]);
  });

  it('a new entry gets a derived, unique name and a derived classification rule to review; exit 0, a draft', async () => {
    const row = 'X.7.31,Mailbox full,550,A synthetic entry for the tests.,[RFC9999],Test,IESG\r\n';
    const mirror = copyMirror(MIRROR, { [CSV3]: (t) => `${t}${row}`, [XML]: setXmlDate('2025-04-01') });
    const paths = await start(mirror, { classification: true });
    const rulesBefore = read(paths.classificationFile);
    const r = await update(paths);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      status: 'updated',
      added: ['X.7.31'],
      bump: 'minor',
      names: { enhanced: { 'X.7.31': 'MailboxFull2' } },
      blockers: [],
      derivedRules: [{ code: 'X.7.31', derived: { '5': expect.any(String) } }],
      needsReview: true,
    });
    expect((await constants(paths)).EnhancedStatus).toMatchObject({ MailboxFull: 'X.2.2', MailboxFull2: 'X.7.31' });
    const changeset = read(join(paths.changesetDir, 'registry-2025-04-01.md'));
    expect(changeset).toContain('- Added `X.7.31` Mailbox full (`EnhancedStatus.MailboxFull2`)');
    // Subject 7's rules disagree (none has most of them), so X.7.0's reason stands in.
    expect(changeset).toMatch(
      /\nTo review:\n\n- `X\.7\.31`: classification rule derived \("5": [a-z-]+; class 5: [a-z-]+, as (X\.7\.0 has it|\d+ of \d+ rules of subject X\.7)/,
    );

    // classification.json: one line added after X.7.30 (which gains its comma), every other byte kept; the record marks it derived.
    const rule = r.json.derivedRules[0].derived['5'];
    const x730 = rulesBefore.split('\n').find((l) => l.startsWith('    "X.7.30": '))!;
    expect(read(paths.classificationFile)).toBe(rulesBefore.replace(x730, `${x730},\n    "X.7.31": { "5": "${rule}" }`));
    expect(JSON.parse(read(paths.derivedRulesFile)).rules['X.7.31']).toMatchObject({
      rule: { '5': rule },
      derived: { '5': rule },
      since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const { classificationRules } = await importGenerated<{ classificationRules: { enhanced: Record<string, unknown> } }>(
      paths.outDir,
      'classification.ts',
    );
    expect(classificationRules.enhanced['X.7.31']).toEqual({ '5': rule });

    // Still to review until a person edits the rule.
    const rules = () => unreviewedRules(JSON.parse(read(paths.classificationFile)), JSON.parse(read(paths.derivedRulesFile)));
    expect(rules().map((d) => d.code)).toEqual(['X.7.31']);
    writeFileSync(
      paths.classificationFile,
      read(paths.classificationFile).replace(`"X.7.31": { "5": "${rule}" }`, `"X.7.31": { "5": "${rule}", "note": "Reviewed." }`),
    );
    expect(rules()).toEqual([]);
  });

  it('content defects are warnings: odd whitespace, a reference in no known form, an empty description; exit 0, a draft', async () => {
    const mirror = copyMirror(MIRROR, {
      [CSV3]: (t) =>
        t
          .replace('X.2.2,Mailbox full,', 'X.2.2,Mailbox\u00a0full,')
          .replace(/^(X\.7\.28,[^,\r\n]*,[^,\r\n]*,[^,\r\n]*,)\[[^\]\r\n]*\]/m, '$1see the registry')
          .replace(/^(X\.7\.29,[^,\r\n]*,[^,\r\n]*,)[^,"\r\n]*,/m, '$1,'),
      [XML]: setXmlDate('2025-09-01'),
    });
    const paths = await start(mirror);
    const r = await update(paths);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 'updated', bump: 'patch', blockers: [], needsReview: true });
    expect(r.json.warnings).toEqual([
      expect.stringMatching(/-3\.csv:\d+: X\.2\.2: odd whitespace in "Sample Text" .*folded to single spaces$/),
      expect.stringMatching(
        /-3\.csv:\d+: X\.7\.28: reference "see the registry" is in no known form .*kept as text linking to the registry$/,
      ),
      expect.stringMatching(/-3\.csv:\d+: X\.7\.29: empty Description; the sample text stands in, with a note$/),
    ]);
    const { enhancedStatuses } = await importGenerated<{
      enhancedStatuses: { code: string; description: string; sample: string; note?: string }[];
    }>(paths.outDir, 'enhanced-statuses.ts');
    const x729 = enhancedStatuses.find((e) => e.code === 'X.7.29')!;
    expect(x729).toMatchObject({ description: x729.sample, note: 'IANA gives no description; the sample text stands in.' });
    expect(read(join(paths.changesetDir, 'registry-2025-09-01.md'))).toMatch(
      /\nTo review:\n\n- Warning: registry-sources\/smtp-enhanced-status-codes-3\.csv:\d+: X\.2\.2: odd whitespace/,
    );
  });

  it('a reply code the registry names but nobody defines is refused until the supplement defines it', async () => {
    const row = 'X.7.31,Delivery refused,557,A synthetic entry for the tests.,[RFC9999],Test,IESG\r\n';
    const mirror = copyMirror(MIRROR, { [CSV3]: (t) => `${t}${row}`, [XML]: setXmlDate('2025-05-01') });
    const paths = await start(mirror);
    const hashes = hashTree(paths.root);
    const refused = await update(paths);
    expect(refused.code).toBe(1);
    expect(refused.json.blockers).toEqual([
      'X.7.31 names reply code 557, which neither RFC 5321 section 4.2.3 nor registry-sources/reply-codes.supplement.json defines: add it to the supplement with its defining RFC and text, then run npm run registry:update again',
    ]);
    expect(hashTree(paths.root)).toEqual(hashes);

    // A person adds 557 to the supplement; the update derives its name and reports it as a new reply code.
    const supplement = JSON.parse(read(paths.supplementFile));
    supplement.codes.push({ code: 557, text: 'Delivery refused by policy', references: ['RFC9999'] });
    writeFileSync(paths.supplementFile, JSON.stringify(supplement, null, 2));
    const done = await update(paths);
    expect(done.code).toBe(0);
    expect(done.json).toMatchObject({
      status: 'updated',
      added: ['X.7.31'],
      bump: 'minor',
      names: { enhanced: { 'X.7.31': 'DeliveryRefused' }, reply: { '557': 'DeliveryRefusedByPolicy' } },
      tables: [{ table: 'replyCodes', key: '557', change: 'added' }],
    });
    const { ReplyCode } = await importGenerated<{ ReplyCode: Record<string, number> }>(paths.outDir, 'reply-code.ts');
    expect(ReplyCode.DeliveryRefusedByPolicy).toBe(557);
    expect(read(join(paths.changesetDir, 'registry-2025-05-01.md'))).toContain(
      '- Added Reply code `557` (`ReplyCode.DeliveryRefusedByPolicy`)',
    );
  });
});
