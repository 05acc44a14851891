/**
 * The one vocabulary of SMTP commands, shared by `extractReply` (the command
 * a bounce text says a reply answered), `classify` (the command given as
 * context, and the `commandReplyCodes` rules) and the generated
 * `commandReplies` table (RFC 5321 section 4.3.2).
 *
 * @packageDocumentation
 */

/**
 * The SMTP commands (and the two moments that are not commands) a reply can
 * answer:
 * - `CONNECT`: the connection opening and the server's greeting (RFC 5321
 *   section 4.3.2 "CONNECTION ESTABLISHMENT", section 3.1);
 * - the commands of RFC 5321 section 4.3.2 (`EHLO`, `HELO`, `MAIL`, `RCPT`,
 *   `DATA`, `RSET`, `VRFY`, `EXPN`, `HELP`, `NOOP`, `QUIT`);
 * - `END-OF-DATA`: the reply after the message content, `<CRLF>.<CRLF>`
 *   (RFC 5321 section 4.1.1.4; Postfix "end of DATA command", Exim "after end
 *   of data", Sendmail `>>> .`);
 * - extensions: `LHLO` (RFC 2033), `STARTTLS` (RFC 3207), `AUTH` (RFC 4954),
 *   `BDAT` (RFC 3030).
 */
export const smtpCommands = [
  'CONNECT',
  'EHLO',
  'HELO',
  'LHLO',
  'STARTTLS',
  'AUTH',
  'MAIL',
  'RCPT',
  'DATA',
  'BDAT',
  'END-OF-DATA',
  'RSET',
  'VRFY',
  'EXPN',
  'HELP',
  'NOOP',
  'QUIT',
] as const;

/** One of {@link smtpCommands}. */
export type SmtpCommand = (typeof smtpCommands)[number];

/** The commands whose name is their first word (`"RCPT TO:<a@b>"`, `"AUTH PLAIN"`), by that word in capitals. @internal */
export const BY_FIRST_WORD: ReadonlyMap<string, SmtpCommand> = /* @__PURE__ */ new Map(
  smtpCommands.filter((c) => c !== 'CONNECT' && c !== 'END-OF-DATA').map((c) => [c, c]),
);

/**
 * Folds how software names a command onto {@link SmtpCommand}: the command
 * line itself (`"RCPT TO:<a@b>"`, `"MAIL FROM"`, `"AUTH PLAIN"`), nodemailer's
 * `command` (`"CONN"`, `"RCPT TO"`, `"DATA"`, `"API"`), Postfix's `(in reply
 * to end of DATA command)` (`"end of DATA"`), Exim's `after initial
 * connection` / `after pipelined RCPT TO` / `after end of data`, Postfix's
 * milter stage `END-OF-MESSAGE` (`milter-reject: END-OF-MESSAGE from ...`),
 * Sendmail's `>>> .`, and the names of this vocabulary (`"END-OF-DATA"`).
 *
 * @example
 * ```ts
 * toSmtpCommand('RCPT TO'); // 'RCPT'
 * toSmtpCommand('end of data'); // 'END-OF-DATA'
 * toSmtpCommand('CONN'); // 'CONNECT'
 * ```
 * @returns The command, or `undefined` when the text names none.
 */
export function toSmtpCommand(v: unknown): SmtpCommand | undefined {
  if (typeof v !== 'string' || v.length === 0) return undefined;
  let s = v.trim().slice(0, 40).toUpperCase();
  if (s.startsWith('PIPELINED ')) s = s.slice(10);
  if (
    s === '.' ||
    s.startsWith('END OF DATA') ||
    s.startsWith('END-OF-DATA') ||
    s.startsWith('END-OF-MESSAGE') ||
    s.startsWith('MESSAGE') ||
    s.startsWith('<CRLF>.')
  )
    return 'END-OF-DATA';
  if (
    s.startsWith('CONN') ||
    s.startsWith('GREETING') ||
    s.startsWith('BANNER') ||
    s.startsWith('INITIAL') ||
    s === 'CONNECTION ESTABLISHMENT'
  )
    return 'CONNECT';
  let end = 0;
  while (end < s.length && s.charCodeAt(end) >= 65 && s.charCodeAt(end) <= 90) end++;
  return BY_FIRST_WORD.get(s.slice(0, end));
}

/**
 * The command whose `commandReplyCodes` rules apply: `HELO` and `LHLO` share
 * `EHLO`'s, `BDAT` and `END-OF-DATA` share `DATA`'s (RFC 3030 section 2:
 * BDAT's last chunk ends the data like `<CRLF>.<CRLF>`).
 * @internal
 */
export function ruleCommand(c: SmtpCommand): SmtpCommand {
  return c === 'HELO' || c === 'LHLO' ? 'EHLO' : c === 'BDAT' || c === 'END-OF-DATA' ? 'DATA' : c;
}
