/**
 * Data-driven: every row of the real registry and every RFC 5321 reply code
 * must be in the generated tables, as IANA and the RFC write them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  EnhancedStatus,
  ReplyCode,
  anyCommandReplies,
  commandReplies,
  enhancedClasses,
  enhancedStatusGrammar,
  enhancedStatuses,
  enhancedSubjects,
  registryInfo,
  replyCategories,
  replyCodes,
  replySeverities,
} from '../src/index.js';
import { MIRROR, haveMirror, skipNote } from './shared.js';

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The reviewed corrections of upstream fields (registry-sources/corrections.json): the tables hold the corrected value. */
const corrections: { code: string; field: string; upstream: string; corrected: string }[] = JSON.parse(
  readFileSync(join(__dirname, '../../../registry-sources/corrections.json'), 'utf8'),
).corrections;
/** A field as the tables hold it: IANA's, folded, unless a correction of exactly that value applies. */
const field = (row: Record<string, string>, column: string) =>
  corrections.find((c) => c.code === row.Code && c.field === column && c.upstream === fold(row[column]!))?.corrected ?? fold(row[column]!);
const csv = (name: string): Record<string, string>[] =>
  parse(readFileSync(join(MIRROR, 'www.iana.org/assignments/smtp-enhanced-status-codes', name)), { columns: true, bom: true });

describe('generated tables: shape and counts', () => {
  it('has 3 classes, 8 subjects, 81 entries', () => {
    expect(enhancedClasses.map((c) => c.class)).toEqual([2, 4, 5]);
    expect(enhancedSubjects.map((s) => s.subject)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(enhancedStatuses).toHaveLength(81);
    expect(Object.keys(EnhancedStatus)).toHaveLength(81);
  });

  it('has the 24 reply codes of RFC 5321 section 4.2.3, plus the supplement', () => {
    const core = replyCodes.filter((r) => r.source === 'rfc5321').map((r) => r.code);
    expect(core).toEqual([
      211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504, 550, 551, 552, 553, 554, 555,
    ]);
    for (const c of [235, 334, 432, 454, 530, 534, 535, 538, 521, 556])
      expect(replyCodes.find((r) => r.code === c)?.source, String(c)).toBe('supplement');
    expect(Object.values(ReplyCode)).toEqual(replyCodes.map((r) => r.code));
    expect(replyCodes.map((r) => r.code)).toEqual([...replyCodes.map((r) => r.code)].sort((a, b) => a - b));
  });

  it('gives every reply code its severity and category from its digits', () => {
    const sev = { 2: 'positive-completion', 3: 'positive-intermediate', 4: 'transient-negative', 5: 'permanent-negative' } as const;
    const cat = ['syntax', 'information', 'connections', 'unspecified', 'unspecified', 'mail-system'];
    for (const r of replyCodes) {
      expect(r.severity, String(r.code)).toBe(sev[Math.floor(r.code / 100) as 2 | 3 | 4 | 5]);
      expect(r.category, String(r.code)).toBe(cat[Math.floor(r.code / 10) % 10]);
      expect(r.text.length).toBeGreaterThan(3);
    }
    expect(replySeverities.map((d) => d.digit)).toEqual([2, 3, 4, 5]);
    expect(replySeverities[2]!.title).toBe('Transient Negative Completion reply');
    expect(replyCategories.map((d) => d.title)).toEqual([
      'Syntax',
      'Information',
      'Connections',
      'Unspecified',
      'Unspecified',
      'Mail system',
    ]);
  });

  it('resolves every reply code the registry names to a known reply code', () => {
    const known = new Set(replyCodes.map((r) => r.code));
    const named = enhancedStatuses.flatMap((e) => e.replyCodes.codes);
    expect(named.length).toBeGreaterThan(80);
    for (const c of named) expect(known.has(c), `reply code ${c}`).toBe(true);
  });

  it('has the command-reply table of RFC 5321 section 4.3.2', () => {
    expect(Object.keys(commandReplies)).toEqual([
      'CONNECT',
      'EHLO',
      'HELO',
      'MAIL',
      'RCPT',
      'DATA',
      'RSET',
      'VRFY',
      'EXPN',
      'HELP',
      'NOOP',
      'QUIT',
    ]);
    expect(commandReplies.RCPT).toEqual({
      intermediate: [],
      success: [250, 251],
      error: [550, 551, 552, 553, 450, 451, 452, 503, 455, 555],
    });
    expect(commandReplies.DATA.intermediate).toEqual([354]);
    expect(commandReplies.DATA.afterData).toEqual({ success: [250], error: [552, 554, 451, 452, 450, 550] });
    expect(commandReplies.EHLO.error).toEqual([504, 550, 502]);
    expect(commandReplies.QUIT).toEqual({ intermediate: [], success: [221], error: [] });
    expect(anyCommandReplies).toEqual([500, 501, 421]);
    const known = new Set(replyCodes.map((r) => r.code));
    for (const [cmd, r] of Object.entries(commandReplies))
      for (const c of [...r.intermediate, ...r.success, ...r.error]) expect(known.has(c), `${cmd} ${c}`).toBe(true);
  });

  it('marks X.6.10 as a deprecated duplicate of X.6.8', () => {
    const e = enhancedStatuses.find((x) => x.code === 'X.6.10')!;
    expect(e).toMatchObject({ deprecated: true, replacedBy: 'X.6.8', sample: '' });
    expect(enhancedStatuses.filter((x) => x.deprecated).map((x) => x.code)).toEqual(['X.6.10']);
    expect(enhancedStatuses.find((x) => x.code === 'X.6.8')!.sample).toBe(
      'UTF-8 string reply is required, but not permitted by the SMTP client',
    );
  });

  it('has unique, stable names that index the constant', () => {
    expect(new Set(enhancedStatuses.map((e) => e.name)).size).toBe(81);
    for (const e of enhancedStatuses) expect(EnhancedStatus[e.name as keyof typeof EnhancedStatus]).toBe(e.code);
    expect(EnhancedStatus.BadDestinationMailboxAddress).toBe('X.1.1');
    expect(EnhancedStatus.MailboxFull).toBe('X.2.2');
    expect(ReplyCode.MailboxUnavailable).toBe(550);
    expect(ReplyCode.AuthenticationCredentialsInvalid).toBe(535);
  });

  it('carries the registry date, the pins and RFC 3463 grammar', () => {
    expect(registryInfo.updated).toBe('2024-12-06');
    expect(registryInfo.sources.map((s) => s.name)).toContain('smtp-enhanced-status-codes-3.csv');
    for (const s of registryInfo.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(enhancedStatusGrammar).toEqual({
      classes: [2, 4, 5],
      subjectDigits: { min: 1, max: 3 },
      detailDigits: { min: 1, max: 3 },
      noLeadingZeros: true,
    });
    for (const e of enhancedStatuses) {
      expect(String(e.subject)).toMatch(/^(0|[1-9]\d{0,2})$/);
      expect(String(e.detail)).toMatch(/^(0|[1-9]\d{0,2})$/);
    }
  });
});

describe.skipIf(skipNote(haveMirror, 'registry round-trip', MIRROR))('every upstream row round-trips into the tables', () => {
  const rows = haveMirror ? csv('smtp-enhanced-status-codes-3.csv') : [];
  it('has as many entries as IANA publishes', () => expect(enhancedStatuses).toHaveLength(rows.length));
  for (const row of rows) {
    it(`${row.Code} ${fold(row['Sample Text']!)}`, () => {
      const e = enhancedStatuses.find((x) => x.code === row.Code)!;
      expect(e).toBeDefined();
      expect(e.sample).toBe(field(row, 'Sample Text'));
      expect(e.description).toBe(field(row, 'Description'));
      expect(e.replyCodes.raw).toBe(field(row, 'Associated basic status code'));
      expect(e.submitter).toBe(field(row, 'Submitter'));
      expect(e.changeController).toBe(field(row, 'Change Controller'));
      expect(e.references.map((r) => r.id).join('; ')).toBe(
        fold(row.Reference!)
          .split(';')
          .map((r) => /\[([^\]]+)\]/.exec(r)![1])
          .join('; '),
      );
      for (const code of fold(row['Associated basic status code']!).match(/\b[2-5]\d\d\b/g) ?? [])
        expect(e.replyCodes.codes).toContain(Number(code));
    });
  }
  it('classes and subjects match -1.csv and -2.csv', () => {
    expect(enhancedClasses.map((c) => [c.code, c.summary, c.description])).toEqual(
      csv('smtp-enhanced-status-codes-1.csv').map((r) => [r.Code, r.Summary, fold(r.Description!)]),
    );
    expect(enhancedSubjects.map((c) => [c.code, c.summary, c.description])).toEqual(
      csv('smtp-enhanced-status-codes-2.csv').map((r) => [r.Code, r.Summary, fold(r.Description!)]),
    );
  });
  it('every RFC 5321 section 4.2.3 code is in the table with its text', () => {
    const rfc = readFileSync(join(MIRROR, 'www.rfc-editor.org/rfc/rfc5321.txt'), 'utf8');
    const section = rfc.slice(rfc.indexOf('\n4.2.3.  Reply Codes in Numeric Order'), rfc.indexOf('\n4.2.4.  Reply Code 502'));
    const codes = [...section.matchAll(/^ {3}(\d{3}) {2}(.*)$/gm)].map((m) => [Number(m[1]), m[2]!.trim()] as const);
    expect(codes).toHaveLength(24);
    for (const [code, firstLine] of codes)
      expect(replyCodes.find((r) => r.code === code)?.text.startsWith(firstLine), String(code)).toBe(true);
  });
});
