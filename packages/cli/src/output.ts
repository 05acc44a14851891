/**
 * The only module that turns data into text: help, tables, colours, JSON
 * and error lines. Every function returns a string; `main` writes it.
 *
 * @packageDocumentation
 */

import type { EnhancedStatusInfo, Reference, ReplyCodeInfo } from '@mailstatus/codes';
import { commandTable, globalOptions, type CommandName, type CommandSpec, type OptionSpec } from './argv-table.js';
import type { BounceRecord } from './commands/bounce.js';
import type { ClassifySummary, LineRecord } from './commands/classify.js';
import type { Explanation } from './commands/explain.js';
import type { ListResult } from './commands/list.js';
import type { RegistryReport } from './commands/registry.js';

// ---------------------------------------------------------------------------
// Colours

/** ANSI styling, or the identity when colours are off. */
export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

/**
 * Whether to colour: never when `NO_COLOR` is set to anything but the empty
 * string (no-color.org); otherwise when `FORCE_COLOR` asks for it (any value
 * but `0` and `false`), else only when the stream is a terminal and `TERM`
 * is not `dumb`. `NO_COLOR` wins over `FORCE_COLOR`.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const identity = (s: string) => s;

/** A {@link Style} that colours or not. */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    return { enabled, bold: identity, dim: identity, red: identity, yellow: identity, green: identity, cyan: identity };
  }
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    green: sgr(32, 39),
    cyan: sgr(36, 39),
  };
}

/** Colours an outcome the way a reader scans it: red permanent, yellow transient, green success. */
function outcomeColor(style: Style, outcome: string): (s: string) => string {
  switch (outcome) {
    case 'permanent':
      return style.red;
    case 'transient':
      return style.yellow;
    case 'success':
      return style.green;
    default:
      return style.dim;
  }
}

/** Where and how text output goes. */
export interface RenderContext {
  readonly style: Style;
  /** Terminal width, or `Infinity` when stdout is not a terminal (pipes get whole lines). */
  readonly width: number;
}

// ---------------------------------------------------------------------------
// Generic pieces

/** One line for stderr: `mailstatus: <message>` with any line breaks folded. */
export function renderError(message: string, style: Style = createStyle(false)): string {
  return `${style.red('mailstatus:')} ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`;
}

/** A warning line for stderr. */
export function renderWarning(message: string, style: Style = createStyle(false)): string {
  return `${style.yellow('mailstatus: warning:')} ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`;
}

/** Pretty JSON with a final newline (explain, list, registry). */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Cuts `s` to `max` characters with an ellipsis. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 1) return s.slice(0, Math.max(0, max));
  return `${s.slice(0, max - 1)}…`;
}

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** Colours a cell after padding, so ANSI codes never disturb the alignment; `row` is -1 for the header. */
  readonly paint?: (row: number, col: number, padded: string) => string;
  /** Per column; default left. */
  readonly align?: readonly ('left' | 'right')[];
  /** Columns never cut (codes, counts); the others shrink, the widest first, to fit `ctx.width`. */
  readonly fixed?: readonly number[];
}

/** Narrowest a shrinking column gets. */
const MIN_COLUMN = 10;

/**
 * A table with a header, columns padded to their widest cell. When the
 * lines would be wider than `ctx.width` (a terminal), the widest columns not
 * listed in `fixed` are cut with an ellipsis until they fit.
 */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  ctx: RenderContext,
  options: TableOptions = {},
): string {
  const n = header.length;
  const gap = '  ';
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  if (Number.isFinite(ctx.width)) {
    const available = ctx.width - 1;
    const fixed = new Set(options.fixed ?? []);
    let total = widths.reduce((a, w) => a + w, 0) + gap.length * (n - 1);
    while (total > available) {
      let widest = -1;
      for (let i = 0; i < n; i++) {
        if (!fixed.has(i) && widths[i]! > MIN_COLUMN && (widest === -1 || widths[i]! > widths[widest]!)) widest = i;
      }
      if (widest === -1) break; // nothing left to cut: let the terminal wrap
      const cutBy = Math.min(total - available, widths[widest]! - MIN_COLUMN);
      widths[widest]! -= cutBy;
      total -= cutBy;
    }
  }
  const line = (cells: readonly string[], r: number): string =>
    cells
      .map((c, i) => {
        const s = cut(c, widths[i]!);
        const padded = i === n - 1 ? s : options.align?.[i] === 'right' ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
        return r >= 0 && options.paint ? options.paint(r, i, padded) : padded;
      })
      .join(gap)
      .trimEnd();
  const out = [ctx.style.bold(line(header, -1)), ...rows.map((r, i) => line(r, i))];
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// Help and version

const EXIT_CODES = 'Exit codes: 0 found or ok, 1 not found or invalid input, 2 usage error.';
const COLOURS = 'Colours only on a terminal; NO_COLOR=1 turns them off, FORCE_COLOR=1 forces them.';

function optionLines(options: readonly OptionSpec[]): string[] {
  const w = Math.max(...options.map((o) => o.flags.length));
  return options.map((o) => `  ${o.flags.padEnd(w)}  ${o.description}`);
}

/** `mailstatus --help` or `mailstatus <command> --help`. */
export function renderHelp(version: string, topic?: CommandName): string {
  const spec: CommandSpec | undefined = topic ? commandTable.find((c) => c.name === topic) : undefined;
  const lines: string[] = [];
  if (spec) {
    lines.push(
      `mailstatus ${spec.name}: ${spec.summary}`,
      '',
      `Usage: mailstatus ${spec.name}${spec.args ? ` ${spec.args}` : ''} [options]`,
    );
    if (spec.details.length > 0) lines.push('', ...spec.details);
    lines.push('', 'Options:', ...optionLines([...spec.options, ...globalOptions]));
    lines.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  } else {
    lines.push(
      `mailstatus ${version}: explain, list and classify SMTP replies and mail logs`,
      '',
      'Usage: mailstatus <command> [options]',
      '',
      'Commands:',
    );
    const w = Math.max(...commandTable.map((c) => c.name.length));
    for (const c of commandTable) lines.push(`  ${c.name.padEnd(w)}  ${c.summary}`);
    lines.push('', 'Options:', ...optionLines(globalOptions));
    lines.push('', 'Examples:', ...commandTable.map((c) => `  ${c.examples[0]!}`));
    lines.push('', 'Run mailstatus help <command> (or mailstatus <command> --help) for the options and examples of one command.');
  }
  lines.push('', EXIT_CODES, COLOURS);
  return `${lines.join('\n')}\n`;
}

/** `mailstatus --version`. */
export function renderVersion(version: string): string {
  return `${version}\n`;
}

// ---------------------------------------------------------------------------
// registry

/** `mailstatus registry`: one block per source, so the full hashes never need cutting. */
export function renderRegistry(report: RegistryReport, json: boolean, ctx: RenderContext): string {
  if (json) return renderJson(report);
  const { style } = ctx;
  const lines = [
    `${style.bold('IANA SMTP Enhanced Status Codes registry')}, last updated ${style.cyan(report.updated)}`,
    `${report.counts.enhancedStatuses} enumerated codes, ${report.counts.replyCodes} reply codes`,
    `@mailstatus/cli ${report.versions.cli}, @mailstatus/codes ${report.versions.codes}`,
    '',
    style.bold('Pinned sources'),
  ];
  for (const s of report.sources) {
    lines.push(`  ${style.bold(s.name)}  ${s.size} bytes, retrieved ${s.retrieved}`, `    sha256 ${s.sha256}`, `    ${s.url}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------
// list

/** The classes an entry can occur in, as `4 5`. */
function classesOf(e: EnhancedStatusInfo): string {
  return e.classes.join(' ');
}

/** The associated reply codes, short enough for a column: `451 550`, `5XX`, `220 250 251 252 +10`. */
function replyCodesOf(e: EnhancedStatusInfo): string {
  const r = e.replyCodes;
  if (r.any) return 'any';
  if (!r.given) return '-';
  const all = [...r.codes.map(String), ...r.otherClasses.map((d) => `${d}XX`)];
  return all.length > 5 ? `${all.slice(0, 4).join(' ')} +${all.length - 4}` : all.join(' ');
}

/** `mailstatus list`: JSON is the registry rows as they are in `@mailstatus/codes`. */
export function renderList(result: ListResult, json: boolean, ctx: RenderContext): string {
  if (json) return renderJson(result.entries);
  // Nothing found: the caller says so on stderr; a bare header helps nobody.
  if (result.entries.length === 0) return '';
  if (result.kind === 'reply-codes') {
    const rows = (result.entries as readonly ReplyCodeInfo[]).map((r) => [String(r.code), r.name, r.text]);
    return renderTable(['code', 'name', 'text'], rows, ctx, { paint: (_r, col, s) => (col === 0 ? ctx.style.cyan(s) : s), fixed: [0] });
  }
  const rows = (result.entries as readonly EnhancedStatusInfo[]).map((e) => [
    e.code,
    classesOf(e),
    replyCodesOf(e),
    e.name,
    e.deprecated ? `${e.sample || '(no sample text)'} (deprecated${e.replacedBy ? `: use ${e.replacedBy}` : ''})` : e.sample,
  ]);
  return renderTable(['code', 'classes', 'reply codes', 'name', 'sample text'], rows, ctx, {
    paint: (_r, col, s) => (col === 0 ? ctx.style.cyan(s) : s),
    fixed: [0, 1],
  });
}

// ---------------------------------------------------------------------------
// explain

/** What each action asks of the operator (the vocabulary of `classify`). */
const ACTION_TEXT: Readonly<Record<string, string>> = {
  suppress: 'stop sending to this address',
  retry: 'send the same message again later; nothing needs to change',
  throttle: 'slow down to this destination (fewer connections, a lower rate), then retry',
  'fix-sender': 'change something in your own setup first (DNS, SPF, DKIM, DMARC, reverse DNS, reputation, credentials, TLS)',
  review: 'have a human look (content, policy, size, expiry, or a failure that cannot be placed)',
  none: 'nothing to do',
};

function referenceText(r: Reference): string {
  const name = r.kind === 'rfc' && r.rfc !== undefined ? `RFC ${r.rfc}` : r.id;
  return `${name}${r.section ? ` section ${r.section}` : ''}  ${r.url}`;
}

/** `mailstatus explain`. */
export function renderExplain(x: Explanation, json: boolean, ctx: RenderContext): string {
  if (json) return renderJson(x);
  const { style } = ctx;
  const out: string[] = [];
  const indent = ' '.repeat(13);
  const wrapWidth = Number.isFinite(ctx.width) ? Math.max(40, ctx.width - indent.length) : Infinity;
  const field = (name: string, value: string) => {
    out.push(`${style.bold(name.padEnd(11))}  ${wrap(value, wrapWidth, indent)}`);
  };

  const title = [x.code !== undefined ? String(x.code) : '', x.enhanced ?? ''].filter(Boolean).join(' ');
  out.push(`${style.bold(style.cyan(title))}  ${x.summary}`, '');
  if (x.text !== undefined && x.text !== '') field('reply text', x.text);
  const r = x.replyCode;
  if (r) {
    field('reply code', r.registered ? `${r.code} ${r.text ?? ''}` : `${r.code} ${style.yellow('(not a standard RFC 5321 reply code)')}`);
    field('', `${r.severityTitle}; ${r.categoryTitle}`);
    if (x.associatedEnhancedCodes.length > 0)
      field('', `enhanced codes registered with ${r.code}: ${x.associatedEnhancedCodes.join(', ')}`);
  }
  const e = x.enhancedCode;
  if (e) {
    if (e.registered) {
      field('enhanced', `${e.code}${e.code !== e.registryCode ? ` = ${e.registryCode}` : ''} ${e.name ?? ''}: ${e.sample ?? ''}`);
      if (e.description) field('', e.description);
      if (e.replyCodes) field('', `registry reply codes: ${e.replyCodes.given ? e.replyCodes.raw : 'not given'}`);
    } else {
      field('enhanced', `${e.code} ${style.yellow('(not registered with IANA)')}: read by its class and subject`);
    }
    if (e.classInfo) field('class', `${e.classInfo.class} ${e.classInfo.summary}: ${e.classInfo.description}`);
    if (e.subjectInfo) field('subject', `${e.subjectInfo.subject} ${e.subjectInfo.summary}: ${e.subjectInfo.description}`);
    else field('subject', `${e.subject} (no subject with this number in the registry)`);
  }
  if (x.references.length > 0) field('references', x.references.map(referenceText).join('\n'));
  if (x.notes.length > 0) field('notes', x.notes.join('\n'));
  out.push('');
  const paint = outcomeColor(style, x.outcome);
  field('outcome', `${paint(x.outcome)}${x.retryable ? ' (retryable)' : ''}`);
  field('reason', `${x.reason}${x.reasonDescription ? `: ${x.reasonDescription}` : ''}`);
  field('action', `${style.bold(x.action)}: ${ACTION_TEXT[x.action] ?? ''}`);
  if (x.conflicts.length > 0) field('conflicts', x.conflicts.map((k) => k.message).join('\n'));
  return `${out.join('\n')}\n`;
}

/** Wraps `s` at spaces to `width`, indenting continuation lines; keeps explicit line breaks. */
function wrap(s: string, width: number, indent: string): string {
  if (!Number.isFinite(width)) return s.split('\n').join(`\n${indent}`);
  const lines: string[] = [];
  for (const para of s.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line.length > 0 && visibleLength(line) + 1 + visibleLength(word) > width) {
        lines.push(line);
        line = word;
      } else line = line.length > 0 ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.join(`\n${indent}`);
}

function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}

// ---------------------------------------------------------------------------
// classify

/**
 * The NDJSON lines for a batch of records: one object per input line, with
 * `file` and `line`, the classification flattened; a field that does not
 * apply (no reply code, no enhanced code, no command, no rule) is left out,
 * as in `classify`'s result and `explain --json`.
 * Skipped lines carry `skipped` and nothing else. Written by hand rather
 * than with `JSON.stringify(recordJson(r))` (the same bytes, tested) because
 * this runs once per log line; only free-form values go through
 * `JSON.stringify`.
 */
export function renderRecords(records: readonly LineRecord[]): string {
  let s = '';
  let lastFile: string | undefined;
  let fileJson = '';
  for (const r of records) {
    if (r.file !== lastFile) {
      lastFile = r.file;
      fileJson = JSON.stringify(r.file);
    }
    if (r.skipped) {
      s += `{"file":${fileJson},"line":${r.line},"skipped":"${r.skipped}"}\n`;
      continue;
    }
    const c = r.result!;
    s +=
      `{"file":${fileJson},"line":${r.line}${r.truncated ? ',"truncated":true' : ''}` +
      `,"outcome":${quoted(c.outcome)},"reason":${quoted(c.reason)},"action":${quoted(c.action)}` +
      `,"retryable":${c.retryable}${c.code === undefined ? '' : `,"code":${c.code}`}` +
      `${c.enhanced === undefined ? '' : `,"enhanced":${quoted(c.enhanced)}`}` +
      `${c.command === undefined ? '' : `,"command":${quoted(c.command)}`},"source":${quoted(c.source)}` +
      `${c.matchedRule === undefined ? '' : `,"matchedRule":${quoted(c.matchedRule)}`}` +
      `,"conflicts":${c.conflicts.length === 0 ? '[]' : JSON.stringify(c.conflicts)}` +
      `${r.fields === undefined ? '' : `,"log":${JSON.stringify(r.fields)}`}}\n`;
  }
  return s;
}

/**
 * The JSON string of a word from a small set (an outcome, a reason, a rule
 * id, an enhanced code): each is quoted once, not once per line. At most
 * {@link QUOTED_LIMIT} are kept; the cache starts over when full.
 */
function quoted(word: string): string {
  let q = quotedWords.get(word);
  if (q === undefined) {
    q = JSON.stringify(word);
    if (quotedWords.size >= QUOTED_LIMIT) quotedWords.clear();
    quotedWords.set(word, q);
  }
  return q;
}

const QUOTED_LIMIT = 1024;
const quotedWords = new Map<string, string>();

/** The JSON shape of one record (see {@link renderRecords}). */
export function recordJson(r: LineRecord): Record<string, unknown> {
  if (r.skipped) return { file: r.file, line: r.line, skipped: r.skipped };
  const c = r.result!;
  return {
    file: r.file,
    line: r.line,
    ...(r.truncated ? { truncated: true } : {}),
    outcome: c.outcome,
    reason: c.reason,
    action: c.action,
    retryable: c.retryable,
    ...(c.code !== undefined ? { code: c.code } : {}),
    ...(c.enhanced !== undefined ? { enhanced: c.enhanced } : {}),
    ...(c.command !== undefined ? { command: c.command } : {}),
    source: c.source,
    ...(c.matchedRule !== undefined ? { matchedRule: c.matchedRule } : {}),
    conflicts: c.conflicts,
    ...(r.fields !== undefined ? { log: r.fields } : {}),
  };
}

function pct(n: number, total: number): string {
  return total === 0 ? '' : `${((100 * n) / total).toFixed(1)}%`;
}

/** The table `mailstatus classify` prints without `--json`. */
export function renderSummary(s: ClassifySummary, ctx: RenderContext): string {
  const { style } = ctx;
  const files = s.files.length === 1 ? `${s.files[0]!.file === '-' ? 'stdin' : s.files[0]!.file}` : `${s.files.length} inputs`;
  const skipped = [
    s.blank ? `${s.blank} blank` : '',
    s.noStatus ? `${s.noStatus} without a delivery status` : '',
    s.binary ? `${s.binary} binary (skipped)` : '',
    s.truncated ? `${s.truncated} over 64 KiB (classified by their head)` : '',
  ].filter(Boolean);
  const head = `${style.bold(String(s.lines))} lines from ${files}: ${s.classified} classified${skipped.length ? `, ${skipped.join(', ')}` : ''}\n`;
  if (s.classified === 0) return head;
  const outcomes = (Object.keys(s.outcomes) as (keyof typeof s.outcomes)[])
    .filter((o) => s.outcomes[o] > 0)
    .map((o) => `${outcomeColor(style, o)(o)} ${s.outcomes[o]} (${pct(s.outcomes[o], s.classified)})`)
    .join(', ');
  const rows = s.groups.map((g) => {
    const where = s.files.length > 1 ? `${g.example.file}:${g.example.line}` : `line ${g.example.line}`;
    return [String(g.count), pct(g.count, s.classified), g.outcome, g.reason, g.action, `${where}: ${g.example.text}`];
  });
  const table = renderTable(['count', '%', 'outcome', 'reason', 'action', 'example'], rows, ctx, {
    paint: (r, col, cell) => (col === 2 ? outcomeColor(style, s.groups[r]!.outcome)(cell) : col === 5 ? style.dim(cell) : cell),
    align: ['right', 'right', 'left', 'left', 'left', 'left'],
    fixed: [0, 1, 2, 3, 4],
  });
  const note = s.groups.some((g) => g.outcome === 'unknown' && g.reason === 'other')
    ? style.dim('unknown/other: no reply code and no known phrase in the line (e.g. log lines that are not delivery results)\n')
    : '';
  return `${head}${outcomes}\n\n${table}${note}`;
}

/** The progress line for stderr (a terminal only): overwritten in place with `\r`. */
export function renderProgress(bytes: number, lines: number, seconds: number, total: number | undefined): string {
  const mb = bytes / 1e6;
  const rate = seconds > 0 ? mb / seconds : 0;
  const size = total
    ? `${mb.toFixed(1)} of ${(total / 1e6).toFixed(1)} MB (${((100 * bytes) / total).toFixed(0)}%)`
    : `${mb.toFixed(1)} MB`;
  return `\r\u001b[2Kclassify: ${size}, ${lines} lines, ${rate.toFixed(1)} MB/s`;
}

/** Clears the progress line. */
export function clearProgress(): string {
  return '\r\u001b[2K';
}

// ---------------------------------------------------------------------------
// bounce

/** `mailstatus bounce`: NDJSON, one line per record; or a title line and a short table per message. */
export function renderBounce(file: string, records: readonly BounceRecord[], json: boolean, ctx: RenderContext): string {
  if (json) return records.map((r) => `${JSON.stringify(r)}\n`).join('');
  const first = records[0]!;
  const title = `${ctx.style.bold(file)}  ${first.kind}${first.reader ? ` (${first.reader})` : ''}`;
  const problems = first.problems.map((p) => `  ${ctx.style.yellow('problem:')} ${p}\n`).join('');
  if (records.length === 1 && first.recipient === null) return `${title}\n${problems}\n`;
  const rows = records.map((r) => [
    r.recipient ?? '-',
    r.dsnAction ?? '-',
    r.status ?? '-',
    r.code === undefined ? '-' : String(r.code),
    r.outcome ?? '-',
    r.reason ?? '-',
    r.action ?? '-',
  ]);
  const table = renderTable(['recipient', 'dsn', 'status', 'code', 'outcome', 'reason', 'action'], rows, ctx, {
    paint: (row, col, s) => (col === 4 ? outcomeColor(ctx.style, records[row]!.outcome ?? '')(s) : s),
    fixed: [1, 2, 3, 4],
  });
  return `${title}\n${problems}${table.replace(/^(?=.)/gm, '  ')}\n`;
}
