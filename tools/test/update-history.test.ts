/**
 * The registry's history replayed through `registry:update`, over HTTP on
 * 127.0.0.1, in one repository root. We hold two real snapshots
 * (2019-07-11 and today's); the transitions between them and after them are
 * mirrors derived in the test from those real files, each edit a regular
 * expression over the real rows (no upstream text is copied here):
 *
 * 1. before X.7.28 -> X.7.28 registered with its description in the
 *    "Associated basic status code" column and an empty Description (the
 *    2017-2019 defect);
 * 2. -> the 2019-07-11 copy: the description in its column, a bare `.` left
 *    in the reply-code column;
 * 3. -> today's copy (2024-12-06): X.7.30 added, X.7.28's reference changed;
 *    then a person adds a reviewed correction of the `.`;
 * 4. -> upstream empties the column itself: the correction is dropped;
 * 5. -> a new entry X.7.31;
 * 6. -> X.7.30 removed: refused, then with --allow-removals.
 *
 * Every step must go through (exit 0, except the refused removal), with the
 * exact diff and bump; the summary of each is printed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import { main } from '../src/update/cli.js';
import { replaceBlock } from '../src/update/rules.js';
import { serveMirror } from './helpers/mirror-server.js';
import {
  captureIo,
  copyMirror,
  hashTree,
  haveShared,
  HISTORY,
  makeRoot,
  MIRROR,
  removeTemps,
  setXmlDate,
  CSV3,
  XML,
} from './helpers/update-root.js';

const X_7_28 = /^X\.7\.28,.*\r\n/m;
const X_7_28_BASIC = /^(X\.7\.28,[^,\r\n]*,)\.,([^,\r\n]*),/m;
const X_7_30 = /^X\.7\.30,[\s\S]*?,IESG\r\n/m;
const read = (p: string) => readFileSync(p, 'utf8');

describe.skipIf(!haveShared)('the registry history, replayed through registry:update', () => {
  const server = serveMirror(MIRROR, removeTemps);

  it('every transition goes through with its exact diff and bump', async () => {
    const mirrors = {
      before2017: copyMirror(HISTORY, { [CSV3]: (t) => t.replace(X_7_28, ''), [XML]: setXmlDate('2016-12-01') }),
      defect2017: copyMirror(HISTORY, { [CSV3]: (t) => t.replace(X_7_28_BASIC, '$1$2,,'), [XML]: setXmlDate('2017-06-01') }),
      fixed2025: copyMirror(MIRROR, { [CSV3]: (t) => t.replace(X_7_28_BASIC, '$1,$2,'), [XML]: setXmlDate('2025-06-01') }),
    };
    const row = 'X.7.31,Synthetic policy refusal,550,A synthetic entry for the tests.,[RFC9999],Test,IESG\r\n';
    const added2025 = copyMirror(mirrors.fixed2025, { [CSV3]: (t) => `${t}${row}`, [XML]: setXmlDate('2025-07-01') });
    const removed2025 = copyMirror(added2025, { [CSV3]: (t) => t.replace(X_7_30, ''), [XML]: setXmlDate('2025-08-01') });

    // The root as it stood before X.7.28: no names, rules or corrections for the codes to come.
    const paths = makeRoot(mirrors.before2017, { dropNames: ['X.7.28', 'X.7.30'], classification: true, corrections: false });
    const rules = JSON.parse(read(paths.classificationFile));
    const reviewedRules = { ...rules.enhanced };
    delete rules.enhanced['X.7.28'];
    delete rules.enhanced['X.7.30'];
    writeFileSync(paths.classificationFile, replaceBlock(read(paths.classificationFile), 'enhanced', rules.enhanced));
    await generate(paths, { mirror: mirrors.before2017 });

    const step = async (mirror: string, ...flags: string[]) => {
      server.setRoot(mirror);
      const c = captureIo();
      const code = await main('update', ['--mirror', server.url, '--json', ...flags], {}, c.io, paths);
      const json = JSON.parse(c.out.join('\n'));
      const changed = json.changed.map((e: { code: string; fields: string[] }) => `${e.code}: ${e.fields.join(', ')}`);
      console.log(
        `${json.updated.from} -> ${json.updated.to}${flags.length ? ` ${flags.join(' ')}` : ''}: exit ${code}, ${json.status}, bump ${json.bump}; ` +
          `added [${json.added}] removed [${json.removed}] changed [${changed.join('; ')}]; ${json.toReview.length} to review; draft ${json.needsReview}` +
          json.toReview.map((l: string) => `\n  to review: ${l}`).join(''),
      );
      return { code, json, changed };
    };

    // 1. X.7.28 arrives with its description in the reply-code column: a warning, read as the description; a derived rule.
    const s1 = await step(mirrors.defect2017);
    expect(s1).toMatchObject({ code: 0, json: { status: 'updated', added: ['X.7.28'], removed: [], bump: 'minor', needsReview: true } });
    expect(s1.json.warnings).toEqual([
      expect.stringMatching(
        /-3\.csv:\d+: X\.7\.28: empty Description, and the "Associated basic status code" column holds a sentence: read as the description/,
      ),
    ]);
    expect(s1.json.derivedRules).toMatchObject([{ code: 'X.7.28', derived: { '4': expect.any(String), '5': expect.any(String) } }]);
    const generated = read(`${paths.outDir}/enhanced-status.ts`);
    expect(generated).toMatch(
      /`X\.7\.28` Mail flood detected\n\s+\*\n\s+\* \S.*\n(\s+\* .*\n)*\s+\*\n\s+\* Note: IANA gives this description in the "Associated basic status code" column\./,
    );

    // 2. The description back in its column, a bare "." left behind: a warning; the reply codes read as not given, as before.
    const s2 = await step(HISTORY);
    expect(s2).toMatchObject({
      code: 0,
      json: { status: 'updated', added: [], removed: [], bump: 'patch' },
      changed: ['X.7.28: replyCodes'],
    });
    expect(s2.json.changed[0].changes).toEqual([{ field: 'replyCodes', from: '', to: '.' }]);
    expect(s2.json.warnings).toEqual([
      expect.stringMatching(/X\.7\.28: "Associated basic status code" is the placeholder "\."; read as not given/),
    ]);

    // 3. Today's registry: X.7.30 added (rule derived), X.7.28's draft reference gains its version.
    const s3 = await step(MIRROR);
    expect(s3).toMatchObject({
      code: 0,
      json: { status: 'updated', added: ['X.7.30'], removed: [], bump: 'minor' },
      changed: ['X.7.28: references'],
    });
    expect(s3.json.derivedRules.map((d: { code: string }) => d.code)).toEqual(['X.7.30']);
    // A person reviews: the real rules replace the derived ones, and a correction reads the "." as empty.
    const now = JSON.parse(read(paths.classificationFile)).enhanced;
    writeFileSync(
      paths.classificationFile,
      replaceBlock(read(paths.classificationFile), 'enhanced', {
        ...now,
        'X.7.28': reviewedRules['X.7.28'],
        'X.7.30': reviewedRules['X.7.30'],
      }),
    );
    const correction = {
      code: 'X.7.28',
      field: 'Associated basic status code',
      upstream: '.',
      corrected: '',
      reason: 'A placeholder (test).',
    };
    writeFileSync(paths.correctionsFile, `${JSON.stringify({ corrections: [correction] }, null, 2)}\n`);

    // 4. Upstream empties the column itself: the correction is dropped with a warning and removed; no table changes.
    const s4 = await step(mirrors.fixed2025);
    expect(s4).toMatchObject({ code: 0, json: { status: 'updated', added: [], removed: [], changed: [], tables: [], bump: 'patch' } });
    expect(s4.json.droppedCorrections).toEqual([{ code: 'X.7.28', field: 'Associated basic status code', expected: '.', now: '' }]);
    expect(s4.json.warnings).toEqual([
      expect.stringMatching(
        /corrections\.json:\d+: the correction of X\.7\.28 "Associated basic status code" expects "\.", but upstream now gives "": dropped/,
      ),
    ]);
    expect(JSON.parse(read(paths.correctionsFile)).corrections).toEqual([]);

    // 5. A new entry: a derived name and rule, exit 0, a draft.
    const s5 = await step(added2025);
    expect(s5).toMatchObject({
      code: 0,
      json: {
        status: 'updated',
        added: ['X.7.31'],
        bump: 'minor',
        names: { enhanced: { 'X.7.31': 'SyntheticPolicyRefusal' } },
        needsReview: true,
      },
    });
    expect(s5.json.derivedRules.map((d: { code: string }) => d.code)).toEqual(['X.7.31']);

    // 6. A removal: refused and nothing written; then with --allow-removals a major release, the rule in the overrides.
    const hashes = hashTree(paths.root);
    const s6 = await step(removed2025);
    expect(s6).toMatchObject({ code: 1, json: { status: 'refused', removed: ['X.7.30'], bump: 'major', written: [] } });
    expect(hashTree(paths.root)).toEqual(hashes);
    const s7 = await step(removed2025, '--allow-removals');
    expect(s7).toMatchObject({
      code: 0,
      json: { status: 'updated', removed: ['X.7.30'], bump: 'major', movedRules: [{ code: 'X.7.30' }], needsReview: true },
    });
    expect(JSON.parse(read(paths.classificationFile)).overrides.map((o: { code: string }) => o.code)).toEqual(
      expect.arrayContaining(['4.7.30', '5.7.30']),
    );
  });
});
