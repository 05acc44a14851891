/**
 * The reviewed files registry:update writes besides the pins: the record of
 * derived classification rules (printed on every `npm test` while any is
 * still to review) and the corrections of upstream fields.
 */
import { describe, expect, it } from 'vitest';
import { readCorrections } from '../src/load/corrections.js';
import { readJsonFile } from '../src/load/json.js';
import { defaultPaths } from '../src/paths.js';
import { ProblemList } from '../src/problems.js';
import { oneLine, readDerived, unreviewedRules, type RulesData } from '../src/update/rules.js';
import { validateCorrections } from '../src/validate/reviewed.js';

const paths = defaultPaths();

describe('derived classification rules', () => {
  it('lists the rules registry:update derived that nobody has reviewed yet', () => {
    const rules = readJsonFile<RulesData>(paths.classificationFile).data;
    const derived = readDerived(paths);
    const open = unreviewedRules(rules, derived);
    console.log(
      open.length === 0
        ? 'derived classification rules to review: none'
        : [
            `derived classification rules to review (${open.length}; edit each in registry-sources/classification.json, then delete its record in classification.derived.json):`,
            ...open.map((d) => `  ${d.code}: ${oneLine(d.derived)} (${d.from})`),
          ].join('\n'),
    );
    // A record must name a rule that exists: a removed entry's record goes with its rule.
    for (const code of Object.keys(derived.rules))
      expect(rules.enhanced[code], `${code} has a derived-rule record but no rule`).toBeDefined();
  });

  it('a rule stays to review until a person edits it', () => {
    const derived = {
      rules: { 'X.7.31': { rule: { '5': 'policy' }, derived: { '5': 'policy' }, from: 'class 5: policy', since: '2025-04-01' } },
    };
    expect(unreviewedRules({ enhanced: { 'X.7.31': { '5': 'policy' } }, overrides: [] }, derived).map((d) => d.code)).toEqual(['X.7.31']);
    expect(unreviewedRules({ enhanced: { 'X.7.31': { '5': 'security' } }, overrides: [] }, derived)).toEqual([]);
    expect(unreviewedRules({ enhanced: { 'X.7.31': { '5': 'policy', note: 'Reviewed.' } }, overrides: [] }, derived)).toEqual([]);
  });
});

describe('registry-sources/corrections.json', () => {
  it('is complete: every correction names a known column, the upstream value, the corrected value and why', () => {
    const problems = new ProblemList();
    validateCorrections(readCorrections(paths), problems);
    expect(problems.items).toEqual([]);
  });

  it('refuses an incomplete or duplicate correction', () => {
    const problems = new ProblemList();
    const c = { code: 'X.7.28', field: 'Associated basic status code', upstream: '.', corrected: '', reason: 'why' };
    const text = JSON.stringify({ corrections: [c, c, { ...c, code: 'X.1.1', field: 'Colour', reason: '' }] }, null, 2);
    validateCorrections({ file: 'corrections.json', text, data: JSON.parse(text), lineOf: () => 1 }, problems);
    expect(problems.items.map((p) => p.message)).toEqual([
      'corrections[1]: a second correction of X.7.28 "Associated basic status code"',
      'corrections[2].field: "Colour" is not a column it can correct (Sample Text, Associated basic status code, Description, Reference, Submitter, Change Controller)',
      'corrections[2].reason must say why, with the source that says so',
    ]);
  });
});
