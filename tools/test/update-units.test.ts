/**
 * The pieces of the update apart from the network: argv, the names plan, the
 * semantic diff of two models (built from the hand-made slice, so RFC table
 * changes are covered too), the bump policy and the changeset wording.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../src/generate.js';
import type { Model } from '../src/model/model.js';
import { parseCliArgs, UsageError } from '../src/update/argv.js';
import { changeLines, describeField, renderChangeset } from '../src/update/changeset.js';
import { bumpOf, diffModels, type RegistryDiff } from '../src/update/diff.js';
import { planNames } from '../src/update/names.js';
import { CLASSES_CSV, ENTRIES_CSV, NAMES, RFC5321_TXT, makeSlice, type SliceFiles } from './slice.js';

describe('argv', () => {
  const parse = (argv: string[], env: NodeJS.ProcessEnv = {}, command: 'check' | 'update' = 'update') =>
    parseCliArgs(command, argv, env, '/home/me/work');
  it('maps flags to options; paths from the cwd, URLs as they are, MAILSTATUS_MIRROR as the default', () => {
    expect(parse([])).toEqual({
      json: false,
      help: false,
      mirror: undefined,
      timeoutMs: undefined,
      baseline: undefined,
      allowRemovals: false,
      allowPartialDiff: false,
    });
    expect(
      parse([
        '--json',
        '--timeout',
        '500',
        '--allow-removals',
        '--allow-partial-diff',
        '--baseline',
        'old',
        '--mirror',
        'http://127.0.0.1:9/m',
      ]),
    ).toEqual({
      json: true,
      help: false,
      mirror: 'http://127.0.0.1:9/m',
      timeoutMs: 500,
      baseline: '/home/me/work/old',
      allowRemovals: true,
      allowPartialDiff: true,
    });
    expect(parse([], { MAILSTATUS_MIRROR: '../shared/registry-mirror' }).mirror).toBe('../shared/registry-mirror');
    expect(parse(['--mirror', '/abs'], { MAILSTATUS_MIRROR: 'x' }).mirror).toBe('/abs');
    expect(parse(['-h'], {}, 'check').help).toBe(true);
  });
  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [['--timeout', 'soon'], /--timeout must be a positive number of milliseconds, not "soon"/],
    [['--timeout', '0'], /--timeout must be a positive/],
    [['extra'], /positional/i],
  ])('refuses %j', (argv, message) => {
    expect(() => parse(argv)).toThrow(UsageError);
    expect(() => parse(argv)).toThrow(message);
  });
  it('check has no update-only flags', () => {
    expect(() => parse(['--allow-removals'], {}, 'check')).toThrow(UsageError);
    expect(() => parse(['--allow-partial-diff'], {}, 'check')).toThrow(UsageError);
  });
});

describe('planNames', () => {
  const current = {
    $comment: 'kept',
    enhanced: { 'X.1.1': 'BadMailbox', 'X.1.10': 'NullMx', 'X.2.2': 'MailboxFull' },
    reply: { '250': 'Ok' },
  };
  it('keeps every name, derives unique names for new codes in registry order, drops gone codes and never reuses their names', () => {
    const plan = planNames(
      current,
      [
        { code: 'X.1.1', text: 'Sample rewritten by IANA' },
        { code: 'X.1.2', text: 'Bad destination system address' },
        { code: 'X.1.10', text: 'Recipient address has null MX' },
        { code: 'X.7.30', text: 'REQUIRETLS support required' },
        { code: 'X.7.31', text: 'Mailbox full' },
      ],
      [
        { code: '250', text: 'Requested mail action okay, completed' },
        { code: '557', text: 'Delivery refused' },
      ],
      'names.json',
    );
    expect(plan.data).toEqual({
      $comment: 'kept',
      enhanced: {
        'X.1.1': 'BadMailbox',
        'X.1.2': 'BadDestinationSystemAddress',
        'X.1.10': 'NullMx',
        'X.7.30': 'RequireTlsSupportRequired',
        'X.7.31': 'MailboxFull2',
      },
      reply: { '250': 'Ok', '557': 'DeliveryRefused' },
    });
    expect(Object.keys(plan.data.enhanced)).toEqual(['X.1.1', 'X.1.2', 'X.1.10', 'X.7.30', 'X.7.31']);
    expect(plan.added).toEqual({
      enhanced: { 'X.1.2': 'BadDestinationSystemAddress', 'X.7.30': 'RequireTlsSupportRequired', 'X.7.31': 'MailboxFull2' },
      reply: { '557': 'DeliveryRefused' },
    });
    expect(plan.removed).toEqual({ enhanced: { 'X.2.2': 'MailboxFull' }, reply: {} });
    expect(plan.text).toBe(`${JSON.stringify(plan.data, null, 2)}\n`);
    expect(plan.toReview).toEqual([]);
  });
  it('names a new entry without sample text (like X.6.10) after its code, for a person to review', () => {
    const plan = planNames(current, [{ code: 'X.6.11', text: '' }], [], 'registry-sources/names.json');
    expect(plan.toReview).toEqual([
      'registry entry X.6.11 is new and has no sample text to derive a constant name from: named EntryX_6_11 after its code; give it a PascalCase name in registry-sources/names.json before this is published',
    ]);
  });
});

async function sliceModel(overrides: Partial<SliceFiles>): Promise<Model> {
  const slice = makeSlice(overrides);
  return (await generate(slice.paths, { mirror: slice.mirror })).model;
}

describe('diffModels, bumpOf and the changeset on the hand-made slice', () => {
  it('reports registry entries by code and RFC text changes by the table they alter', async () => {
    const before = await sliceModel({});
    const names = structuredClone(NAMES);
    delete names.enhanced['X.1.2'];
    names.enhanced['X.7.29'] = 'ArcValidationFailure';
    const after = await sliceModel({
      names,
      classes: CLASSES_CSV.replace('A transient failure.', 'A transient failure; try again later.'),
      enumerated: ENTRIES_CSV.replace(/X\.1\.2,[^\r]*\r\n/, '')
        .replace(
          'useful for permanent failures.",[RFC3463] (Standards Track)',
          'useful for permanent failures.",[RFC3463] (Standards Track); [RFC5248]',
        )
        .replace('Changed.,[RFC7293] (Standards Track),W. Mills', 'Changed.,[RFC7293] (Standards Track),W. Mills Jr.')
        .replace('\r\n\r\n', '\r\n') // no-op guard
        .concat('X.7.29,ARC validation failure,550,ARC.,[RFC8617],K. Andersen,IESG\r\n'),
      rfc5321: RFC5321_TXT.replace(
        '554  Transaction failed',
        '554  Transaction failed (or, in the case of a connection-opening response, "No SMTP service here")',
      )
        .replace('The command has been accepted.', 'The command has been accepted, but more is needed.')
        .replace('         S: 220\n         E: 554', '         S: 220\n         E: 554, 451'),
    });
    const diff = diffModels(before, after);
    expect(diff.added.map((e) => e.code)).toEqual(['X.7.29']);
    expect(diff.removed).toEqual([{ code: 'X.1.2', name: 'BadDestinationSystemAddress', sample: 'Bad destination system address' }]);
    expect(diff.changed.map((c) => [c.code, c.fields])).toEqual([
      ['X.1.1', ['references']],
      ['X.7.17', ['submitter']],
    ]);
    expect(diff.changed[0]!.changes).toEqual([
      { field: 'references', from: 'RFC3463 (Standards Track)', to: 'RFC3463 (Standards Track); RFC5248' },
    ]);
    expect(diff.tables.map((t) => [t.table, t.key, t.change, t.fields])).toEqual([
      ['enhancedClasses', '4.XXX.YYY', 'changed', ['description']],
      ['replyCodes', '554', 'changed', ['text']],
      ['replySeverities', '3', 'changed', ['description']],
      ['commandReplies', 'CONNECTION ESTABLISHMENT', 'changed', ['error']],
    ]);
    expect(diff.renamed).toEqual([]);
    expect(bumpOf(diff, true)).toBe('major');
    const lines = changeLines(diff, { '554': 'TransactionFailed' });
    expect(lines).toContain(
      '`X.1.1` Bad destination mailbox address: references changed from RFC3463 (Standards Track) to RFC3463 (Standards Track); RFC5248',
    );
    expect(lines).toContain('`X.7.17` Mailbox owner has changed: submitter changed from W. Mills to W. Mills Jr.');
    expect(lines).toContain('RFC 5321 command-reply sequence for `CONNECTION ESTABLISHMENT`: error changed from 554 to 554, 451');
    expect(lines).toContain('Reply severity digit `3`: description changed to "The command has been accepted, but more is needed."');
  });

  it('detects a renamed constant (major) even though the update itself never renames', async () => {
    const before = await sliceModel({});
    const names = structuredClone(NAMES);
    names.enhanced['X.1.1'] = 'NoSuchMailbox';
    const diff = diffModels(before, await sliceModel({ names }));
    expect(diff.renamed).toEqual([{ table: 'EnhancedStatus', code: 'X.1.1', from: 'BadDestinationMailboxAddress', to: 'NoSuchMailbox' }]);
    expect(bumpOf(diff, false)).toBe('major');
    expect(changeLines(diff)).toEqual([
      'Renamed `EnhancedStatus.BadDestinationMailboxAddress` to `EnhancedStatus.NoSuchMailbox` (`X.1.1`)',
    ]);
  });

  const empty: RegistryDiff = {
    updated: { from: 'a', to: 'a' },
    added: [],
    removed: [],
    changed: [],
    renamed: [],
    tables: [],
    complete: true,
  };
  const entry = { code: 'X.1.1', name: 'N', sample: 's' };
  it.each([
    ['nothing', empty, false, 'none'],
    ['re-published bytes only', empty, true, 'patch'],
    ['a new registry date', { ...empty, updated: { from: 'a', to: 'b' } }, true, 'patch'],
    ['a text change', { ...empty, changed: [{ ...entry, fields: ['description'], changes: [] }] }, true, 'patch'],
    [
      'a table text change',
      { ...empty, tables: [{ table: 'replyCodes', key: '550', change: 'changed', fields: ['text'], changes: [] }] },
      true,
      'patch',
    ],
    ['an added entry', { ...empty, added: [entry] }, true, 'minor'],
    [
      'an added reply code',
      { ...empty, tables: [{ table: 'replyCodes', key: '557', change: 'added', fields: [], changes: [] }] },
      true,
      'minor',
    ],
    ['a removed entry', { ...empty, added: [entry], removed: [entry] }, true, 'major'],
    [
      'a removed command',
      { ...empty, tables: [{ table: 'commandReplies', key: 'TURN', change: 'removed', fields: [], changes: [] }] },
      true,
      'major',
    ],
  ] as [string, RegistryDiff, boolean, string][])('bump for %s', (_what, diff, filesChanged, bump) => {
    expect(bumpOf(diff, filesChanged)).toBe(bump);
  });

  it('words each field change; a changeset always lists something', () => {
    expect(describeField({ field: 'replyCodes', from: '', to: '550' })).toBe('associated reply codes changed from `(empty)` to `550`');
    expect(describeField({ field: 'changeController', from: 'IESG', to: 'IETF' })).toBe('change controller changed from IESG to IETF');
    expect(describeField({ field: 'deprecated', from: 'not deprecated', to: 'deprecated (use X.6.8)' })).toBe('now deprecated (use X.6.8)');
    expect(describeField({ field: 'description', from: 'a', to: 'x'.repeat(300) })).toMatch(/^description changed to "x{159}…"$/);
    expect(renderChangeset(empty, 'patch', ['@mailstatus/codes'], ['rfc5321.txt'])).toBe(
      '---\n"@mailstatus/codes": patch\n---\n\nIANA SMTP Enhanced Status Codes registry last updated a (`npm run registry:update`).\n\n- The upstream files changed (rfc5321.txt) without changing any generated table.\n',
    );
  });
});
