/**
 * The fields of a delivery status notification (RFC 3464 section 2, RFC 6533
 * section 3 for the UTF-8 variant): one per-message group, then one group per
 * recipient, separated by empty lines.
 *
 * @packageDocumentation
 */

import { isEnhancedCode } from '@mailstatus/codes';
import { dsnActions, type DsnAction } from '../types.js';
import { decodeAddressValue, stripAngles } from './address.js';

/** The per-message fields (RFC 3464 section 2.2). */
export interface DsnMessageFields {
  readonly reportingMta: string | undefined;
  readonly arrivalDate: string | undefined;
}

/** The per-recipient fields (RFC 3464 section 2.3), values decoded and unfolded. */
export interface DsnRecipientFields {
  readonly finalRecipient: string | undefined;
  readonly originalRecipient: string | undefined;
  readonly action: string | undefined;
  readonly status: string | undefined;
  readonly remoteMta: string | undefined;
  readonly diagnosticType: string | undefined;
  readonly diagnostic: string | undefined;
  readonly lastAttempt: string | undefined;
  readonly willRetryUntil: string | undefined;
}

/** A whole delivery-status body read. */
export interface DsnFields {
  readonly message: DsnMessageFields;
  readonly recipients: readonly DsnRecipientFields[];
  /**
   * Where the body breaks RFC 3464's rules for its required fields (no
   * per-recipient group; a group without Final-Recipient, Action or Status,
   * or with a value outside their grammar), one sentence each. The fields
   * are read as far as they go all the same.
   */
  readonly faults: readonly string[];
}

type Group = Map<string, string>;

/** Unfolded `name: value` groups; a new `Final-Recipient` also starts a group (some MTAs omit the empty line). */
function readGroups(body: string): Group[] {
  const groups: Group[] = [];
  let g: Group = new Map();
  let last: string | undefined;
  const flush = () => {
    if (g.size > 0) groups.push(g);
    g = new Map();
    last = undefined;
  };
  for (const line of body.split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const c = line.charCodeAt(0);
    // RFC 5322 section 2.2.3: unfolding removes the line break, not the white space after it.
    if ((c === 32 || c === 9) && last !== undefined) {
      g.set(last, `${g.get(last)!}${line.replace(/[ \t]+$/, '')}`);
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s?(.*)$/.exec(line);
    if (m === null) continue;
    const name = m[1]!.toLowerCase();
    if (name === 'final-recipient' && g.has('final-recipient')) {
      flush();
    }
    if (!g.has(name)) g.set(name, m[2]!.trim());
    last = name;
  }
  flush();
  return groups;
}

/**
 * A field of the form `type; value` (RFC 3464 section 2.1.2: the type is an
 * atom, `dns` in `dns; mx.example.com`, `smtp` in a Diagnostic-Code): the
 * type, lower-cased, and the value; a field without such a type is all value.
 */
export function typed(v: string | undefined): { type: string | undefined; value: string | undefined } {
  if (v === undefined) return { type: undefined, value: undefined };
  const m = TYPE.exec(v);
  if (m === null) return { type: undefined, value: v.trim() || undefined };
  return { type: m[1]!.toLowerCase(), value: v.slice(m[0].length).trim() || undefined };
}

/** An atom and `;` at the start (RFC 5322 atext, as RFC 3464 uses it: letters, digits, `-`). */
const TYPE = /^\s*([A-Za-z0-9-]+)\s*;/;

/** The enhanced code in a Status field (`5.1.1`, `5.1.1 (Permanent)`), when it is one by RFC 3463's grammar (`5.01.1` is not). */
function statusOf(v: string | undefined): string | undefined {
  const code = v === undefined ? undefined : /\b[245]\.\d{1,3}\.\d{1,3}\b/.exec(v)?.[0];
  return code !== undefined && isEnhancedCode(code) ? code : undefined;
}

function recipientOf(g: Group): DsnRecipientFields {
  const diag = typed(g.get('diagnostic-code'));
  const final = g.get('final-recipient') ?? g.get('x-actual-recipient');
  return {
    finalRecipient: final === undefined ? undefined : decodeAddressValue(final),
    originalRecipient: g.has('original-recipient') ? decodeAddressValue(g.get('original-recipient')!) : undefined,
    action:
      g
        .get('action')
        ?.toLowerCase()
        .replace(/\s*\(.*$/, '')
        .trim() || undefined,
    status: statusOf(g.get('status')),
    remoteMta: stripAngles(typed(g.get('remote-mta')).value),
    diagnosticType: diag.type,
    diagnostic: diag.value?.trim() || undefined,
    lastAttempt: g.get('last-attempt-date') || undefined,
    willRetryUntil: g.get('will-retry-until') || undefined,
  };
}

const RECIPIENT_FIELDS = ['final-recipient', 'original-recipient', 'action', 'status'];

const ACTIONS: ReadonlySet<string> = new Set(dsnActions);

/** Whether `a` is an Action value of RFC 3464 section 2.3.3. */
export function isDsnAction(a: string): a is DsnAction {
  return ACTIONS.has(a);
}

/**
 * What a per-recipient group lacks or holds wrongly of the three fields RFC
 * 3464 section 2.3 requires: Final-Recipient (2.3.2), Action (2.3.3) and
 * Status (2.3.4, an RFC 3463 code).
 */
function recipientFaults(g: Group, r: DsnRecipientFields, faults: string[]): void {
  const who = `recipient ${r.finalRecipient ?? r.originalRecipient ?? '(none)'}`;
  if (!g.has('final-recipient')) faults.push(`${who}: no Final-Recipient field (RFC 3464 section 2.3.2)`);
  if (r.action === undefined) faults.push(`${who}: no Action field (RFC 3464 section 2.3.3)`);
  else if (!isDsnAction(r.action))
    faults.push(`${who}: Action "${r.action.slice(0, 40)}" is not one of ${dsnActions.join(', ')} (RFC 3464 section 2.3.3)`);
  const status = g.get('status');
  if (status === undefined || status === '') faults.push(`${who}: no Status field (RFC 3464 section 2.3.4)`);
  else if (r.status === undefined)
    faults.push(`${who}: Status "${status.slice(0, 40)}" holds no RFC 3463 status code (RFC 3464 section 2.3.4)`);
}

/** Reads a message/delivery-status or message/global-delivery-status body. */
export function readDsnFields(body: string): DsnFields {
  const groups = readGroups(body);
  let message: DsnMessageFields = { reportingMta: undefined, arrivalDate: undefined };
  const recipients: DsnRecipientFields[] = [];
  const faults: string[] = [];
  for (const g of groups) {
    if (g.has('reporting-mta') || g.has('arrival-date') || g.has('received-from-mta')) {
      message = {
        reportingMta: message.reportingMta ?? typed(g.get('reporting-mta')).value,
        arrivalDate: message.arrivalDate ?? g.get('arrival-date'),
      };
    }
    if (
      RECIPIENT_FIELDS.some((f) => g.has(f)) &&
      (g.has('final-recipient') || g.has('original-recipient') || g.has('x-actual-recipient'))
    ) {
      const r = recipientOf(g);
      recipients.push(r);
      recipientFaults(g, r, faults);
    }
  }
  // RFC 3464 section 2.1: one or more per-recipient groups.
  if (recipients.length === 0) faults.push('no per-recipient field group (RFC 3464 section 2.1)');
  return { message, recipients, faults };
}
