/**
 * classify(input, context): where the failure happened (the command), the
 * DSN's own verdict (Status, Action), whose problem it is (`side`) and the
 * outcome inferred from words (`inferred`).
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import { toSmtpCommand } from '../src/command.js';
import { reasons } from '../src/classify/vocabulary.js';
import { actionFor, sideOf } from '../src/classify/mappings.js';

describe('the command as context', () => {
  it.each([
    ['RCPT TO', 'RCPT'],
    ['rcpt to:<a@b>', 'RCPT'],
    ['MAIL FROM', 'MAIL'],
    ['CONN', 'CONNECT'],
    ['initial connection', 'CONNECT'],
    ['greeting', 'CONNECT'],
    ['HELO', 'HELO'],
    ['EHLO', 'EHLO'],
    ['DATA', 'DATA'],
    ['end of data', 'END-OF-DATA'],
    ['END-OF-DATA', 'END-OF-DATA'],
    ['END-OF-MESSAGE', 'END-OF-DATA'],
    ['.', 'END-OF-DATA'],
    ['pipelined RCPT TO', 'RCPT'],
    ['AUTH PLAIN', 'AUTH'],
    ['API', undefined],
    ['', undefined],
  ])('folds %j to %j', (raw, folded) => {
    expect(toSmtpCommand(raw)).toBe(folded);
  });

  it('wins over the command the text names', () => {
    expect(classify('550 5.1.1 no such user (in reply to RCPT TO command)').command).toBe('RCPT');
    expect(classify('550 5.1.1 no such user (in reply to RCPT TO command)', { command: 'MAIL FROM' }).command).toBe('MAIL');
  });

  it('moves a recipient-side reason after MAIL FROM to the sender (Exim "after MAIL FROM")', () => {
    const c = classify('SMTP error from remote mail server after MAIL FROM:<me@example.org> SIZE=1234:\n    550 5.1.1 Unroutable address');
    expect(c).toMatchObject({ command: 'MAIL', reason: 'sender-address', side: 'sender', action: 'fix-sender' });
    expect(classify('550 5.1.2 Domain does not exist', { command: 'MAIL' })).toMatchObject({ reason: 'sender-address', side: 'sender' });
  });

  it('never suppresses for a refusal at the greeting or EHLO', () => {
    expect(classify('550 5.1.1 go away', { command: 'CONNECT' })).toMatchObject({ side: 'local', reason: 'blocked' });
    expect(classify('550 5.1.1 bad name', { command: 'HELO' })).toMatchObject({ side: 'sender', reason: 'sender-authentication' });
    // RFC 7504: 521 at the greeting is a domain that takes no mail, the recipient's side.
    expect(classify('521 5.3.2 does not accept mail', { command: 'CONNECT' })).toMatchObject({
      reason: 'bad-domain',
      side: 'recipient',
      action: 'suppress',
    });
  });
});

describe('a DSN Status and Action as context', () => {
  it('the Status wins over a code quoted in prose unless they agree', () => {
    expect(classify('550 5.1.1 User unknown', { status: '5.2.2' })).toMatchObject({ enhanced: '5.2.2', reason: 'mailbox-full' });
    // X.0.0 only says the class; the prose says more.
    expect(classify('550 5.1.1 User unknown', { status: '5.0.0' })).toMatchObject({ enhanced: '5.1.1', reason: 'unknown-recipient' });
    expect(classify('User unknown', { status: '5.1.1' })).toMatchObject({
      enhanced: '5.1.1',
      outcome: 'permanent',
      inferred: false,
      action: 'suppress',
    });
  });
  it('the Status class gives the outcome over a reply code in prose', () => {
    const c = classify('Remote server said: 550 5.1.1 no such user', { status: '4.4.7', action: 'failed' });
    expect(c).toMatchObject({ outcome: 'transient', reason: 'expired', enhanced: '4.4.7' });
  });
  it('a Status of X.0.0 says only the class: codes in the prose decide, else the Action', () => {
    expect(classify('refused to talk to me: 550 Blocked for spamming', { status: '4.0.0', action: 'failed' })).toMatchObject({
      outcome: 'permanent',
      code: 550,
    });
    expect(classify('DNS Error: Domain name not found', { status: '4.0.0', action: 'failed' })).toMatchObject({
      outcome: 'permanent',
      enhanced: '4.0.0',
      reason: 'bad-domain',
    });
    expect(classify('Host name lookup failure', { status: '4.0.0', action: 'delayed' })).toMatchObject({
      outcome: 'transient',
      reason: 'network',
    });
  });
  it('the Action gives the outcome when there is no Status', () => {
    expect(classify('No MX found for domain', { action: 'delayed' })).toMatchObject({
      outcome: 'transient',
      inferred: false,
      reason: 'bad-domain',
      action: 'retry',
    });
    expect(classify('User unknown', { action: 'failed' })).toMatchObject({ outcome: 'permanent', inferred: false, action: 'suppress' });
    expect(classify('ok', { action: 'delivered' })).toMatchObject({ outcome: 'success', action: 'none' });
  });
  it('ignores fields it cannot read', () => {
    expect(classify('550 5.1.1 User unknown', { status: 'nonsense', action: 'maybe', command: 'XYZZY' })).toMatchObject({
      enhanced: '5.1.1',
      outcome: 'permanent',
      command: undefined,
    });
    expect(classify('550 5.1.1 User unknown', null as never)).toMatchObject({ reason: 'unknown-recipient' });
  });
});

describe('side and suppress', () => {
  it('every reason has a side, and only the recipient side may suppress', () => {
    for (const r of reasons) {
      const side = sideOf(r);
      for (const outcome of ['transient', 'permanent', 'unknown'] as const) {
        if (actionFor(r, outcome) === 'suppress') expect(side, r).toBe('recipient');
        for (const other of ['sender', 'local', 'network', 'content', 'remote', 'unknown'] as const)
          expect(actionFor(r, outcome, other), `${r} ${outcome} ${other}`).not.toBe('suppress');
      }
    }
  });
  it('infers the outcome from words and says so, but never suppresses on words alone', () => {
    expect(classify('User unknown')).toMatchObject({ outcome: 'permanent', inferred: true, action: 'review' });
    expect(classify('Greylisted, come back later')).toMatchObject({ outcome: 'transient', inferred: true, retryable: true });
    expect(classify('550 5.1.1 User unknown')).toMatchObject({ inferred: false });
  });
});

describe('which reply counts', () => {
  it('an outer final reply over the inner one it quotes', () => {
    expect(classify('554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection dropped>')).toMatchObject({
      enhanced: '4.4.7',
      reason: 'expired',
    });
  });
  it('the final permanent reply of a transcript over an earlier transient one', () => {
    const t =
      '>>> RCPT TO:<a@example.org>\n<<< 450 mailbox busy\n>>> RCPT TO:<a@example.org>\n<<< 551 User not local; please try <b@example.net>';
    expect(classify(t)).toMatchObject({ code: 551, outcome: 'permanent' });
  });
  it('a refusal over a success earlier in a transcript', () => {
    expect(classify('<<< 250 2.1.0 Ok\n<<< 550 5.7.1 Message rejected as spam')).toMatchObject({ code: 550, outcome: 'permanent' });
  });
});
