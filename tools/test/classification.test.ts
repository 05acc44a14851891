/**
 * The checks of registry-sources/classification.json: the real file passes
 * against the real registry; broken copies give one precise `file:line`
 * message each; the regex dialect refuses what could backtrack.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnumerated } from '../src/load/registry.js';
import { classesOf } from '../src/model/model.js';
import { formatProblem, jsonLine, ProblemList } from '../src/problems.js';
import { validateClassification, type RegistryCodeClasses } from '../src/validate/classification.js';
import { checkSafeRegex } from '../src/validate/safe-regex.js';
import { sharedDir, sharedSkipMessage } from '../../scripts/shared-data.mjs';

const FILE = 'registry-sources/classification.json';
const REAL = resolve(__dirname, '../../registry-sources/classification.json');
const CSV = resolve(sharedDir(), 'registry-mirror/www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes-3.csv');
const haveCsv = existsSync(CSV);
if (!haveCsv) console.warn(sharedSkipMessage('classification.json against the real registry', CSV));

const realText = readFileSync(REAL, 'utf8');
const real = JSON.parse(realText) as Record<string, any>;

function registryFromCsv(): RegistryCodeClasses[] {
  const problems = new ProblemList();
  const rows = readEnumerated(readFileSync(CSV), 'smtp-enhanced-status-codes-3.csv', problems);
  expect(problems.items).toEqual([]);
  return rows.map((r) => ({ code: r.code, classes: classesOf(r.replyCodes, r.description) }));
}

/** The problems of a parsed file, as `file:line: message`. */
function validate(json: unknown, registry: readonly RegistryCodeClasses[], lineOf: (needle: string) => number): string[] {
  const problems = new ProblemList();
  validateClassification(json, FILE, registry, lineOf, problems);
  return problems.items.map(formatProblem);
}

/** The registry as the real file maps it (for tests that must not need ../shared). */
const registryFromFile: RegistryCodeClasses[] = Object.entries(real.enhanced as Record<string, Record<string, unknown>>).map(
  ([code, rule]) => ({
    code,
    classes: ['2', '4', '5'].filter((c) => c in rule).map(Number),
  }),
);

/** Validates a modified copy of the real file; returns the messages. */
function problemsOf(change: (j: Record<string, any>) => void, registry = registryFromFile): string[] {
  const j = structuredClone(real);
  change(j);
  const text = JSON.stringify(j, null, 2);
  return validate(j, registry, (needle) => jsonLine(text, needle));
}

function expectProblem(change: (j: Record<string, any>) => void, what: RegExp, registry?: RegistryCodeClasses[]) {
  const problems = problemsOf(change, registry);
  expect(problems.length, 'one problem expected').toBe(1);
  expect(problems[0]).toMatch(new RegExp(`^${FILE}:[1-9]\\d*: `));
  expect(problems[0]).toMatch(what);
}

describe('the real classification.json', () => {
  it.skipIf(!haveCsv)('passes against all 81 registry entries and the classes the registry allows', () => {
    const registry = registryFromCsv();
    expect(registry).toHaveLength(81);
    const problems = validate(real, registry, (needle) => jsonLine(realText, needle));
    expect(problems).toEqual([]);
  });

  it('passes against the registry as it maps it', () => {
    expect(problemsOf(() => {})).toEqual([]);
  });
});

describe('broken copies: one message each, with the line', () => {
  it('a registry entry without a rule', () => {
    expectProblem((j) => delete j.enhanced['X.2.2'], /registry entry X\.2\.2 is not mapped/);
  });
  it('a class the registry allows but the rule lacks', () => {
    expectProblem((j) => delete j.enhanced['X.2.2']['5'], /X\.2\.2 can occur in class 5 .* no reason for "5"/);
  });
  it('a code that is not in the registry', () => {
    expectProblem(
      (j) => (j.enhanced['X.7.31'] = { '5': 'policy' }),
      /X\.7\.31 is not in the registry: put real-world codes in "overrides"/,
    );
  });
  it('an unknown reason', () => {
    expectProblem((j) => (j.enhanced['X.2.2']['5'] = 'mailbox-fulll'), /X\.2\.2\."5": "mailbox-fulll" is not a reason/);
  });
  it('class 2 mapped to a failure, class 5 to success', () => {
    expectProblem((j) => (j.enhanced['X.0.0']['2'] = 'other'), /"2" must be "success"/);
    expectProblem((j) => (j.enhanced['X.1.1']['5'] = 'success'), /class 5 is a failure/);
  });
  it('a reason left undescribed, a bad action, a bad Kumo class or Sisimai reason', () => {
    expectProblem((j) => delete j.reasons.virus, /reason "virus" is not described/);
    expectProblem((j) => (j.reasons.virus.action.permanent = 'delete'), /"delete" is not an action/);
    expectProblem((j) => (j.reasons.virus.kumo = 'Virus'), /"Virus" is not a KumoMTA bounce class/);
    expectProblem((j) => (j.reasons.virus.sisimai = ['virus']), /"virus" is not a Sisimai reason/);
  });
  it('duplicate ids across overrides and patterns', () => {
    expectProblem(
      (j) => (j.patterns[3].id = j.overrides[0].id),
      /duplicate id "ms-5\.1\.10-recipient-not-found" \(first used in overrides\[0\]\)/,
    );
  });
  it('an override with a bad code or range', () => {
    expectProblem((j) => (j.overrides[0].code = '5.01.10'), /must be an enhanced code .* no leading zeros/);
    expectProblem((j) => (j.overrides[0].code = '5.7.649-5.7.606'), /a range must keep class and subject and go upwards/);
    expectProblem((j) => (j.overrides[0].code = '5.7.606-5.8.1'), /a range must keep class and subject/);
  });
  it('a pattern with both or neither of contains and regex', () => {
    expectProblem((j) => (j.patterns[0].regex = 'x'), /needs exactly one of "contains" and "regex"/);
    expectProblem((j) => delete j.patterns[0].contains, /needs exactly one of "contains" and "regex"/);
  });
  it('a substring that is not NFKC-normalized and case-folded, or a single CJK character', () => {
    expectProblem(
      (j) => j.patterns[0].contains.push('User Unknown'),
      /"User Unknown" must be 1-100 characters, NFKC-normalized and case-folded/,
    );
    expectProblem((j) => j.patterns[0].contains.push('straße voll'), /NFKC-normalized and case-folded .*"ss" not "ß"/);
    expectProblem((j) => j.patterns[0].contains.push('ｆｕｌｌ'), /NFKC-normalized/);
    expectProblem((j) => j.patterns[0].contains.push('満'), /single CJK character; give at least two/);
  });
  it('accepts folded Unicode substrings (the languages other than English)', () => {
    expect(problemsOf((j) => j.patterns[0].contains.push('boîte saturée', 'ящик полон на сервере', '邮件箱满了'))).toEqual([]);
  });
  it('a source that is not a URL, an RFC or a shared sample, and an example that holds none of the substrings', () => {
    expectProblem((j) => (j.patterns[0].source = 'somewhere'), /source: "somewhere" must be a URL/);
    expectProblem((j) => (j.patterns[0].examples = ['nothing to see']), /examples: "nothing to see" holds none of the rule's substrings/);
  });
  it('a substring that an earlier pattern always wins', () => {
    const lines = problemsOf((j) =>
      j.patterns.push({ id: 'late', contains: ['user unknown in local table'], reason: 'policy', comment: 'x' }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/"user unknown in local table" never decides: the earlier pattern "unknown-recipient" matches it first/);
  });
  it('but not when the earlier pattern is restricted to another outcome, or is weaker than a strong one', () => {
    expect(
      problemsOf((j) =>
        j.patterns.push({ id: 'late', contains: ['please try again later now'], reason: 'policy', outcome: 'permanent', comment: 'x' }),
      ),
    ).toEqual([]);
    expect(
      problemsOf((j) => j.patterns.push({ id: 'late', contains: ['user unknown here'], reason: 'policy', strong: true, comment: 'x' })),
    ).toEqual([]);
  });
  it('an unsafe regex', () => {
    const lines = problemsOf((j) => (j.patterns.find((p: { regex?: string }) => p.regex).regex = '(a+)+b'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines)
      expect(l).toMatch(/^registry-sources\/classification\.json:[1-9]\d*: patterns\[\d+\]\.regex "\(a\+\)\+b" unbounded quantifier \+/);
  });
  it('a bad reply code, command or client error', () => {
    expectProblem((j) => (j.replyCodes['250'] = 'other'), /"250" is not a failure reply code/);
    expectProblem((j) => (j.commandReplyCodes.HELO = { '550': 'other' }), /unknown command "HELO"/);
    expectProblem((j) => (j.clientErrors.ECONNECTION.outcome = 'maybe'), /outcome must be "transient" or "permanent"/);
    expectProblem(
      (j) => (j.clientErrors.econn = { reason: 'network', outcome: 'transient' }),
      /does not look like a Node\/nodemailer error code/,
    );
  });
  it('an unknown top-level key, or not an object at all', () => {
    expectProblem((j) => (j.pattern = []), /unknown top-level key "pattern"/);
    expect(validate([], registryFromFile, () => 0)[0]).toMatch(/^registry-sources\/classification\.json: must be a JSON object/);
  });
  it('reports every problem, not just the first', () => {
    const lines = problemsOf((j) => {
      delete j.enhanced['X.2.2'];
      j.reasons.virus.kumo = 'Virus';
      j.patterns[0].contains.push('UPPER');
    });
    expect(lines).toHaveLength(3);
  });
});

describe('the linear-time regex dialect', () => {
  it.each([
    ['user unknown'],
    ["doesn't have an? [^ ]{1,64} account"],
    ['exceed(s|ed|ing)? .{0,40}quota'],
    ['\\b(spf|dkim)\\b'],
    ['(^|[^t] )listed in'],
    ['failed [0-9]{1,4} attempts'],
    ['\\.\\*\\+ literal'],
  ])('accepts %s', (src) => {
    expect(checkSafeRegex(src)).toEqual([]);
  });
  it.each([
    ['(a+)+$', /unbounded quantifier \+/],
    ['a*b', /unbounded quantifier \*/],
    ['a{1,}', /open repetition/],
    ['a{1,100}', /over 64/],
    ['a.{0,10}b.{0,10}c', /at most one/],
    ['(ab){1,3}', /applies to a group/],
    ['(a?b)?', /applies to a group that holds a quantifier/],
    ['a??', /lazy or doubled/],
    ['(a)\\1', /back-reference/],
    ['(?=a)b', /look-around/],
    ['User', /upper-case letter U/],
    ['\\S', /upper-case escape/],
    ['[A-Z]', /upper-case letter in class/],
    ['(', /does not compile/],
    ['x'.repeat(201), /at most 200/],
  ])('refuses %s', (src, why) => {
    const problems = checkSafeRegex(src);
    expect(problems.join('; ')).toMatch(why);
  });
});
