/**
 * The decoder's result as DOM nodes (text only through `textContent`, so
 * the input can never become markup). Every value a script may want carries
 * `data-field`: `outcome`, `reason`, `action`, `code`, `enhanced`, and for
 * a bounce `recipient` on each recipient's section.
 *
 * @packageDocumentation
 */

import { reasonInfo, type Action } from '@mailstatus/codes';
import type { Decoded, DecodedBounce, DecodedReply } from './decode-core.js';
import { enhancedPath, replyPath } from '../shared/routes.js';

type Child = Node | string | undefined | false;

/** Create an element with attributes and children. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== undefined && c !== false) node.append(c);
  return node;
}

const field = (name: string, value: string, cls = 'tag'): HTMLElement => el('span', { 'data-field': name, class: cls }, value);

function row(term: string, ...value: Child[]): HTMLElement {
  return el('div', {}, el('dt', {}, term), el('dd', {}, ...value));
}

/** What each action asks of the sender (the vocabulary of `classify`, in `classification-types.ts`). */
const ACTIONS: Record<Action, string> = {
  suppress: 'The address is bad: stop sending to it.',
  retry: 'Send the same message again later; nothing needs to change.',
  throttle: 'Slow down to this destination, then retry.',
  'fix-sender': 'Something in the sending setup must change first (DNS, SPF, DKIM, DMARC, reputation, credentials, TLS).',
  review: 'A person should look at it.',
  none: 'Nothing to do.',
};

function verdictList(d: DecodedReply): HTMLElement {
  const c = d.classification;
  return el(
    'dl',
    { class: 'verdict' },
    row('Outcome', field('outcome', c.outcome, `tag o-${c.outcome}`), c.retryable ? ' (retryable)' : ''),
    row('Reason', field('reason', c.reason), ` ${reasonInfo(c.reason)?.description ?? ''}`),
    row('Action', field('action', c.action, `tag a-${c.action}`), ` ${ACTIONS[c.action]}`),
  );
}

/** A code as a link to its page (`href`, when registered) or as text; `none found` when absent. */
function codeValue(name: string, value: number | string | undefined, href: string | undefined): HTMLElement {
  if (value === undefined) return el('span', { 'data-field': name }, 'none found');
  return el('span', {}, href !== undefined ? el('a', { href, 'data-field': name }, String(value)) : field(name, String(value), 'code'));
}

function codes(d: DecodedReply, root: string): HTMLElement {
  const c = d.classification;
  const r = d.replyInfo;
  const e = d.enhancedInfo;
  const replyValue = codeValue('code', c.code, c.code !== undefined && r?.registered ? `${root}${replyPath(c.code)}` : undefined);
  const enhancedValue = codeValue('enhanced', c.enhanced, e?.registered ? `${root}${enhancedPath(e.registryCode)}` : undefined);
  return el(
    'dl',
    { class: 'facts' },
    row('Reply code', replyValue, r ? ` ${r.text ?? 'not defined by an RFC'}. ${r.severityTitle}, ${r.categoryTitle.toLowerCase()}.` : ''),
    row(
      'Enhanced code',
      enhancedValue,
      e
        ? ` ${e.sample ?? 'not in the registry'}. ${e.classInfo?.summary ?? ''}${e.subjectInfo ? `, ${e.subjectInfo.summary.toLowerCase()}` : ''}.`
        : '',
      e?.classListed === false ? el('strong', {}, ' The registry does not list this entry in this class.') : '',
      e?.deprecated ? el('strong', {}, ` Deprecated${e.replacedBy ? `: use ${e.replacedBy}` : ''}.`) : '',
    ),
    e?.description ? row('Meaning', e.description) : false,
    c.command ? row('Command', c.command) : false,
    row('Decided by', `${c.source}${c.matchedRule ? ` (${c.matchedRule})` : ''}`),
  );
}

function conflicts(d: DecodedReply): HTMLElement | undefined {
  const list = d.classification.conflicts;
  if (list.length === 0) return undefined;
  return el(
    'div',
    { class: 'note', role: 'note', 'data-field': 'conflicts' },
    el('strong', {}, 'Conflicts: '),
    ...list.map((c) => `${c.message} `),
  );
}

function replyResult(d: DecodedReply, root: string): HTMLElement {
  return el('div', { class: 'result' }, verdictList(d), codes(d, root), conflicts(d));
}

function bounceResult(b: DecodedBounce, root: string): HTMLElement {
  return el(
    'div',
    {},
    el(
      'p',
      {},
      `A bounce${b.reportingMta ? ` from ${b.reportingMta}` : ''} with ${b.recipients.length} recipient${b.recipients.length === 1 ? '' : 's'}, read by the `,
      el('code', { 'data-field': 'reader' }, b.reader),
      ' reader.',
    ),
    ...b.recipients.map((r, i) =>
      el(
        'section',
        { class: 'recipient', 'aria-labelledby': `recipient-${i}` },
        el('h3', { id: `recipient-${i}`, 'data-field': 'recipient' }, r.recipient ?? 'recipient not named'),
        el('p', { class: 'muted' }, `Action ${r.action ?? '—'}, Status ${r.status ?? '—'}${r.remoteMta ? `, from ${r.remoteMta}` : ''}.`),
        r.diagnostic ? el('pre', {}, r.diagnostic) : false,
        replyResult(r.decoded, root),
      ),
    ),
  );
}

/** The result of {@link decode} as a node to put in the page. */
export function renderResult(d: Decoded, root: string): HTMLElement {
  return d.kind === 'bounce' ? bounceResult(d, root) : replyResult(d, root);
}
