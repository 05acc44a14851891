/**
 * classify() over real replies from the big providers and the common MTAs,
 * over every input shape it accepts, and its conflicts and invariants.
 */
import { describe, expect, it } from 'vitest';
import { classify, type Classification } from '../src/classify/classify.js';
import { parseReply } from '../src/parse.js';
import type { Action, Outcome, Reason } from '../src/classify/vocabulary.js';

type Row = readonly [reply: string, reason: Reason, outcome?: Outcome, action?: Action];

/** Replies as the providers and MTAs send them (addresses and IPs replaced by documentation values). */
const REAL_WORLD: Record<string, readonly Row[]> = {
  gmail: [
    [
      "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n550-5.1.1 double-checking the recipient's email address for typos or\r\n550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp",
      'unknown-recipient',
      'permanent',
      'suppress',
    ],
    [
      '552-5.2.2 The email account that you tried to reach is over quota. Please direct\r\n552 5.2.2 the recipient to https://support.google.com/mail/?p=OverQuotaTemp a1si123 - gsmtp',
      'mailbox-full',
      'permanent',
      'review',
    ],
    ['452-4.2.2 The email account that you tried to reach is over quota. a1si123 - gsmtp', 'mailbox-full', 'transient', 'retry'],
    [
      '550-5.2.1 The email account that you tried to reach is disabled. https://support.google.com/mail/?p=DisabledUser - gsmtp',
      'mailbox-disabled',
      'permanent',
      'suppress',
    ],
    [
      '450-4.2.1 The user you are trying to contact is receiving mail at a rate that\r\n450 4.2.1 prevents additional messages from being delivered. https://support.google.com/mail/?p=ReceivingRate - gsmtp',
      'rate-limited',
      'transient',
      'throttle',
    ],
    [
      '421-4.7.0 [192.0.2.1 15] Our system has detected an unusual rate of unsolicited\r\n421 4.7.0 mail originating from your IP address. - gsmtp',
      'rate-limited',
      'transient',
      'throttle',
    ],
    [
      '421-4.7.28 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail originating from your DKIM domain [example.com 123]. - gsmtp',
      'rate-limited',
      'transient',
      'throttle',
    ],
    [
      '550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. - gsmtp',
      'spam-content',
      'permanent',
      'review',
    ],
    [
      '550-5.7.1 [192.0.2.1] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. - gsmtp',
      'blocked',
      'permanent',
      'fix-sender',
    ],
    [
      '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. - gsmtp',
      'sender-authentication',
      'permanent',
      'fix-sender',
    ],
    [
      "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy. - gsmtp",
      'sender-authentication',
      'permanent',
      'fix-sender',
    ],
    [
      '550-5.7.25 [192.0.2.1] The IP address sending this message does not have a PTR record setup. - gsmtp',
      'sender-authentication',
      'permanent',
      'fix-sender',
    ],
    [
      '552-5.7.0 This message was blocked because its content presents a potential\r\n552 5.7.0 security issue. https://support.google.com/mail/?p=BlockedMessage - gsmtp',
      'virus',
      'permanent',
      'review',
    ],
    [
      '550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers. - gsmtp',
      'content-error',
      'permanent',
      'fix-sender',
    ],
    ['421-4.3.0 Temporary System Problem.  Try again later (10). - gsmtp', 'server-error', 'transient', 'retry'],
    ['550 5.4.5 Daily user sending quota exceeded. - gsmtp', 'rate-limited', 'permanent', 'throttle'],
    ['535-5.7.8 Username and Password not accepted. - gsmtp', 'client-authentication', 'permanent', 'fix-sender'],
    ['530-5.7.0 Authentication Required. - gsmtp', 'client-authentication', 'permanent', 'fix-sender'],
    ['454-4.7.0 Too many login attempts, please try again later. - gsmtp', 'rate-limited', 'transient', 'throttle'],
    ['421-4.7.0 TLS required for RCPT domain, closing connection. - gsmtp', 'tls-required', 'transient', 'fix-sender'],
  ],
  microsoft: [
    [
      "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
      'blocked',
      'permanent',
      'fix-sender',
    ],
    [
      '550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/',
      'blocked',
      'permanent',
      'fix-sender',
    ],
    ['550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.', 'blocked', 'permanent', 'fix-sender'],
    ['451 4.7.500 Server busy. Please try again later from [192.0.2.1]. (S77714)', 'rate-limited', 'transient', 'throttle'],
    [
      '451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.',
      'rate-limited',
      'transient',
      'throttle',
    ],
    ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 'unknown-recipient', 'permanent', 'suppress'],
    ['550 5.4.1 Recipient address rejected: Access denied. AS(201806281)', 'unknown-recipient', 'permanent', 'suppress'],
    ['550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302).', 'unknown-recipient', 'permanent', 'suppress'],
    ['550 5.1.351 Remote server returned unknown recipient or mailbox unavailable', 'unknown-recipient', 'permanent', 'suppress'],
    ['554 5.2.252 SendAsDenied; sender@example.com not allowed to send as from@example.org', 'sender-address', 'permanent', 'fix-sender'],
    [
      '550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification and has a DMARC policy of reject.',
      'sender-authentication',
      'permanent',
      'fix-sender',
    ],
    ['550 5.7.64 TenantAttribution; Relay Access Denied', 'relay-denied', 'permanent', 'fix-sender'],
    ['550 5.7.57 Client not authenticated to send mail.', 'client-authentication', 'permanent', 'fix-sender'],
    ['550 5.1.8 Access denied, bad outbound sender.', 'blocked', 'permanent', 'fix-sender'],
    ['550 5.2.2 Submission quota exceeded.', 'rate-limited', 'permanent', 'throttle'],
    [
      '421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel',
      'rate-limited',
      'transient',
      'throttle',
    ],
    [
      '554 5.6.211 Invalid MIME Content: Single text value size (32004) exceeded allowed maximum (32000)',
      'content-error',
      'permanent',
      'fix-sender',
    ],
    ['550 5.4.300 Message expired', 'expired', 'permanent', 'review'],
    ['451 4.4.316 Connection refused', 'network', 'transient', 'retry'],
    ['#550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient ##', 'message-too-large', 'permanent', 'review'],
  ],
  yahoo: [
    [
      '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
      'rate-limited',
      'transient',
      'throttle',
    ],
    [
      '421 4.7.0 [TS01] Messages from 192.0.2.1 temporarily deferred due to user complaints - 4.16.55.1',
      'blocked',
      'transient',
      'fix-sender',
    ],
    [
      '553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed.',
      'blocked',
      'permanent',
      'fix-sender',
    ],
    [
      '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes',
      'policy',
      'permanent',
      'review',
    ],
    [
      "554 delivery error: dd This user doesn't have a yahoo.com account (nobody@yahoo.com) [0] - mta1234.mail.gq1.yahoo.com",
      'unknown-recipient',
      'permanent',
      'suppress',
    ],
    ['552 1 Requested mail action aborted, mailbox not found', 'unknown-recipient', 'permanent', 'suppress'],
    ['554 30 Sorry, your message size exceeds 41943040 bytes.', 'message-too-large', 'permanent', 'review'],
    [
      "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list",
      'blocked',
      'permanent',
      'fix-sender',
    ],
  ],
  icloud: [
    ['550 5.7.0 Blocked - see https://support.apple.com/en-us/HT204137', 'blocked', 'permanent', 'fix-sender'],
    [
      '554 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137',
      'policy',
      'permanent',
      'review',
    ],
    ['550 5.1.1 <nobody@icloud.com>: user does not exist', 'unknown-recipient', 'permanent', 'suppress'],
    ['552 5.2.2 <full@icloud.com>: user is over quota', 'mailbox-full', 'permanent', 'review'],
  ],
  postfix: [
    [
      '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table',
      'unknown-recipient',
      'permanent',
      'suppress',
    ],
    ['554 5.7.1 <bob@example.com>: Relay access denied', 'relay-denied', 'permanent', 'fix-sender'],
    ['450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]', 'sender-authentication', 'transient', 'fix-sender'],
    [
      '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1',
      'blocked',
      'permanent',
      'fix-sender',
    ],
    [
      '450 4.2.0 <bob@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html',
      'greylisted',
      'transient',
      'retry',
    ],
    ['452 4.3.1 Insufficient system storage', 'server-error', 'transient', 'retry'],
    ['552 5.3.4 Message size exceeds fixed limit', 'message-too-large', 'permanent', 'review'],
    ['550 5.7.1 <alice@example.org>: Sender address rejected: Access denied', 'sender-address', 'permanent', 'fix-sender'],
    ['450 4.1.8 <alice@example.org>: Sender address rejected: Domain not found', 'sender-address', 'transient', 'fix-sender'],
    ['450 4.1.2 <bob@example.com>: Recipient address rejected: Domain not found', 'bad-domain', 'transient', 'retry'],
    ['421 4.7.0 mx.example.com Error: too many connections from 192.0.2.1', 'rate-limited', 'transient', 'throttle'],
    ['451 4.3.0 <bob@example.com>: Temporary lookup failure', 'network', 'transient', 'retry'],
    ['552 5.2.2 <bob@example.com> Quota exceeded (mailbox for user is full)', 'mailbox-full', 'permanent', 'review'],
    ['554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature', 'virus', 'permanent', 'review'],
    ['503 5.5.1 Error: need RCPT command', 'protocol-error', 'permanent', 'fix-sender'],
  ],
  exim: [
    ['550 Unrouteable address', 'bad-domain', 'permanent', 'suppress'],
    [
      '550-Verification failed for <alice@example.org>\r\n550-Unrouteable address\r\n550 Sender verify failed',
      'sender-address',
      'permanent',
      'fix-sender',
    ],
    ['550 Administrative prohibition', 'policy', 'permanent', 'review'],
    ['550 rejected because 192.0.2.1 is in a black list at zen.spamhaus.org', 'blocked', 'permanent', 'fix-sender'],
    ['421 Too many concurrent SMTP connections; please try again later.', 'rate-limited', 'transient', 'throttle'],
    ['451 Temporary local problem - please try later', 'server-error', 'transient', 'retry'],
    ['550 No Such User Here', 'unknown-recipient', 'permanent', 'suppress'],
  ],
  qmail: [
    ['Sorry, no mailbox here by that name. (#5.1.1)', 'unknown-recipient'],
    ["Sorry, I couldn't find any host named example.invalid. (#5.1.2)", 'bad-domain'],
    ["Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", 'network'],
    ['The users mailfolder is over the allowed quota (size). (#5.2.2)', 'mailbox-full'],
    ["553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", 'relay-denied', 'permanent', 'fix-sender'],
  ],
  greylisting: [
    ['451 4.7.1 Greylisting in action, please come back later', 'greylisted', 'transient', 'retry'],
    ['451 Greylisted, please try again in 180 seconds', 'greylisted', 'transient', 'retry'],
    // "Try again later" alone is not greylisting (issue 10): it says the outcome, not the cause.
    ['450 4.7.1 Please try again later', 'policy', 'transient', 'retry'],
    ['421 4.7.0 Temporarily deferred, try again later', 'policy', 'transient', 'retry'],
  ],
  blocklists: [
    ['554 5.7.1 Rejected: 192.0.2.1 listed at bl.spamcop.net', 'blocked', 'permanent', 'fix-sender'],
    ['550 5.7.1 Your IP 192.0.2.1 is blacklisted by Barracuda', 'blocked', 'permanent', 'fix-sender'],
    [
      "554 Your access to this mail system from 192.0.2.1 has been rejected due to the sending MTA's poor reputation.",
      'blocked',
      'permanent',
      'fix-sender',
    ],
    ['554 5.7.1 You are listed in UCEPROTECT-Level2', 'blocked', 'permanent', 'fix-sender'],
    ['550 5.7.1 Rejected by SORBS', 'blocked', 'permanent', 'fix-sender'],
    ['550 5.7.1 Message rejected: sender IP found in RBL', 'blocked', 'permanent', 'fix-sender'],
    ['554 5.7.1 Blacklisted URL in message. (example.com) in [black]. See http://lookup.uribl.com.', 'spam-content', 'permanent', 'review'],
  ],
  registry: [
    ['421 4.4.2 Connection timed out', 'network', 'transient', 'retry'],
    ['554 5.4.6 Too many hops', 'mail-loop', 'permanent', 'review'],
    ['530 5.7.0 Must issue a STARTTLS command first', 'tls-required', 'permanent', 'fix-sender'],
    ['550 5.7.30 REQUIRETLS support required', 'tls-required', 'permanent', 'fix-sender'],
    ['554 5.6.0 Message contains invalid header', 'content-error', 'permanent', 'fix-sender'],
    ['500 5.5.2 Error: bad syntax', 'protocol-error', 'permanent', 'fix-sender'],
    ['556 5.1.10 Recipient address has null MX', 'bad-domain', 'permanent', 'suppress'],
    ['550 5.7.27 Sender address has null MX', 'sender-address', 'permanent', 'fix-sender'],
    ['452 4.5.3 Too many recipients', 'too-many-recipients', 'transient', 'retry'],
    ['451 4.4.7 Delivery time expired', 'expired', 'transient', 'review'],
    ['250 2.0.0 Ok: queued as 4Z9abc', 'success', 'success', 'none'],
    ['221 2.0.0 Bye', 'success', 'success', 'none'],
    ['354 End data with <CR><LF>.<CR><LF>', 'other', 'intermediate', 'none'],
  ],
};

describe('classify: real-world replies', () => {
  for (const [who, rows] of Object.entries(REAL_WORLD)) {
    describe(who, () => {
      it.each(rows.map((r) => [r[0].replace(/\r\n/g, ' | ').slice(0, 90), r] as const))('%s', (_name, [reply, reason, outcome, action]) => {
        const c = classify(reply);
        expect(c.reason, `${reply}\n-> ${JSON.stringify(c)}`).toBe(reason);
        if (outcome) expect(c.outcome).toBe(outcome);
        if (action) expect(c.action).toBe(action);
        if (c.outcome === 'permanent') expect(c.retryable).toBe(false);
      });
    });
  }
});

describe('classify: what decided', () => {
  it('names the registry entry for a specific enhanced code', () => {
    expect(classify('550 5.1.1 User unknown')).toMatchObject({ source: 'enhanced', matchedRule: 'X.1.1', code: 550, enhanced: '5.1.1' });
  });
  it('names the pattern when a generic code lets the text decide', () => {
    expect(classify('451 4.7.1 Greylisted')).toMatchObject({ source: 'text', matchedRule: 'greylisting' });
  });
  it('lets a strong pattern beat a specific code (Gmail 4.2.1 rate limit)', () => {
    expect(classify('450 4.2.1 receiving mail at a rate that prevents additional messages')).toMatchObject({
      source: 'text',
      matchedRule: 'gmail-receiving-rate',
    });
  });
  it('never suppresses a blocklist refusal sent with a specific code (blocklist names are strong)', () => {
    expect(classify('550 5.1.1 Rejected: 192.0.2.1 listed at zen.spamhaus.org')).toMatchObject({
      reason: 'blocked',
      action: 'fix-sender',
      matchedRule: 'blocklist-names',
    });
  });
  it('keeps the registry reason when a specific code meets an ordinary pattern', () => {
    // "spam" is an ordinary pattern; 5.2.2 is specific, so the mailbox is full.
    expect(classify('552 5.2.2 Mailbox full, your spam folder too')).toMatchObject({ reason: 'mailbox-full', matchedRule: 'X.2.2' });
  });
  it('names overrides, including ranges and text conditions', () => {
    expect(classify('550 5.7.649 Access denied')).toMatchObject({ source: 'enhanced', matchedRule: 'ms-5.7.606-banned-ip' });
    expect(classify('550 5.1.10 RESOLVER.ADR.RecipientNotFound')).toMatchObject({ matchedRule: 'ms-5.1.10-recipient-not-found' });
    expect(classify('556 5.1.10 Recipient address has null MX')).toMatchObject({ matchedRule: 'X.1.10', reason: 'bad-domain' });
    // Outside the range: the subject's meaning (RFC 3463 section 2) or the text decides.
    expect(classify('550 5.7.650 Access denied')).toMatchObject({ reason: 'policy' });
  });
  it('falls back to the subject for an unknown detail (RFC 3463 section 2)', () => {
    expect(classify('550 5.1.99 nope')).toMatchObject({ reason: 'unknown-recipient', matchedRule: 'X.1.0' });
    expect(classify('452 4.3.99 nope')).toMatchObject({ reason: 'server-error', matchedRule: 'X.3.0' });
  });
  it('uses the reply code, per command first, when nothing else decides', () => {
    expect(classify({ code: 550, text: 'nope', command: 'RCPT TO' })).toMatchObject({
      reason: 'unknown-recipient',
      source: 'reply-code',
      matchedRule: 'reply-code:RCPT 550',
      command: 'RCPT',
    });
    expect(classify({ code: 550, text: 'nope' })).toMatchObject({ reason: 'other', source: 'reply-code', matchedRule: 'reply-code:550' });
    expect(classify({ code: 452, text: 'nope', command: 'RCPT' })).toMatchObject({ reason: 'too-many-recipients' });
    expect(classify({ code: 554, command: 'CONN' })).toMatchObject({ reason: 'blocked', command: 'CONNECT' });
    expect(classify('550 5.0.0 nope')).toMatchObject({ reason: 'other', source: 'reply-code' });
    expect(classify('559 nope')).toMatchObject({ outcome: 'permanent', reason: 'other', source: 'none', matchedRule: undefined });
  });
  it('skips outcome-restricted patterns for other outcomes', () => {
    // mailbox-unavailable applies to 5xx only: a 4xx "mailbox unavailable" is often a busy mailbox.
    expect(classify('550 Mailbox unavailable').matchedRule).toBe('mailbox-unavailable');
    expect(classify('450 Mailbox unavailable').matchedRule).not.toBe('mailbox-unavailable');
    // Words that only say the outcome settle it, and name no cause.
    expect(classify('Please try again later')).toMatchObject({ outcome: 'transient', inferred: true, reason: 'other' });
  });
  it('does not let an address look like a reason', () => {
    expect(classify('550 <spam-virus@example.com>: user unknown').reason).toBe('unknown-recipient');
    expect(classify('550 <blocked@example.com> rejected: no such user').reason).toBe('unknown-recipient');
  });
});

describe('classify: conflicts', () => {
  it('reports 550 4.2.2: reply code permanent, enhanced code transient (RFC 3463)', () => {
    const c = classify('550 4.2.2 Mailbox full');
    expect(c).toMatchObject({ outcome: 'permanent', reason: 'mailbox-full', action: 'review', retryable: false });
    expect(c.conflicts).toHaveLength(1);
    expect(c.conflicts[0]).toMatchObject({ kind: 'class-mismatch' });
    expect(c.conflicts[0]!.message).toContain('550');
    expect(c.conflicts[0]!.message).toContain('4.2.2');
  });
  it('reports 450 5.1.1 and follows the reply code for the outcome', () => {
    const c = classify({ code: 450, enhanced: '5.1.1' });
    expect(c).toMatchObject({ outcome: 'transient', reason: 'unknown-recipient', action: 'retry', retryable: true });
    expect(c.conflicts.map((x) => x.kind)).toEqual(['class-mismatch']);
  });
  it('reports 554 4.4.7 (Amazon SES expiry) and keeps the reason', () => {
    const c = classify('554 4.4.7 Message expired: unable to deliver in 840 minutes.');
    expect(c).toMatchObject({ outcome: 'permanent', reason: 'expired' });
    expect(c.conflicts).toHaveLength(1);
  });
  it('is success for 250 with a failure class, and reports it', () => {
    const c = classify({ code: 250, enhanced: '5.0.0' });
    expect(c).toMatchObject({ outcome: 'success', reason: 'success', action: 'none' });
    expect(c.conflicts).toHaveLength(1);
  });
  it('ignores a success class on a failure reply for the reason', () => {
    const c = classify({ code: 550, enhanced: '2.1.5', text: 'mailbox full' });
    expect(c).toMatchObject({ outcome: 'permanent', reason: 'mailbox-full', source: 'text' });
    expect(c.conflicts).toHaveLength(1);
  });
  it('has no conflict when the classes agree', () => {
    expect(classify('550 5.1.1 x').conflicts).toEqual([]);
    expect(classify('354 go ahead').conflicts).toEqual([]);
  });
});

describe('classify: input shapes', () => {
  it('takes a parsed reply', () => {
    const parsed = parseReply(
      '550-5.7.1 [192.0.2.1] Our system has detected that this message is\r\n550 5.7.1 likely unsolicited mail.\r\n',
    );
    expect(classify(parsed)).toMatchObject({ code: 550, enhanced: '5.7.1', reason: 'spam-content' });
  });
  it('takes { code, enhanced, text } with string or numeric codes and line arrays', () => {
    expect(classify({ code: '550', enhanced: '5.1.1' })).toMatchObject({ outcome: 'permanent', reason: 'unknown-recipient' });
    expect(classify({ code: 452, text: ['Mailbox', 'is full'] })).toMatchObject({ outcome: 'transient', reason: 'mailbox-full' });
    expect(classify({ enhanced: '4.2.2' })).toMatchObject({ outcome: 'transient', reason: 'mailbox-full', code: undefined });
    expect(classify({ enhanced: { class: 5, subject: 1, detail: 1 } })).toMatchObject({ reason: 'unknown-recipient', enhanced: '5.1.1' });
  });
  it('reads an enhanced code at the start of the text (RFC 2034 section 4)', () => {
    expect(classify({ code: 550, text: '5.1.1 User unknown' })).toMatchObject({ enhanced: '5.1.1', matchedRule: 'X.1.1' });
  });
  it('finds the codes inside a text given without them', () => {
    expect(classify({ text: '550 5.2.2 over quota' })).toMatchObject({ code: 550, enhanced: '5.2.2', reason: 'mailbox-full' });
  });
  it('takes prose that contains a reply (a DSN Diagnostic-Code, a Postfix log line)', () => {
    const c = classify(
      'host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)',
    );
    expect(c).toMatchObject({ code: 550, enhanced: '5.1.1', reason: 'unknown-recipient', action: 'suppress' });
  });
  it('infers the outcome from words that settle it when there is no code, never suppressing on words alone', () => {
    const c = classify('User unknown');
    expect(c).toMatchObject({
      outcome: 'permanent',
      inferred: true,
      reason: 'unknown-recipient',
      side: 'recipient',
      action: 'review',
      retryable: false,
    });
    expect(classify('Connection timed out')).toMatchObject({
      outcome: 'transient',
      inferred: true,
      reason: 'network',
      action: 'retry',
      retryable: true,
    });
    // Words that name no outcome leave it unknown.
    expect(classify('mailbox full')).toMatchObject({ outcome: 'unknown', inferred: false, reason: 'mailbox-full' });
    expect(classify('hello there')).toMatchObject({ outcome: 'unknown', inferred: false, reason: 'other', source: 'none' });
  });
  it('takes an Error whose message is a reply', () => {
    expect(classify(new Error('550 5.1.1 user unknown'))).toMatchObject({ code: 550, reason: 'unknown-recipient' });
  });
  it('takes a bare reply code', () => {
    expect(classify(421)).toMatchObject({ outcome: 'transient', reason: 'server-error', code: 421 });
  });
});

describe('classify: nodemailer errors', () => {
  const err = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? 'send failed')), props);
  const rows: [string, Record<string, unknown>, Partial<Classification>][] = [
    [
      'EENVELOPE with a 550 at RCPT',
      {
        code: 'EENVELOPE',
        responseCode: 550,
        response: '550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown',
        command: 'RCPT TO',
        message: "Can't send mail - all recipients were rejected",
      },
      {
        outcome: 'permanent',
        reason: 'unknown-recipient',
        action: 'suppress',
        command: 'RCPT',
        code: 550,
        enhanced: '5.1.1',
        source: 'enhanced',
      },
    ],
    [
      'EMESSAGE with a 552 after DATA',
      { code: 'EMESSAGE', responseCode: 552, response: '552 5.3.4 Message size exceeds fixed limit', command: 'DATA' },
      { outcome: 'permanent', reason: 'message-too-large', command: 'DATA' },
    ],
    [
      'EENVELOPE with a greylisting 451',
      {
        code: 'EENVELOPE',
        responseCode: 451,
        response: '451 4.7.1 <bob@example.com>: Recipient address rejected: Greylisted',
        command: 'RCPT TO',
      },
      { outcome: 'transient', reason: 'greylisted', action: 'retry', retryable: true },
    ],
    [
      'ECONNECTION',
      { code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' },
      {
        outcome: 'transient',
        reason: 'network',
        action: 'retry',
        retryable: true,
        source: 'network',
        matchedRule: 'client-error:ECONNECTION',
        command: 'CONNECT',
      },
    ],
    [
      'ETIMEDOUT',
      { code: 'ETIMEDOUT', command: 'CONN', message: 'Greeting never received' },
      { outcome: 'transient', reason: 'network', source: 'network' },
    ],
    [
      'EDNS',
      { code: 'EDNS', command: 'CONN', message: 'getaddrinfo ENOTFOUND smtp.example.invalid' },
      { outcome: 'transient', reason: 'network' },
    ],
    [
      'ECONNREFUSED from Node',
      { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', message: 'connect ECONNREFUSED 127.0.0.1:25' },
      { outcome: 'transient', reason: 'network' },
    ],
    [
      'EAUTH with a 535',
      {
        code: 'EAUTH',
        responseCode: 535,
        response: '535 5.7.8 Error: authentication failed: authentication failure',
        command: 'AUTH PLAIN',
      },
      { outcome: 'permanent', reason: 'client-authentication', action: 'fix-sender', command: 'AUTH' },
    ],
    [
      'EAUTH without a reply',
      { code: 'EAUTH', command: 'API', message: 'Missing credentials for "PLAIN"' },
      { outcome: 'permanent', reason: 'client-authentication', source: 'network' },
    ],
    [
      'ETLS',
      { code: 'ETLS', command: 'CONN', message: 'unable to verify the first certificate' },
      { outcome: 'transient', reason: 'tls-required', action: 'fix-sender' },
    ],
    [
      'ECONNECTION with a 421 greeting',
      {
        code: 'ECONNECTION',
        responseCode: 421,
        response: '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume',
        command: 'CONN',
      },
      { outcome: 'transient', reason: 'rate-limited', action: 'throttle', source: 'text' },
    ],
    [
      'an unknown client code falls back to the text',
      { code: 'ESTREAM', message: 'stream error' },
      { outcome: 'unknown', reason: 'other', source: 'none' },
    ],
  ];
  it.each(rows)('%s', (_name, props, expected) => {
    expect(classify(err(props))).toMatchObject(expected);
    // The same as a plain object (nodemailer errors are often logged and reloaded as JSON).
    expect(classify({ ...props })).toMatchObject(expected);
  });
});
