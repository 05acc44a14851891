/**
 * What the readers look at: the bounce's own headers, its prose (text parts,
 * HTML reduced to text, cut where the returned message begins), its
 * delivery-status and feedback-report parts, and the returned original's
 * headers.
 *
 * @packageDocumentation
 */

import { readDsnFields, type DsnFields } from './dsn/fields.js';
import type { Entity } from './mime/entity.js';
import { Headers, parseHeaderBlock } from './mime/headers.js';
import type { Problems } from './mime/problems.js';

/** A read message, ready for the readers. */
export interface BounceView {
  /** The bounce's own header fields. */
  readonly headers: Headers;
  /** Lower-cased From of the bounce. */
  readonly from: string;
  /** Subject of the bounce, encoded words decoded. */
  readonly subject: string;
  /** The human-readable text, line ends `\n`, up to where the returned message begins. */
  readonly prose: string;
  /** The delivery-status parts, read. */
  readonly dsn: readonly DsnFields[];
  /** The feedback-report parts' fields (RFC 5965 section 3.1), names lower-cased. */
  readonly feedback: Headers | undefined;
  /** The returned original's headers, when included. */
  readonly original: Headers | undefined;
  /** `report-type` of a multipart/report anywhere in the message, lower-case. */
  readonly reportType: string | undefined;
}

/**
 * Where the returned message begins in a prose bounce (the MTAs' own
 * separator lines: qmail, Exim, Gmail, OpenSMTPD, Courier, Sendmail...).
 * Only blanks and tabs before them (`\s` would run across lines).
 */
const RETURNED = new RegExp(
  // One line-start test, then the alternatives: those after a row of dashes, and those that stand alone.
  String.raw`^[ \t]*(?:-+ ?(?:Below this line is a copy of the message|(?:The )?Original message|(?:Returned|Unsent|Undelivered) message|(?:Original )?message headers? follows?|The header of the original message is following|Start of (?:returned|original) message)` +
    String.raw`|-*[ \t]*This is a copy of the message|Below is a copy of the original message|Content-Type: message/rfc822|The original message (?:was|is) attached|Original message follows|Message headers follow)`,
  'im',
);

const REPORT_TYPES = /^message\/(?:global-)?delivery-status$/;

interface Collected {
  texts: string[];
  htmls: string[];
  dsn: DsnFields[];
  feedback: Headers | undefined;
  original: Headers | undefined;
  reportType: string | undefined;
}

/** Walks the tree; returned messages are read for their headers only, and entered when nothing else was found. */
function walk(e: Entity, c: Collected, problems: Problems, limits: number): void {
  const t = e.contentType.mediaType;
  if (e.isMultipart) {
    if (t === 'multipart/report') c.reportType ??= e.contentType.params['report-type']?.toLowerCase();
    const parts = e.parts;
    if (parts.length === 0) c.texts.push(e.text());
    for (const p of parts) walk(p, c, problems, limits);
  } else if (REPORT_TYPES.test(t)) {
    c.dsn.push(readDsnPart(e.text(), e.where, problems));
  } else if (t === 'message/feedback-report') {
    c.feedback ??= parseHeaderBlock(e.text().replace(/^\n+/, ''), limits, problems, e.where);
  } else if (t === 'text/rfc822-headers' || t === 'message/global-headers' || t === 'message/rfc822-headers') {
    c.original ??= parseHeaderBlock(e.text().replace(/^\n+/, '').split('\n\n', 1)[0]!, limits, problems, e.where);
  } else if (t === 'message/rfc822' || t === 'message/global' || t === 'message/partial') {
    const inner = e.inner;
    if (inner !== undefined) {
      if (c.original === undefined) c.original = inner.headers;
      // A forwarded bounce: the report is inside the enclosed message.
      if (c.dsn.length === 0 && c.feedback === undefined && inner.contentType.mediaType === 'multipart/report')
        walk(inner, c, problems, limits);
    }
  } else if (t === 'text/html') {
    if (e.headers.get('content-disposition')?.toLowerCase().startsWith('attachment') !== true) c.htmls.push(e.text());
  } else if (t.startsWith('text/')) {
    if (e.headers.get('content-disposition')?.toLowerCase().startsWith('attachment') !== true || t === 'text/plain') c.texts.push(e.text());
  }
}

/** A delivery-status body read, each of its faults a `malformed-dsn` problem at `where`. */
function readDsnPart(text: string, where: string, problems: Problems): DsnFields {
  const dsn = readDsnFields(text);
  for (const fault of dsn.faults) problems.add('malformed-dsn', `${where}: ${fault}`);
  return dsn;
}

/** HTML to plain lines: block elements break lines, tags go, entities decoded. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(?:br|\/p|\/div|\/tr|\/h\d|\/li|p|div|tr|li|h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n');
}

/** The readers' view of a message. */
export function viewOf(root: Entity, problems: Problems, maxHeaders: number): BounceView {
  const c: Collected = { texts: [], htmls: [], dsn: [], feedback: undefined, original: undefined, reportType: undefined };
  walk(root, c, problems, maxHeaders);
  let prose = c.texts.length > 0 ? c.texts.join('\n') : c.htmls.map(htmlToText).join('\n');
  if (c.texts.length > 0 && c.htmls.length > 0 && !/@/.test(prose)) prose += `\n${c.htmls.map(htmlToText).join('\n')}`;
  // A delivery-status block in a message whose MIME structure is broken (no boundary declared).
  if (c.dsn.length === 0) {
    const fields = /^(?:Reporting-MTA|Original-Recipient|Final-Recipient):/im.exec(prose);
    if (fields !== null && /^Final-Recipient:/im.test(prose)) c.dsn.push(readDsnPart(prose.slice(fields.index), 'the text', problems));
  }
  const cut = RETURNED.exec(prose);
  if (cut !== null && cut.index > 0) {
    // Headers of an inline returned message, when no MIME part holds them.
    if (c.original === undefined) c.original = inlineHeaders(prose.slice(cut.index + cut[0].length), problems, maxHeaders);
    prose = prose.slice(0, cut.index);
  }
  return {
    headers: root.headers,
    from: (root.headers.text('from') ?? '').toLowerCase(),
    subject: root.headers.text('subject') ?? '',
    prose,
    dsn: c.dsn,
    feedback: c.feedback,
    original: c.original,
    reportType: c.reportType,
  };
}

/** The header block after a separator line, when it looks like one. */
function inlineHeaders(rest: string, problems: Problems, maxHeaders: number): Headers | undefined {
  const start = rest.indexOf('\n') + 1;
  const body = rest.slice(start).replace(/^\s*\n/, '');
  const m = /^(?:[!-9;-~]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+/.exec(`${body.replace(/^ {1,4}(?=[A-Za-z-]+:)/gm, '')}\n`);
  if (m === null) return undefined;
  const h = parseHeaderBlock(m[0], maxHeaders, problems, 'the returned message');
  return h.fields.length >= 2 ? h : undefined;
}
