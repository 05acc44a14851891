/**
 * A small hand-made registry and RFC slice in a temporary folder: the same
 * shapes as the upstream files (CRLF records, LF inside quoted fields, free
 * text in the basic-code column, page breaks inside lists), so each test can
 * break one thing and see the error it gives.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPaths, type Paths } from '../src/paths.js';
import { locate, sha256 } from '../src/sources/fetch.js';
import type { SourceRole } from '../src/sources/manifest.js';
import { recordsHash } from '../src/sources/records.js';

export const CLASSES_CSV = [
  'Code,Summary,Description,Reference,Submitter,Change Controller',
  '2.XXX.YYY,Success,"Success specifies that the DSN is reporting a\npositive delivery action.",[RFC3463] (Standards track),G. Vaudreuil,IESG',
  '4.XXX.YYY,Persistent Transient Failure,A transient failure.,[RFC3463] (Standards track),G. Vaudreuil,IESG',
  '5.XXX.YYY,Permanent Failure,A permanent failure.,[RFC3463] (Standards track),G. Vaudreuil,IESG',
  '',
].join('\r\n');

export const SUBJECTS_CSV = [
  'Code,Summary,Description,Reference,Submitter,Change Controller',
  'X.0.YYY,Other or Undefined Status,No subject information.,[RFC3463] (Standards track),G. Vaudreuil,IESG',
  'X.1.YYY,Addressing Status,"The address status reports on the originator or\ndestination address.",[RFC3463] (Standards track),G. Vaudreuil,IESG',
  'X.7.YYY,Security or Policy Status,Policy.,[RFC3463] (Standards track),G. Vaudreuil,IESG',
  '',
].join('\r\n');

export const ENTRIES_CSV = [
  'Code,Sample Text,Associated basic status code,Description,Reference,Submitter,Change Controller',
  'X.0.0,Other undefined Status,Any,"Other undefined status is the only undefined error code.\nIt should be used for all errors.",[RFC3463] (Standards Track),G. Vaudreuil,IESG',
  'X.1.1,Bad destination mailbox address,"451, 550","The mailbox does not exist.\n  This code is only\n  useful for permanent failures.",[RFC3463] (Standards Track),G. Vaudreuil,IESG',
  'X.1.2,Bad destination system address,Not given,"This code is only useful for permanent\nfailures.",[RFC3463] (Standards Track),G. Vaudreuil,IESG',
  'X.1.3,"Bad destination,\nsyntax",,Was syntactically invalid.,[RFC3463] (Standards Track),G. Vaudreuil,IESG',
  'X.1.4,Moved,,This is a duplicate of X.1.3 and is thus deprecated.,[RFC3463] (Standards track),,',
  'X.7.15,Priority Level is too low,"450, 550 (other 4XX or 5XX codes are allowed)",Too low.,[RFC6710] (Standards Track),A. Melnikov,IESG',
  'X.7.17,Mailbox owner has changed,5XX,Changed.,[RFC7293] (Standards Track),W. Mills,IESG',
  'X.7.24,SPF validation error,451/550,SPF error.,[RFC7372] (Standards Track); [RFC7208] (Standards Track),M. Kucherawy,IESG',
  'X.7.25,Reverse DNS validation failed,550,rDNS.,"[RFC7372], Section 3.3 (Standards Track)",M. Kucherawy,IESG',
  'X.7.28,Mail flood detected,.,Flood.,[draft-levine-mailbomb-header-00],J. Levine,standards@taugh.com',
  '',
].join('\r\n');

export const REGISTRY_XML = `<?xml version='1.0' encoding='UTF-8'?>
<registry xmlns="http://www.iana.org/assignments" id="smtp-enhanced-status-codes">
  <title>Simple Mail Transfer Protocol (SMTP) Enhanced Status Codes Registry</title>
  <updated>2024-12-06</updated>
  <registry id="smtp-enhanced-status-codes-1"><updated>2000-01-01</updated></registry>
</registry>
`;

const RFC_PAGE_BREAK =
  '\n\n\n\nKlensin                     Standards Track                    [Page 52]\n\f\nRFC 5321                          SMTP                      October 2008\n\n\n';

export const RFC5321_TXT = `
4.2.1.  Reply Code Severities and Theory

   There are four values for the first digit of the reply code:

   2yz  Positive Completion reply
      The requested action has been successfully completed.

   3yz  Positive Intermediate reply
      The command has been accepted.

   4yz  Transient Negative Completion reply
      The command was not accepted, but the error condition is
      temporary.

   5yz  Permanent Negative Completion reply
      The command was not accepted.${RFC_PAGE_BREAK}      The SMTP client SHOULD NOT repeat the exact request.

   The second digit encodes responses in specific categories:

   x0z  Syntax: These replies refer to syntax errors.

   x1z  Information: These are replies to requests for information.

   x2z  Connections: These are replies referring to the transmission
      channel.

   x3z  Unspecified.

   x4z  Unspecified.

   x5z  Mail system: These replies indicate the status of the receiver
      mail system.

4.2.3.  Reply Codes in Numeric Order

   220  <domain> Service ready

   250  Requested mail action okay, completed

   354  Start mail input; end with <CRLF>.<CRLF>

   451  Requested action aborted: local error in processing
${RFC_PAGE_BREAK}
   550  Requested action not taken: mailbox unavailable (e.g., mailbox
      not found, no access, or command rejected for policy reasons)

   554  Transaction failed

4.3.2.  Command-Reply Sequences

   In addition to the codes listed below, any SMTP command can return
   any of the following codes:

   451  For some reason.

   Specific sequences are:

      CONNECTION ESTABLISHMENT

         S: 220
         E: 554

      EHLO or HELO

         S: 250
         E: 550 (permitted only with an old-
         style server)

      DATA

         I: 354 -> data -> S: 250

                           E: 451, 554

         E: 554

4.4.  Trace Information
`;

export const RFC3463_TXT = `
2. Status Code Structure

      status-code = class "." subject "." detail

      class = "2"/"4"/"5"

      subject = 1*3digit

      detail = 1*3digit

   Each numeric sub-code within the status-code MUST be expressed
   without leading zero digits.

3. Enumerated Status Codes
`;

export const NAMES = {
  enhanced: {
    'X.0.0': 'OtherUndefinedStatus',
    'X.1.1': 'BadDestinationMailboxAddress',
    'X.1.2': 'BadDestinationSystemAddress',
    'X.1.3': 'BadDestinationSyntax',
    'X.1.4': 'Moved',
    'X.7.15': 'PriorityLevelTooLow',
    'X.7.17': 'MailboxOwnerHasChanged',
    'X.7.24': 'SpfValidationError',
    'X.7.25': 'ReverseDnsValidationFailed',
    'X.7.28': 'MailFloodDetected',
  } as Record<string, string>,
  reply: {
    '220': 'ServiceReady',
    '250': 'Ok',
    '354': 'StartMailInput',
    '450': 'MailboxTemporarilyUnavailable',
    '451': 'LocalErrorInProcessing',
    '550': 'MailboxUnavailable',
    '554': 'TransactionFailed',
  } as Record<string, string>,
};

export const SUPPLEMENT = { codes: [{ code: 450, text: 'Mailbox unavailable', references: ['RFC5321, Section 4.2.2'] }] as unknown[] };

export interface SliceFiles {
  classes: string | Uint8Array;
  subjects: string | Uint8Array;
  enumerated: string | Uint8Array;
  xml: string | Uint8Array;
  rfc5321: string | Uint8Array;
  rfc3463: string | Uint8Array;
  names: unknown;
  supplement: unknown;
}

export interface Slice {
  readonly root: string;
  readonly mirror: string;
  readonly paths: Paths;
}

const URLS: [keyof SliceFiles, SourceRole, string][] = [
  ['classes', 'classes', 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes-1.csv'],
  ['subjects', 'subjects', 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes-2.csv'],
  ['enumerated', 'enumerated', 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes-3.csv'],
  ['xml', 'registry-xml', 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xml'],
  ['rfc5321', 'rfc5321', 'https://www.rfc-editor.org/rfc/rfc5321.txt'],
  ['rfc3463', 'rfc3463', 'https://www.rfc-editor.org/rfc/rfc3463.txt'],
];

/**
 * Writes a repository root (registry-sources with pins that match the files)
 * and a mirror folder. `pinOverride` lets a test pin different bytes than it
 * mirrors (for hash mismatches).
 */
export function makeSlice(overrides: Partial<SliceFiles> = {}, pinOverride: Partial<SliceFiles> = {}): Slice {
  const files: SliceFiles = {
    classes: CLASSES_CSV,
    subjects: SUBJECTS_CSV,
    enumerated: ENTRIES_CSV,
    xml: REGISTRY_XML,
    rfc5321: RFC5321_TXT,
    rfc3463: RFC3463_TXT,
    names: NAMES,
    supplement: SUPPLEMENT,
    ...overrides,
  };
  const root = mkdtempSync(join(tmpdir(), 'mailstatus-slice-'));
  const mirror = join(root, 'mirror');
  writeFileSync(join(root, 'package.json'), '{}');
  mkdirSync(join(root, 'registry-sources'));
  const sources = URLS.map(([key, role, url]) => {
    const bytes = Buffer.from(files[key] as string | Uint8Array);
    const pinned = Buffer.from((pinOverride[key] ?? files[key]) as string | Uint8Array);
    const { path } = locate(url, { root, mirror }) as { path: string };
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, bytes);
    return {
      name: url.split('/').pop(),
      role,
      url,
      sha256: sha256(pinned),
      size: pinned.length,
      records: recordsHash(role, pinned) ?? '0'.repeat(64),
      retrieved: '2026-11-28',
    };
  });
  const lock = {
    registry: {
      name: 'SMTP Enhanced Status Codes',
      url: 'https://www.iana.org/assignments/smtp-enhanced-status-codes/',
      updated: '2024-12-06',
    },
    sources,
  };
  writeFileSync(join(root, 'registry-sources', 'sources.lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  writeFileSync(join(root, 'registry-sources', 'names.json'), `${JSON.stringify(files.names, null, 2)}\n`);
  writeFileSync(join(root, 'registry-sources', 'reply-codes.supplement.json'), `${JSON.stringify(files.supplement, null, 2)}\n`);
  const paths = { ...defaultPaths(root, {}), outDir: join(root, 'out', 'generated'), cacheDir: join(root, '.cache') };
  return { root, mirror, paths };
}
