/**
 * The argv table: which commands and options `mailstatus` has. Kept apart
 * from the parser in `argv.ts` so that `main.ts` and the help text in
 * `output.ts` can use it without loading the parser: `--version` is
 * answered before it is read at all.
 *
 * @packageDocumentation
 */

/** The names of the commands. */
export type CommandName = 'explain' | 'list' | 'classify' | 'bounce' | 'registry';

/** One option of a command, as shown in `--help`. */
export interface OptionSpec {
  /** `"--class <digit>"` (takes a value), `"--json"` (a switch), `"-h, --help"` (with a short form). */
  readonly flags: string;
  /** One line for `--help`. */
  readonly description: string;
}

/** One command of the table. */
export interface CommandSpec {
  readonly name: CommandName;
  /** Positional arguments as shown in the usage line: `"[code-or-reply...]"`. */
  readonly args: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Extra paragraphs for `mailstatus <command> --help`. */
  readonly details: readonly string[];
  readonly options: readonly OptionSpec[];
  /** Command lines that run as written (the first is also in the README). */
  readonly examples: readonly string[];
}

/** Options every command takes. */
export const globalOptions: readonly OptionSpec[] = [
  { flags: '--json', description: 'write JSON for machines instead of text' },
  { flags: '-h, --help', description: 'show help for the command' },
  { flags: '-v, --version', description: 'show the version' },
];

/** The argv table. */
export const commandTable: readonly CommandSpec[] = [
  {
    name: 'explain',
    args: '[code-or-reply...]',
    summary: 'explain a reply code, an enhanced status code or a whole SMTP reply',
    details: [
      'Takes 550, 5.7.26, "550 5.1.1 <a@b>: User unknown", a multi-line reply, or a log line',
      'that contains a reply. With no argument (or "-") one reply is read from stdin.',
      'Shows what the code means in the IANA registry and RFC 5321, and what to do about it.',
      'Each argument is explained on its own (--json: an array, one object per argument), so',
      'quote a whole reply. A code in the text, like qmail\'s "(#5.7.1)", is used when the reply',
      'has none where RFC 2034 puts it.',
    ],
    options: [],
    examples: [
      'mailstatus explain 5.7.26',
      'mailstatus explain 550',
      'mailstatus explain "550 5.1.1 <a@b>: Recipient address rejected: User unknown"',
      'mailstatus explain 5.1.1 5.7.26 421',
      'printf "550-5.7.1 Blocked\\r\\n550 5.7.1 See https://example.com\\r\\n" | mailstatus explain --json',
    ],
  },
  {
    name: 'list',
    args: '',
    summary: 'list the registered enhanced status codes (or the reply codes)',
    details: ['Filters combine: an entry must match all of them.'],
    options: [
      { flags: '--class <digit>', description: 'only codes that can occur in this class: 2, 4 or 5' },
      { flags: '--subject <n>', description: 'only this subject (the middle number: 1 = addressing, 7 = security)' },
      { flags: '--search <text>', description: 'only entries whose code, name or text contains this (case-insensitive)' },
      { flags: '--reply-codes', description: 'list the RFC 5321 reply codes instead (--class filters the first digit)' },
    ],
    examples: [
      'mailstatus list',
      'mailstatus list --class 4 --subject 7',
      'mailstatus list --search mailbox',
      'mailstatus list --reply-codes --class 5',
      'mailstatus list --json',
    ],
  },
  {
    name: 'classify',
    args: '[file...]',
    summary: 'classify every line of mail logs or reply lists (stdin when no file)',
    details: [
      'One reply or log line per line: raw replies, Postfix status= lines, Exim log lines,',
      'DSN Diagnostic-Code lines. Prints counts by outcome and reason with an example each,',
      'or with --json one JSON object per input line (NDJSON). Lines over 64 KiB are cut to',
      '64 KiB for classification; lines with NUL bytes are skipped as binary (exit 1).',
      'Postfix, Exim and Sendmail lines are read field by field (to=, relay=, dsn=, status=,',
      "stat=, Exim's ** == => flags): the DSN status and the status word count as much as the",
      'reply, the fields are in the JSON ("log"), and lines about no delivery are skipped.',
      'Large inputs are classified on every core (--jobs), in input order: the output is the',
      'same with any number of jobs.',
    ],
    options: [
      {
        flags: '--jobs <n>',
        description: 'threads to classify with (default: every core, once the input is large enough to pay for them; 1 = this thread only)',
      },
    ],
    examples: [
      'mailstatus classify /var/log/mail.log',
      'zcat /var/log/mail.log.*.gz | mailstatus classify',
      'mailstatus classify --json bounces.txt > bounces.ndjson',
      'mailstatus classify --jobs 2 /var/log/mail.log',
    ],
  },
  {
    name: 'bounce',
    args: '[path...]',
    summary: 'read bounce emails (DSNs, prose bounces, feedback reports, auto-replies) per recipient',
    details: [
      'Paths are files, folders (every file below, e.g. a Maildir) or mbox files (split at "From " lines);',
      'with no path (or "-") one message is read from stdin. Prints a short table per message, or with',
      '--json one JSON object per recipient (NDJSON); a message naming no recipient gives one line with',
      'recipient null. dsnAction is the DSN Action field; action is what classify advises. Inputs that',
      'are not email are listed on stderr (exit 1). --jobs N reads many files on N threads, in order.',
    ],
    options: [{ flags: '--jobs <n>', description: 'threads to read with (default 1: on 2 cores the pool measured slower for bounce)' }],
    examples: [
      'mailstatus bounce bounce.eml',
      'mailstatus bounce ~/Maildir/.Bounces --json > bounces.ndjson',
      'mailstatus bounce - < bounce.eml',
    ],
  },
  {
    name: 'registry',
    args: '',
    summary: "show the registry's date, the pinned sources with their sha256, and the versions",
    details: [],
    options: [],
    examples: ['mailstatus registry', 'mailstatus registry --json'],
  },
];

/** The name standing for standard input in `ClassifyOptions.files` (`argv.ts`). */
export const STDIN = '-';
