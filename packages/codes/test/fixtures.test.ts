/**
 * Dogfood: every fixture of @mailstatus/fixtures through the core, so the
 * fixtures and the code cannot drift apart. Reads the fixtures' BUILT JSON
 * by relative path (turbo builds @mailstatus/fixtures before this test; the
 * codes package must not depend on the fixtures package, which depends on
 * it). The expected values were computed apart from this package's logic:
 * parses from how each reply was put together, descriptions from the
 * tables, classifications from registry-sources/classification.json read by
 * a separate, simpler implementation (packages/fixtures/scripts/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actions, outcomes, reasons } from '../src/classify/vocabulary.js';
import { classify, describe as describeCode, extractReply, parseReply, ReplyParseError, safeParseReply } from '../src/index.js';

const JSON_DIR = resolve(__dirname, '../../fixtures/json');
const haveFixtures = existsSync(resolve(JSON_DIR, 'index.json'));
if (!haveFixtures) {
  console.warn(
    `[skipped] fixtures dogfood: ${JSON_DIR} is absent; build the fixtures first (npm run build -w @mailstatus/fixtures, or turbo run test)`,
  );
}

// ---- the JSON shapes (see packages/fixtures/src/types.ts)
interface Parse {
  code: number;
  severity: number;
  enhanced: string | null;
  enhancedConflict: boolean;
  lines: string[];
  text: string;
  multiline: boolean;
}
interface Cls {
  outcome: string;
  reason: string;
  action: string;
}
interface Desc {
  reply: { code: number; name: string | null; text: string | null; severity: string; category: string; registered: boolean };
  enhanced: {
    code: string;
    registryCode: string;
    name: string | null;
    sample: string | null;
    classSummary: string;
    subjectSummary: string | null;
    classListed: boolean | null;
    deprecated: boolean;
    replacedBy: string | null;
    registered: boolean;
  } | null;
}
interface ReplyFx {
  id: string;
  command?: string;
  input: string;
  expected: { parse: Parse; classify: Cls; describe?: Desc };
}
interface TranscriptFx {
  id: string;
  input: { turns: { from: 'client' | 'server'; text: string }[] };
  expected: { replies: { turn: number; command: string; parse: Parse; classify: Cls }[] };
}
interface MalformedFx {
  id: string;
  input: unknown;
  expected: { error: string; line: number; strictEnhancedCode?: true };
}
interface DsnRecipient {
  finalRecipient: string;
  originalRecipient: string | null;
  action: string;
  status: string;
  remoteMta: string | null;
  diagnosticCode: { type: string; text: string } | null;
  replyCode: number | null;
  diagnosticEnhanced: string | null;
  classify: Cls;
}
interface DsnFx {
  id: string;
  input: string;
  expected: { reportingMta: string; returnedContent: string | null; recipients: DsnRecipient[] };
}

function load<T>(name: string): T[] {
  return haveFixtures ? (JSON.parse(readFileSync(resolve(JSON_DIR, name), 'utf8')) as T[]) : [];
}
const registryReplies = load<ReplyFx>('registry-replies.json');
const realWorldReplies = load<ReplyFx>('real-world-replies.json');
const transcripts = load<TranscriptFx>('transcripts.json');
// malformed-large.json holds recipes (inputParts) for its megabyte inputs.
const large = load<Omit<MalformedFx, 'input'> & { inputParts: [string, number][] }>('malformed-large.json').map(
  ({ inputParts, ...f }) => ({ ...f, input: inputParts.map(([chunk, times]) => chunk.repeat(times)).join('') }) as MalformedFx,
);
const malformed = [...load<MalformedFx>('malformed-replies.json'), ...large];
const dsns = load<DsnFx>('dsns.json');

/**
 * Fixtures the core is known to get wrong, by id, with the bug. A listed
 * case runs as `it.fails`, so fixing the bug turns the suite red until the
 * entry is removed here. Keep this list empty when possible.
 */
const KNOWN_CORE_BUGS: Readonly<Record<string, string>> = {};

const test = (id: string) => (Object.hasOwn(KNOWN_CORE_BUGS, id) ? it.fails : it);

function expectParse(input: string, parse: Parse): ReturnType<typeof parseReply> {
  const r = parseReply(input);
  expect({
    code: r.code,
    severity: r.severity,
    enhanced: r.enhanced ?? null,
    enhancedConflict: r.enhancedConflict,
    lines: r.lines,
    text: r.text,
    multiline: r.multiline,
  }).toEqual(parse);
  expect(r.raw).toBe(input);
  return r;
}

function pick(c: { outcome: string; reason: string; action: string }): Cls {
  return { outcome: c.outcome, reason: c.reason, action: c.action };
}

describe.skipIf(!haveFixtures)("fixtures: the vocabulary is the core's", () => {
  it('every expected outcome, reason and action is one classify knows', () => {
    const all: Cls[] = [
      ...registryReplies.map((f) => f.expected.classify),
      ...realWorldReplies.map((f) => f.expected.classify),
      ...transcripts.flatMap((t) => t.expected.replies.map((r) => r.classify)),
      ...dsns.flatMap((d) => d.expected.recipients.map((r) => r.classify)),
    ];
    expect(all.length).toBeGreaterThan(500);
    for (const c of all) {
      expect(outcomes).toContain(c.outcome);
      expect(reasons).toContain(c.reason);
      expect(actions).toContain(c.action);
    }
  });
});

describe.skipIf(!haveFixtures)('fixtures: generated registry replies', () => {
  for (const f of registryReplies) {
    test(f.id)(f.id, () => {
      const r = expectParse(f.input, f.expected.parse);
      expect(pick(classify(r)), 'classify(parsed)').toEqual(f.expected.classify);
      expect(pick(classify(f.input)), 'classify(string)').toEqual(f.expected.classify);
      const d = f.expected.describe!;
      const rd = describeCode(d.reply.code);
      expect(rd?.kind).toBe('reply');
      if (rd?.kind === 'reply') {
        expect({
          code: rd.code,
          name: rd.name ?? null,
          text: rd.text ?? null,
          severity: rd.severity,
          category: rd.category,
          registered: rd.registered,
        }).toEqual(d.reply);
      }
      const ed = describeCode(d.enhanced!.code);
      expect(ed?.kind).toBe('enhanced');
      if (ed?.kind === 'enhanced') {
        expect({
          code: ed.code,
          registryCode: ed.registryCode,
          name: ed.name ?? null,
          sample: ed.sample ?? null,
          classSummary: ed.classInfo?.summary,
          subjectSummary: ed.subjectInfo?.summary ?? null,
          classListed: ed.classListed ?? null,
          deprecated: ed.deprecated,
          replacedBy: ed.replacedBy ?? null,
          registered: ed.registered,
        }).toEqual(d.enhanced);
      }
    });
  }
});

describe.skipIf(!haveFixtures)('fixtures: real-world replies', () => {
  for (const f of realWorldReplies) {
    test(f.id)(f.id, () => {
      const r = expectParse(f.input, f.expected.parse);
      expect(pick(classify({ ...r, command: f.command })), 'classify(parsed + command)').toEqual(f.expected.classify);
      // The tolerant path (extractReply inside classify) must agree with the strict one.
      expect(pick(classify({ text: f.input, command: f.command })), 'classify({ text: raw, command })').toEqual(f.expected.classify);
      const x = extractReply(f.input);
      expect(x?.code).toBe(f.expected.parse.code);
      if (f.expected.parse.enhanced !== null) expect(x?.enhanced).toBe(f.expected.parse.enhanced);
    });
  }
});

describe.skipIf(!haveFixtures)('fixtures: transcripts', () => {
  for (const t of transcripts) {
    test(t.id)(t.id, () => {
      for (const r of t.expected.replies) {
        const turn = t.input.turns[r.turn]!;
        expect(turn.from).toBe('server');
        const parsed = expectParse(turn.text, r.parse);
        expect(pick(classify({ ...parsed, command: r.command })), `turn ${r.turn} (${r.command} ${r.parse.code})`).toEqual(r.classify);
      }
      // Client turns are never replies.
      for (const turn of t.input.turns) if (turn.from === 'client') expect(safeParseReply(turn.text).ok).toBe(false);
    });
  }
});

describe.skipIf(!haveFixtures)('fixtures: malformed replies', () => {
  for (const f of malformed) {
    test(f.id)(f.id, () => {
      const options = f.expected.strictEnhancedCode ? { strictEnhancedCode: true } : undefined;
      const r = safeParseReply(f.input, options);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toBeInstanceOf(ReplyParseError);
        expect({ error: r.error.reason, line: r.error.line }).toEqual({ error: f.expected.error, line: f.expected.line });
      }
      if (typeof f.input === 'string') expect(() => parseReply(f.input as string, options)).toThrow(ReplyParseError);
      // Without the option, such a reply is kept with the problem named.
      if (options && typeof f.input === 'string') {
        const kept = parseReply(f.input);
        expect(kept.enhanced).toBeUndefined();
        expect(kept.enhancedProblem?.offset).toBe(4);
      }
    });
  }
});

/** A minimal RFC 3464 reader for the test: the delivery-status part, unfolded, split into field groups. */
function deliveryStatusGroups(message: string): Map<string, string>[] {
  const boundary = /boundary="([^"]+)"/.exec(message)![1]!;
  const part = message.split(`--${boundary}`).find((p) => /^\r\n(?:[^\r\n]+\r\n)*Content-Type: message\/delivery-status\r\n/i.test(p))!;
  const body = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n(?=[ \t])/g, '');
  return body
    .split(/\r\n\r\n/)
    .filter((g) => g.trim() !== '')
    .map((g) => {
      const m = new Map<string, string>();
      for (const line of g.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) m.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
      }
      return m;
    });
}

describe.skipIf(!haveFixtures)('fixtures: delivery status notifications', () => {
  for (const f of dsns) {
    test(f.id)(f.id, () => {
      expect(f.input).toMatch(/^Content-Type: multipart\/report; report-type=delivery-status;\r\n\tboundary="/m);
      const [perMessage, ...perRecipient] = deliveryStatusGroups(f.input);
      expect(perMessage!.get('reporting-mta')).toBe(f.expected.reportingMta);
      expect(perRecipient).toHaveLength(f.expected.recipients.length);
      f.expected.recipients.forEach((want, i) => {
        const got = perRecipient[i]!;
        expect(got.get('final-recipient')).toBe(want.finalRecipient);
        expect(got.get('original-recipient') ?? null).toBe(want.originalRecipient);
        expect(got.get('action')).toBe(want.action);
        expect(got.get('status')).toBe(want.status);
        expect(got.get('remote-mta') ?? null).toBe(want.remoteMta);
        const diag = got.get('diagnostic-code');
        if (want.diagnosticCode === null) expect(diag).toBeUndefined();
        else {
          const semi = diag!.indexOf(';');
          expect({ type: diag!.slice(0, semi), text: diag!.slice(semi + 1).trimStart() }).toEqual(want.diagnosticCode);
        }
        // The core: the reply inside the diagnostic, and the classification of code + Status + words.
        const text = want.diagnosticCode?.text ?? '';
        if (want.replyCode !== null) {
          const x = extractReply(text);
          expect(x?.code).toBe(want.replyCode);
          expect(x?.enhanced ?? null).toBe(want.diagnosticEnhanced);
        }
        const c = classify({ code: want.replyCode ?? undefined, enhanced: want.status, text });
        expect(pick(c), `${want.finalRecipient}`).toEqual(want.classify);
        if (want.diagnosticCode !== null && want.replyCode !== null && want.diagnosticEnhanced === want.status) {
          // The whole Diagnostic-Code value, as a bounce parser would hand it over.
          expect(pick(classify(`${want.diagnosticCode.type}; ${text}`)), 'classify(Diagnostic-Code)').toEqual(want.classify);
        }
      });
    });
  }
});
