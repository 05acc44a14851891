/**
 * A minimal bounce reader for the labelled-accuracy bench and test: for one
 * recipient of one bounce email, the text to classify and the DSN fields to
 * give as context. It is not a bounce parser (issue 11's @mailstatus/bounce
 * is): it reads just enough of RFC 3464 and of the common non-standard
 * bounces to hand classify what an operator would read.
 *
 * - A DSN (`message/delivery-status`, RFC 3464 section 2.3): the
 *   per-recipient group whose Final-Recipient or Original-Recipient is the
 *   recipient (else the first), its `Diagnostic-Code` (the type prefix
 *   `smtp;` dropped), `Status` and `Action`.
 * - Without a Diagnostic-Code: the first text part of the body (decoded:
 *   base64, quoted-printable, the charset), from the recipient's paragraph
 *   when the recipient is named, else from its start.
 *
 * Nothing is written; the emails stay in ../shared.
 */

/** What to classify for one recipient. */
export interface BounceText {
  readonly text: string;
  readonly status: string | undefined;
  readonly action: string | undefined;
  /** The command the bounce says the reply answered (Postfix "(in reply to X command)", Exim "after X"), when the text read says none. */
  readonly command: string | undefined;
  /** Where the text came from: the DSN's Diagnostic-Code or the body. */
  readonly from: 'diagnostic-code' | 'body';
}

/** Postfix's and Exim's words for the command a reply answered. */
const COMMAND_IN_BODY =
  /\(in reply to (.{1,20}?) command\)|SMTP error from remote (?:mail server|server) after (?:pipelined )?(end of data|initial connection|EHLO|HELO|MAIL FROM|RCPT TO|DATA)/i;

/** The most body text handed over: a bounce's own explanation comes first. */
const MAX_BODY = 2000;

/** Reads one recipient's text and DSN fields from a bounce email (raw bytes). */
export function bounceText(raw: Buffer, recipient: string | null): BounceText {
  const mail = raw.toString('latin1').replace(/\r\n?/g, '\n');
  const parts = leafParts(mail);
  const textPart =
    parts.find((p) => /^text\/plain/i.test(p.type) || p.type === '') ?? parts.find((p) => /^text\//i.test(p.type) && p.body.length > 0);
  const body = textPart !== undefined ? decodePart(textPart) : '';
  const dsn = parts.find((p) => /^message\/(global-)?delivery-status/i.test(p.type));
  // Some MTAs write the DSN fields into the text part itself.
  const group = recipientGroup(dsn !== undefined ? decodePart(dsn) : body, recipient);
  const status = group?.get('status')?.split(/\s/)[0];
  const action = group?.get('action');
  const diagnostic = group?.get('diagnostic-code')?.replace(/^[a-z0-9-]+\s*;\s*/i, '');
  // classify reads the command from the diagnostic text itself when it names one.
  const command = COMMAND_IN_BODY.test(diagnostic ?? '')
    ? undefined
    : COMMAND_IN_BODY.exec(body)
        ?.slice(1)
        .find((x) => x !== undefined);
  if (diagnostic !== undefined && diagnostic.trim().length > 0)
    return { text: diagnostic, status, action, command, from: 'diagnostic-code' };
  // A Status comment says what happened when nothing else does: "4.0.0 (example.net: host name lookup failure)".
  const comment = /\((.+)\)/.exec(group?.get('status') ?? '')?.[1];
  const own = recipientParagraphs(body, recipient);
  return { text: comment !== undefined ? `${own}\n${comment}` : own, status, action, command, from: 'body' };
}

interface Part {
  readonly type: string;
  readonly encoding: string;
  readonly charset: string;
  readonly body: string;
}

/**
 * Header fields of a header block (unfolded, names lower-cased; the first of
 * each name). A line that does not start a field continues the one before:
 * some MTAs fold a multi-line Diagnostic-Code without indenting it.
 */
function headerFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const m = /^([A-Za-z][A-Za-z0-9-]*)\s*:/.exec(line);
    if (m === null) {
      if (last !== undefined && line.trim() !== '' && fields.get(last) !== undefined)
        fields.set(last, `${fields.get(last)!} ${line.trim()}`);
      continue;
    }
    const name = m[1]!.toLowerCase();
    last = fields.has(name) ? undefined : name;
    if (last !== undefined) fields.set(name, line.slice(m[0].length).trim());
  }
  return fields;
}

/** The non-multipart parts of a message, depth first (a message/rfc822 part is a leaf: the returned original). */
function leafParts(entity: string): Part[] {
  const split = entity.indexOf('\n\n');
  const head = headerFields(split >= 0 ? entity.slice(0, split) : entity);
  const body = split >= 0 ? entity.slice(split + 2) : '';
  const contentType = head.get('content-type') ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  // Some bounces put the boundary parameter on an unindented line of its own.
  const boundary =
    /boundary\s*=\s*"?([^";\n]+)"?/i.exec(contentType)?.[1] ??
    /^boundary\s*=\s*"?([^";\n]+)"?/im.exec(split >= 0 ? entity.slice(0, split) : '')?.[1];
  if (type.startsWith('multipart/') && boundary !== undefined) {
    const out: Part[] = [];
    const pieces = body.split(`--${boundary}`);
    // The preamble (before the first boundary) and the epilogue (after the closing one) are not parts.
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      out.push(...leafParts(piece.replace(/^[ \t]*\n/, '')));
    }
    if (out.length > 0) return out;
    // A multipart without its boundary lines (a broken bounce): read the body as text.
    return [{ type: 'text/plain', encoding: '', charset: 'utf-8', body }];
  }
  // A bounce forwarded as an attachment: its parts come after the outer ones
  // (for an ordinary bounce this is the returned original, read last).
  if (type === 'message/rfc822') return [{ type: 'text/x-rfc822-body', encoding: '', charset: 'utf-8', body: '' }, ...leafParts(body)];
  const charset = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] ?? 'utf-8';
  return [{ type, encoding: (head.get('content-transfer-encoding') ?? '').toLowerCase(), charset, body }];
}

/** The part's text: transfer encoding undone, then the charset decoded (latin1 bytes in, Unicode out). */
function decodePart(p: Part): string {
  let bytes: Buffer;
  if (p.encoding === 'base64') bytes = Buffer.from(p.body.replace(/\s+/g, ''), 'base64');
  else if (p.encoding === 'quoted-printable') {
    const soft = p.body.replace(/=\n/g, '');
    bytes = Buffer.from(
      soft.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  } else bytes = Buffer.from(p.body, 'latin1');
  try {
    return new TextDecoder(p.charset.toLowerCase(), { fatal: false }).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** The per-recipient group (RFC 3464 section 2.3) of the recipient, else the first one. */
function recipientGroup(dsn: string, recipient: string | null): Map<string, string> | undefined {
  const groups = dsn
    .split(/\n[ \t]*\n/)
    .map(headerFields)
    .filter((g) => g.has('final-recipient') || g.has('original-recipient'));
  if (recipient !== null) {
    const r = recipient.toLowerCase();
    const mine = groups.find(
      (g) => (g.get('final-recipient') ?? '').toLowerCase().includes(r) || (g.get('original-recipient') ?? '').toLowerCase().includes(r),
    );
    if (mine !== undefined) return mine;
  }
  return groups[0];
}

/** Where the returned original starts in a bounce's own text (qmail, Exim, Sendmail, DragonFly, Exchange wordings). */
const ORIGINAL_FOLLOWS =
  /^.*(original message follows|message headers follow|this is a copy of the message|the header of the original message|original message header|--- below this line is a copy|included is a copy of the message|----- original message -----|^received: from ).*$/im;

/** The first mention of the recipient that is not in a `Name: value` summary line (`RCPT TO: ...`, `To: ...`); -1 when none. */
function recipientLine(body: string, recipient: string): number {
  const lower = body.toLowerCase();
  for (let at = lower.indexOf(recipient); at >= 0; at = lower.indexOf(recipient, at + 1)) {
    const line = lower.slice(lower.lastIndexOf('\n', at) + 1, at);
    if (!/^\s*[a-z][a-z -]{0,20}:\s*<?$/.test(line)) return at;
  }
  return -1;
}

/**
 * The recipient's own lines when the body names the recipient (qmail,
 * Exim and Postfix write the reason beside or under the address): from the
 * address's line up to the next paragraph that names another address; else
 * the start of the body. The returned original is cut off first.
 */
function recipientParagraphs(text: string, recipient: string | null): string {
  const cut = ORIGINAL_FOLLOWS.exec(text);
  const body = cut !== null ? text.slice(0, cut.index) : text;
  const at = recipient !== null ? recipientLine(body, recipient.toLowerCase()) : -1;
  if (at < 0) return body.slice(0, MAX_BODY);
  const lines = body.slice(body.lastIndexOf('\n', at) + 1).split('\n');
  const out: string[] = [];
  let said = false;
  let blank = false;
  for (const line of lines) {
    if (line.trim() === '') {
      blank = true;
      continue;
    }
    // A new paragraph that names another address is the next recipient's.
    if (said && blank && line.includes('@') && !line.toLowerCase().includes(recipient!.toLowerCase())) break;
    out.push(line);
    blank = false;
    if (out.length > 1 || line.replace(/<?[^\s<>]*@[^\s<>]*>?:?/g, '').trim().length > 8) said = true;
    if (out.join('\n').length > MAX_BODY) break;
  }
  const own = out.join('\n');
  // Only the address, with the reason elsewhere (above it): the start of the body.
  return own.replace(/<?[^\s<>]*@[^\s<>]*>?:?/g, '').trim().length > 8 ? own : body.slice(0, MAX_BODY);
}
