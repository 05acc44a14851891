/**
 * The three parts of RFC 5321 the tables come from: section 4.2.1 (what the
 * first and second digits mean), 4.2.3 (reply codes in numeric order) and
 * 4.3.2 (command-reply sequences).
 */
import type { ProblemList } from '../problems.js';
import { indentOf, readSections, type RfcLine, type RfcSection } from './rfc.js';

export interface RfcReplyCode {
  readonly code: number;
  readonly text: string;
  readonly line: number;
}
export interface RfcDigit {
  readonly digit: number;
  readonly title: string;
  readonly description: string;
  readonly line: number;
}
export interface RfcCommand {
  readonly command: string;
  readonly line: number;
  readonly intermediate: number[];
  readonly success: number[];
  readonly error: number[];
  afterData?: { success: number[]; error: number[] };
}
export interface Rfc5321 {
  readonly replyCodes: RfcReplyCode[];
  readonly severities: RfcDigit[];
  readonly categories: RfcDigit[];
  readonly commands: RfcCommand[];
  /** Codes any command may return (the list before "Specific sequences are:"). */
  readonly anyCommand: RfcReplyCode[];
}

const fold = (parts: readonly string[]) => parts.join(' ').replace(/\s+/g, ' ').trim();

/**
 * Items of a hanging list: a line matching `head` starts an item, deeper
 * indented lines continue it; blank lines are ignored.
 */
function hangingItems(lines: readonly RfcLine[], head: RegExp): { m: RegExpExecArray; line: number; rest: string[] }[] {
  const items: { m: RegExpExecArray; line: number; rest: string[]; indent: number }[] = [];
  for (const l of lines) {
    if (l.text.trim() === '') continue;
    const m = head.exec(l.text);
    const last = items[items.length - 1];
    if (m) items.push({ m, line: l.line, rest: [], indent: indentOf(l.text) });
    else if (last && indentOf(l.text) > last.indent) last.rest.push(l.text);
    else if (last) break; // text back at the list's margin ends the list
  }
  return items;
}

function section(
  sections: readonly RfcSection[],
  number: string,
  title: string,
  file: string,
  problems: ProblemList,
): RfcSection | undefined {
  const s = sections.find((x) => x.number === number);
  if (!s) problems.add(file, 0, `no section ${number} "${title}": is this RFC 5321? (the generator reads sections 4.2.1, 4.2.3 and 4.3.2)`);
  else if (s.title !== title) problems.add(file, s.line, `section ${number} is "${s.title}", expected "${title}"`);
  return s;
}

export function readRfc5321(text: string, file: string, problems: ProblemList): Rfc5321 {
  const sections = readSections(text);
  const s421 = section(sections, '4.2.1', 'Reply Code Severities and Theory', file, problems);
  const s423 = section(sections, '4.2.3', 'Reply Codes in Numeric Order', file, problems);
  const s432 = section(sections, '4.3.2', 'Command-Reply Sequences', file, problems);
  const out: Rfc5321 = { replyCodes: [], severities: [], categories: [], commands: [], anyCommand: [] };

  if (s423) {
    for (const it of hangingItems(s423.lines, /^ {3}(\d{3}) {2}(\S.*)$/)) {
      out.replyCodes.push({ code: Number(it.m[1]), text: fold([it.m[2]!, ...it.rest]), line: it.line });
    }
    let prev = 0;
    for (const r of out.replyCodes) {
      if (r.code <= prev) problems.add(file, r.line, `reply code ${r.code} is out of numeric order (after ${prev})`);
      if (r.code < 200 || r.code > 599 || Math.floor(r.code / 10) % 10 > 5)
        problems.add(file, r.line, `${r.code} is not a valid SMTP reply code`);
      prev = r.code;
    }
    if (out.replyCodes.length === 0) problems.add(file, s423.line, 'section 4.2.3 lists no reply codes');
  }

  if (s421) {
    for (const it of hangingItems(s421.lines, /^ {3}([2-5])yz {2}(\S.*)$/)) {
      out.severities.push({ digit: Number(it.m[1]), title: it.m[2]!.trim(), description: fold(it.rest), line: it.line });
    }
    for (const it of hangingItems(s421.lines, /^ {3}x([0-9])z {2}(\S.*)$/)) {
      // "x0z  Syntax: These replies refer to ..." -> title "Syntax"; "x3z  Unspecified." -> title only.
      const full = fold([it.m[2]!, ...it.rest]);
      const cut = /[:.](\s|$)/.exec(full);
      const title = cut ? full.slice(0, cut.index) : full;
      const description = cut ? full.slice(cut.index + 1).trim() : '';
      out.categories.push({ digit: Number(it.m[1]), title: title.trim(), description, line: it.line });
    }
    if (out.severities.map((d) => d.digit).join() !== '2,3,4,5')
      problems.add(file, s421.line, 'section 4.2.1 should explain the first digits 2yz, 3yz, 4yz and 5yz');
    if (out.categories.map((d) => d.digit).join() !== '0,1,2,3,4,5')
      problems.add(file, s421.line, 'section 4.2.1 should explain the second digits x0z to x5z');
  }

  if (s432) readCommands(s432, file, problems, out);
  return out;
}

/** Section 4.3.2: the codes any command may return, then "Specific sequences are:" per command. */
function readCommands(s: RfcSection, file: string, problems: ProblemList, out: Rfc5321): void {
  const startAt = s.lines.findIndex((l) => l.text.trim() === 'Specific sequences are:');
  if (startAt < 0) {
    problems.add(file, s.line, 'section 4.3.2 has no "Specific sequences are:" list');
    return;
  }
  for (const it of hangingItems(s.lines.slice(0, startAt), /^ {3}(\d{3}) {2}(\S.*)$/)) {
    out.anyCommand.push({ code: Number(it.m[1]), text: fold([it.m[2]!, ...it.rest]), line: it.line });
  }
  // Join each "I:/S:/E:" entry with its continuation lines before reading codes,
  // so parenthesised remarks that wrap ("old-\n style") are dropped whole.
  let cmd: RfcCommand | undefined;
  let entry: { kind: string; indent: number; text: string; line: number } | undefined;
  const flush = () => {
    if (!cmd || !entry) return;
    const codes = codesIn(entry.text);
    const dataLevel = cmd.command === 'DATA' && entry.indent > 9;
    if (entry.kind === 'I') {
      // "I: 354 -> data -> S: 250": the success after the message content.
      const [inter, ...after] = entry.text.split('->');
      cmd.intermediate.push(...codesIn(inter!));
      const success = codesIn(after.join(' ').replace(/^.*?S:/, ''));
      cmd.afterData = { success, error: [] };
    } else if (dataLevel && cmd.afterData) {
      cmd.afterData[entry.kind === 'S' ? 'success' : 'error'].push(...codes);
    } else {
      (entry.kind === 'S' ? cmd.success : cmd.error).push(...codes);
    }
    if (codes.length === 0 && entry.kind !== 'I') problems.add(file, entry.line, `no reply code in "${entry.kind}: ${entry.text}"`);
    entry = undefined;
  };
  for (const l of s.lines.slice(startAt + 1)) {
    const t = l.text;
    if (t.trim() === '') continue;
    const indent = indentOf(t);
    const e = /^ +([ISE]): (.*)$/.exec(t);
    if (indent === 6 && /^[A-Z][A-Z ]*(?: or [A-Z]+)?$/.test(t.trim())) {
      flush();
      cmd = { command: t.trim(), line: l.line, intermediate: [], success: [], error: [] };
      out.commands.push(cmd);
    } else if (e && cmd) {
      flush();
      entry = { kind: e[1]!, indent, text: e[2]!, line: l.line };
    } else if (entry && indent > 6) {
      entry.text = `${entry.text} ${t.trim()}`;
    } else if (indent <= 3) {
      break;
    }
  }
  flush();
  if (out.commands.length === 0) problems.add(file, s.line, 'section 4.3.2 lists no commands');
}

/** Three-digit reply codes in a list, ignoring parenthesised remarks. */
function codesIn(text: string): number[] {
  let depth = 0;
  let plain = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) plain += ch;
  }
  return [...plain.matchAll(/\b([2-5]\d\d)\b/g)].map((m) => Number(m[1]));
}
