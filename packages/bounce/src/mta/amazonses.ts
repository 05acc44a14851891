/**
 * Amazon SES notifications delivered by SNS e-mail: the body is the JSON
 * notification (`notificationType` Bounce, Complaint or Delivery), sometimes
 * folded over lines. Amazon's own DSNs (multipart/report) need no reader.
 * Fields: https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
 *
 * @packageDocumentation
 */

import { typed } from '../dsn/fields.js';
import type { BounceKind } from '../types.js';
import type { BounceView } from '../view.js';
import type { MtaReader, ProseRecipient } from './types.js';

interface SesRecipient {
  emailAddress?: unknown;
  action?: unknown;
  status?: unknown;
  diagnosticCode?: unknown;
}

interface SesNotification {
  notificationType?: unknown;
  eventType?: unknown;
  bounce?: { bounceType?: unknown; bouncedRecipients?: SesRecipient[]; reportingMTA?: unknown };
  complaint?: { complainedRecipients?: SesRecipient[] };
  delivery?: { recipients?: unknown[]; smtpResponse?: unknown; remoteMtaIp?: unknown };
}

/** Each view's notification: `read` and `kind` both ask for it, and parsing it may take several tries. */
const notifications = new WeakMap<BounceView, SesNotification | undefined>();

/** The notification, when the prose is one (folding undone). */
function notificationOf(v: BounceView): SesNotification | undefined {
  if (notifications.has(v)) return notifications.get(v);
  const n = parseNotification(v);
  notifications.set(v, n);
  return n;
}

function parseNotification(v: BounceView): SesNotification | undefined {
  const start = v.prose.indexOf('{"');
  if (start === -1 || (!v.prose.includes('notificationType') && !v.prose.includes('eventType'))) return undefined;
  const flat = v.prose.slice(start).replace(/\n /g, '').replace(/\n/g, '');
  for (let end = flat.lastIndexOf('}'); end > 0; end = flat.lastIndexOf('}', end - 1)) {
    try {
      const parsed = JSON.parse(flat.slice(0, end + 1)) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as SesNotification) : undefined;
    } catch {
      // a shorter candidate
    }
  }
  return undefined;
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

function typeOf(n: SesNotification): string | undefined {
  return str(n.notificationType) ?? str(n.eventType);
}

export const amazonses: MtaReader & { kind(view: BounceView): BounceKind | undefined } = {
  name: 'amazonses',
  // A JSON notification: Bounce and Delivery recipients carry their action, a Complaint's none.
  statesActions: true,
  matches: (v) => /amazonaws\.com|amazonses\.com/.test(v.from) && v.prose.includes('{"'),
  read: (v) => {
    const n = notificationOf(v);
    if (n === undefined) return [];
    const type = typeOf(n);
    if (type === 'Bounce') {
      const permanent = n.bounce?.bounceType === 'Permanent';
      return (n.bounce?.bouncedRecipients ?? []).flatMap((r): ProseRecipient[] => {
        const recipient = str(r.emailAddress);
        if (recipient === undefined) return [];
        const action = str(r.action) === 'delayed' || !permanent ? (str(r.action) === 'failed' ? 'failed' : 'delayed') : 'failed';
        return [{ recipient, status: str(r.status), diagnostic: typed(str(r.diagnosticCode)).value, action }];
      });
    }
    if (type === 'Complaint')
      return (n.complaint?.complainedRecipients ?? []).flatMap((r) => (str(r.emailAddress) ? [{ recipient: str(r.emailAddress)! }] : []));
    if (type === 'Delivery') {
      return (n.delivery?.recipients ?? []).flatMap((r) =>
        str(r) ? [{ recipient: str(r)!, diagnostic: str(n.delivery?.smtpResponse), action: 'delivered' as const }] : [],
      );
    }
    return [];
  },
  kind: (v) => {
    const n = notificationOf(v);
    const type = n === undefined ? undefined : typeOf(n);
    return type === 'Complaint' ? 'feedback' : undefined;
  },
};
