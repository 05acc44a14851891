#!/usr/bin/env node
// Writes a synthetic mail log for benchmarks: Postfix smtp/qmgr/smtpd lines,
// Exim main-log lines (deliveries, deferrals, failures, arrivals), Sendmail
// to=/stat= and from= lines, DSN Diagnostic-Code lines and bare replies, with the
// reply texts Gmail, Microsoft, Yahoo and greylisting servers really send.
// A seeded PRNG makes two runs with the same seed byte-identical.
//
//   node bench/make-log.mjs --size 100 [--seed 1] [--out FILE]
//
// Without --out the file goes to a fresh directory under the OS temp dir
// (never into the repository); the path is printed on stdout.

import { createWriteStream } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { prng } from '../../../scripts/prng.mjs';

const USERS = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
  'peggy',
  'trent',
  'victor',
  'walter',
];
const DOMAINS = [
  ['gmail.com', 'gmail-smtp-in.l.google.com', 'gmail'],
  ['googlemail.com', 'alt1.gmail-smtp-in.l.google.com', 'gmail'],
  ['outlook.com', 'outlook-com.olc.protection.outlook.com', 'microsoft'],
  ['hotmail.com', 'hotmail-com.olc.protection.outlook.com', 'microsoft'],
  ['contoso.com', 'contoso-com.mail.protection.outlook.com', 'microsoft'],
  ['yahoo.com', 'mta7.am0.yahoodns.net', 'yahoo'],
  ['aol.com', 'mx-aol.mail.gm0.yahoodns.net', 'yahoo'],
  ['example.org', 'mx.example.org', 'generic'],
  ['example.net', 'mail.example.net', 'generic'],
  ['mail.example.de', 'mx01.example.de', 'generic'],
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Reply texts by provider: [reply line, status] where status is bounced/deferred/sent. */
const REPLIES = {
  gmail: [
    [
      "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser {id} - gsmtp",
      'bounced',
    ],
    [
      '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [{domain}] with ip: [{ip}] = did not pass For instructions on setting up authentication, go to https://support.google.com/mail/answer/81126#authentication {id} - gsmtp',
      'bounced',
    ],
    [
      '421-4.7.0 [{ip} 15] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. For more information, go to https://support.google.com/mail/?p=UnsolicitedRateLimitError {id} - gsmtp',
      'deferred',
    ],
    [
      "452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp {id} - gsmtp",
      'deferred',
    ],
    [
      '550-5.7.1 [{ip}] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. For more information, go to https://support.google.com/mail/?p=UnsolicitedMessageError {id} - gsmtp',
      'bounced',
    ],
    ['250 2.0.0 OK  1732800000 {id} - gsmtp', 'sent'],
    ['250 2.0.0 OK  1732800000 {id} - gsmtp', 'sent'],
    ['250 2.0.0 OK  1732800000 {id} - gsmtp', 'sent'],
  ],
  microsoft: [
    [
      '550 5.7.606 Access denied, banned sending IP [{ip}]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to  http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) [{host}]',
      'bounced',
    ],
    ['550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors [{host}]', 'bounced'],
    ['451 4.7.500 Server busy. Please try again later from [{ip}]. (S77719) [{host}]', 'deferred'],
    ['550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302) [{host}]', 'bounced'],
    [
      '452 4.3.1 Insufficient system resources (UsedDiskSpace[E:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\data\\Queue])',
      'deferred',
    ],
    [
      '250 2.6.0 <{msgid}> [InternalId=12345678901234, Hostname={host}] 12345 bytes in 0.123, 98.765 KB/sec Queued mail for delivery',
      'sent',
    ],
    [
      '250 2.6.0 <{msgid}> [InternalId=12345678901234, Hostname={host}] 12345 bytes in 0.123, 98.765 KB/sec Queued mail for delivery',
      'sent',
    ],
  ],
  yahoo: [
    [
      '421 4.7.0 [TSS04] Messages from {ip} temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
      'deferred',
    ],
    ['554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes', 'bounced'],
    ['552 1 Requested mail action aborted, mailbox not found', 'bounced'],
    [
      "553 5.7.1 [BL21] Connections will not be accepted from {ip}, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
      'bounced',
    ],
    ['250 ok dirdel', 'sent'],
    ['250 ok dirdel', 'sent'],
  ],
  generic: [
    ['550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table', 'bounced'],
    ['450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/{domain}.html', 'deferred'],
    ['451 4.7.1 Greylisting in action, please come back later', 'deferred'],
    ['552 5.2.2 <{rcpt}>: Mailbox full', 'bounced'],
    ['554 5.7.1 Service unavailable; Client host [{ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/{ip}', 'bounced'],
    ['554 5.7.1 <{rcpt}>: Relay access denied', 'bounced'],
    ['550 5.7.1 Message rejected as spam by Content Filtering.', 'bounced'],
    ['530 5.7.0 Must issue a STARTTLS command first', 'bounced'],
    ['552 5.3.4 Message size exceeds fixed limit', 'bounced'],
    ['554 5.6.0 Message rejected: malformed MIME content', 'bounced'],
    ['250 2.0.0 Ok: queued as {qid}', 'sent'],
    ['250 2.0.0 Ok: queued as {qid}', 'sent'],
    ['250 2.0.0 Ok: queued as {qid}', 'sent'],
  ],
};

const NETWORK = [
  'connect to {host}[{ip}]:25: Connection timed out',
  'connect to {host}[{ip}]:25: Connection refused',
  'Host or domain name not found. Name service error for name={domain} type=MX: Host not found, try again',
  'lost connection with {host}[{ip}] while receiving the initial server greeting',
];

/** Builds one line generator bound to a PRNG. */
export function lineMaker(seed = 1) {
  const rnd = prng(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const int = (n) => Math.floor(rnd() * n);
  const hex = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[int(16)];
    return s;
  };
  let t = 0;
  const stamp = () => {
    t += int(3);
    const s = t % 86400;
    const p2 = (n) => String(n).padStart(2, '0');
    return `${MONTHS[10]} 28 ${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
  };
  const ip = () => `${pick(['192.0.2', '198.51.100', '203.0.113'])}.${1 + int(254)}`;
  const fill = (text, ctx) =>
    text
      .replaceAll('{ip}', ctx.ip)
      .replaceAll('{host}', ctx.host)
      .replaceAll('{domain}', ctx.domain)
      .replaceAll('{rcpt}', ctx.rcpt)
      .replaceAll('{qid}', hex(10))
      .replaceAll('{msgid}', `${hex(8).toLowerCase()}@${ctx.domain}`)
      .replaceAll('{id}', `${hex(2).toLowerCase()}${int(10000)}si${int(1000000)}`);
  const context = () => {
    const [domain, host, provider] = pick(DOMAINS);
    return { domain, host, provider, ip: ip(), rcpt: `${pick(USERS)}${int(1000)}@${domain}`, qid: hex(10) };
  };
  const reply = (ctx) => {
    const [text, status] = pick(REPLIES[ctx.provider]);
    return [fill(text, ctx), status];
  };
  // Postfix joins a multi-line reply into one log line and keeps each line's
  // codes: "550-5.1.1 The email ... 550-5.1.1 double-checking ... 550 5.1.1 ...".
  const folded = (text) => {
    const m = /^(\d{3})-(\d\.\d+\.\d+) /.exec(text);
    if (!m) return text;
    const words = text.slice(m[0].length).split(' ');
    const parts = [];
    let cur = '';
    for (const w of words) {
      if (cur.length + w.length > 60 && cur) {
        parts.push(cur);
        cur = w;
      } else cur = cur ? `${cur} ${w}` : w;
    }
    parts.push(cur);
    return parts.map((p, i) => `${m[1]}${i === parts.length - 1 ? ' ' : '-'}${m[2]} ${p}`).join(' ');
  };

  const shapes = [
    // Postfix smtp delivery status lines, the bulk of a real MTA log.
    [
      30,
      () => {
        const c = context();
        const [text, status] = reply(c);
        const dsn = /\b([245]\.\d+\.\d+)\b/.exec(text)?.[1] ?? (status === 'sent' ? '2.0.0' : status === 'deferred' ? '4.0.0' : '5.0.0');
        const head = `${stamp()} mx1 postfix/smtp[${1000 + int(60000)}]: ${c.qid}: to=<${c.rcpt}>, relay=${c.host}[${c.ip}]:25, delay=${(rnd() * 9).toFixed(1)}, delays=0.1/0/0.${int(9)}/0.${int(9)}, dsn=${dsn}, status=${status}`;
        if (status === 'sent') return `${head} (${text})`;
        const cmd = pick(['RCPT TO', 'RCPT TO', 'end of DATA', 'MAIL FROM']);
        return `${head} (host ${c.host}[${c.ip}] said: ${folded(text)} (in reply to ${cmd} command))`;
      },
    ],
    [
      4,
      () => {
        const c = context();
        return `${stamp()} mx1 postfix/smtp[${1000 + int(60000)}]: ${c.qid}: to=<${c.rcpt}>, relay=none, delay=${int(3000)}, delays=${int(3000)}/0/30/0, dsn=4.4.1, status=deferred (${fill(pick(NETWORK), c)})`;
      },
    ],
    // Postfix noise that carries no reply.
    [
      14,
      () =>
        `${stamp()} mx1 postfix/qmgr[2201]: ${hex(10)}: from=<${pick(USERS)}@example.com>, size=${1000 + int(90000)}, nrcpt=1 (queue active)`,
    ],
    [8, () => `${stamp()} mx1 postfix/smtpd[${1000 + int(60000)}]: connect from unknown[${ip()}]`],
    [6, () => `${stamp()} mx1 postfix/cleanup[${1000 + int(60000)}]: ${hex(10)}: message-id=<${hex(12).toLowerCase()}@example.com>`],
    [4, () => `${stamp()} mx1 postfix/qmgr[2201]: ${hex(10)}: removed`],
    [
      3,
      () => {
        const c = context();
        return `${stamp()} mx1 postfix/smtpd[${1000 + int(60000)}]: NOQUEUE: reject: RCPT from unknown[${c.ip}]: 554 5.7.1 <${c.rcpt}>: Relay access denied; from=<spammer@example.biz> to=<${c.rcpt}> proto=ESMTP helo=<example.biz>`;
      },
    ],
    // Exim main log.
    [
      12,
      () => {
        const c = context();
        const [text, status] = reply(c);
        const id = `1t${hex(4)}-000${hex(3)}-${hex(2)}`;
        const when = `2024-11-28 ${stamp().slice(7)}`;
        if (status === 'sent')
          return `${when} ${id} => ${c.rcpt} R=dnslookup T=remote_smtp H=${c.host} [${c.ip}] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="${text}"`;
        const flag = status === 'bounced' ? '**' : '==';
        const defer = status === 'bounced' ? '' : ' defer (-44)';
        return `${when} ${id} ${flag} ${c.rcpt} R=dnslookup T=remote_smtp${defer} H=${c.host} [${c.ip}]: SMTP error from remote mail server after RCPT TO:<${c.rcpt}>: ${text}`;
      },
    ],
    // Exim lines that carry no delivery result: arrivals and completions.
    [
      6,
      () =>
        `2024-11-28 ${stamp().slice(7)} 1t${hex(4)}-000${hex(3)}-${hex(2)} <= ${pick(USERS)}@example.com H=client.example.com [${ip()}] P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 A=plain:${pick(USERS)} S=${1000 + int(90000)} id=${hex(12).toLowerCase()}@example.com`,
    ],
    [3, () => `2024-11-28 ${stamp().slice(7)} 1t${hex(4)}-000${hex(3)}-${hex(2)} Completed`],
    // Sendmail delivery status lines (stat= carries the result, dsn= the code).
    [
      10,
      () => {
        const c = context();
        const [text, status] = reply(c);
        const dsn = /\b([245]\.\d+\.\d+)\b/.exec(text)?.[1] ?? (status === 'sent' ? '2.0.0' : status === 'deferred' ? '4.0.0' : '5.0.0');
        const stat =
          status === 'sent'
            ? `Sent (${text})`
            : status === 'deferred'
              ? `Deferred: ${text}`
              : text.replace(/^\d{3}[ -](?:[245]\.\d+\.\d+ )?/, '');
        return `${stamp()} mx2 sm-mta[${1000 + int(60000)}]: 4AS${hex(5)}${int(10)}${hex(6)}: to=<${c.rcpt}>, ctladdr=<${pick(USERS)}@example.com> (1000/1000), delay=00:00:0${int(10)}, xdelay=00:00:0${int(10)}, mailer=esmtp, pri=${120000 + int(99999)}, relay=${c.host}. [${c.ip}], dsn=${dsn}, stat=${stat}`;
      },
    ],
    // Sendmail noise: the from= line of each message.
    [
      6,
      () =>
        `${stamp()} mx2 sm-mta[${1000 + int(60000)}]: 4AS${hex(5)}${int(10)}${hex(6)}: from=<${pick(USERS)}@example.com>, size=${1000 + int(90000)}, class=0, nrcpts=1, msgid=<${hex(12).toLowerCase()}@example.com>, proto=ESMTPSA, daemon=MTA, relay=client.example.com [${ip()}]`,
    ],
    // DSN fields pasted one per line.
    [
      8,
      () => {
        const c = context();
        const [text] = reply(c);
        return `Diagnostic-Code: smtp; ${text}`;
      },
    ],
    // Bare replies, as a list of bounces would hold them.
    [11, () => reply(context())[0]],
  ];
  const totalWeight = shapes.reduce((a, [w]) => a + w, 0);
  return () => {
    let r = rnd() * totalWeight;
    for (const [w, make] of shapes) {
      if ((r -= w) < 0) return make();
    }
    return shapes[0][1]();
  };
}

/** Writes about `megabytes` MB of log to `file`. */
export async function makeLog(file, megabytes, seed = 1) {
  const target = Math.round(megabytes * 1e6);
  const next = lineMaker(seed);
  const out = createWriteStream(file);
  let written = 0;
  let lines = 0;
  while (written < target) {
    let batch = '';
    while (batch.length < 1 << 20 && written + batch.length < target) {
      batch += `${next()}\n`;
      lines++;
    }
    written += Buffer.byteLength(batch);
    if (!out.write(batch)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { file, bytes: written, lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? dflt : process.argv[i + 1];
  };
  const size = Number(arg('size', '25'));
  const seed = Number(arg('seed', '1'));
  // Only make a temp dir when no --out is given.
  const out = arg('out', undefined) ?? join(mkdtempSync(join(tmpdir(), 'mailstatus-bench-')), `mail-${size}MB.log`);
  const r = await makeLog(out, size, seed);
  console.log(`${r.file}\t${(r.bytes / 1e6).toFixed(1)} MB\t${r.lines} lines`);
}
