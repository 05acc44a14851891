/**
 * Small hand-written messages for the tests (synthetic: no text from real
 * bounces). Each builder takes what varies.
 */

export interface DsnRecipientSpec {
  final: string;
  original?: string;
  action?: string;
  status?: string;
  diagnostic?: string;
  remoteMta?: string;
  extra?: string[];
}

/** A multipart/report with a text part, a delivery-status part and the returned headers. */
export function dsnMessage(opts: {
  recipients: DsnRecipientSpec[];
  eol?: string;
  reportType?: string;
  statusType?: string;
  statusEncoding?: 'base64' | 'quoted-printable';
  returnedType?: string;
  nestInMixed?: boolean;
}): string {
  const eol = opts.eol ?? '\r\n';
  const fields = ['Reporting-MTA: dns; mx.example.net', 'Arrival-Date: Mon, 5 Jan 2026 10:00:00 +0000', ''];
  for (const r of opts.recipients) {
    if (r.original) fields.push(`Original-Recipient: ${r.original}`);
    fields.push(`Final-Recipient: ${r.final}`, `Action: ${r.action ?? 'failed'}`, `Status: ${r.status ?? '5.1.1'}`);
    if (r.remoteMta) fields.push(`Remote-MTA: ${r.remoteMta}`);
    if (r.diagnostic) fields.push(`Diagnostic-Code: ${r.diagnostic}`);
    fields.push(...(r.extra ?? []), '');
  }
  let statusBody = fields.join('\n');
  let cte: string[] = [];
  if (opts.statusEncoding === 'base64') {
    statusBody = Buffer.from(statusBody).toString('base64').replace(/.{76}/g, '$&\n');
    cte = ['Content-Transfer-Encoding: base64'];
  } else if (opts.statusEncoding === 'quoted-printable') {
    statusBody = statusBody.replace(/=/g, '=3D').replace(/(.{60})(?=.)/g, '$1=\n');
    cte = ['Content-Transfer-Encoding: quoted-printable'];
  }
  const report = [
    `Content-Type: multipart/report; report-type=${opts.reportType ?? 'delivery-status'};`,
    '\tboundary="rep-1"',
    '',
    '--rep-1',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is a synthetic delivery report.',
    '--rep-1',
    `Content-Type: ${opts.statusType ?? 'message/delivery-status'}`,
    ...cte,
    '',
    statusBody,
    '--rep-1',
    `Content-Type: ${opts.returnedType ?? 'message/rfc822'}`,
    '',
    'Message-ID: <orig-1@example.org>',
    'From: Sender <sender@example.org>',
    'To: first@example.com',
    'Subject: =?UTF-8?B?SGVsbG8gd8O2cmxk?=',
    '',
    'Body of the original.',
    '--rep-1--',
  ];
  const head = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: sender@example.org',
    'Subject: Delivery Status Notification',
    'MIME-Version: 1.0',
  ];
  const lines = opts.nestInMixed
    ? [...head, 'Content-Type: multipart/mixed; boundary="outer"', '', '--outer', ...report, '--outer--', '']
    : [...head, ...report, ''];
  return lines.join('\n').replace(/\n/g, eol);
}

/** A prose bounce: headers plus a plain body. */
export function proseMessage(from: string, subject: string, body: string, extraHeaders: string[] = []): string {
  return [`From: ${from}`, 'To: sender@example.org', `Subject: ${subject}`, ...extraHeaders, '', body, ''].join('\n');
}
