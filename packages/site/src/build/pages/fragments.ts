/**
 * Pieces several pages share: reference lists, verdicts, code links,
 * examples.
 *
 * @packageDocumentation
 */

import { classificationRules, type Reference } from '@mailstatus/codes';
import { decodePath, enhancedPath, replyPath } from '../../shared/routes.js';
import { html, type Html } from '../html.js';
import type { Example, Verdict } from '../model.js';

/** A list of references, each linked to rfc-editor.org, the datatracker or IANA. */
export function references(refs: readonly Reference[]): Html {
  if (refs.length === 0) return html`<p>No reference given.</p>`;
  return html`<ul class="refs">${refs.map(
    (r) =>
      html`<li><a href="${r.url}">${r.kind === 'rfc' ? `RFC ${r.rfc}` : r.id}${r.section ? `, section ${r.section}` : ''}</a>${r.status ? ` (${r.status})` : ''}</li>`,
  )}</ul>`;
}

/** The IANA registry page, cited beside the RFCs. */
export const IANA_REGISTRY = 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xhtml';

/** Outcome, reason and action as a definition list; the reason's one-line description follows. */
export function verdict(v: Verdict): Html {
  return html`<dl class="verdict">
<div><dt>Outcome</dt><dd><span class="tag o-${v.outcome}">${v.outcome}</span></dd></div>
<div><dt>Reason</dt><dd><span class="tag">${v.reason}</span> <span class="muted">${classificationRules.reasons[v.reason].description}</span></dd></div>
<div><dt>Action</dt><dd><span class="tag a-${v.action}">${v.action}</span></dd></div>
</dl>`;
}

/** A compact verdict for table cells. */
export function verdictCells(v: Verdict): Html {
  return html`<td><span class="tag o-${v.outcome}">${v.outcome}</span></td><td>${v.reason}</td><td><span class="tag a-${v.action}">${v.action}</span></td>`;
}

/** A link to a registry entry's page. */
export const enhancedLink = (root: string, code: string, label: string = code): Html =>
  html`<a href="${root}${enhancedPath(code)}">${label}</a>`;

/** A link to a reply code's page. */
export const replyLink = (root: string, code: number): Html => html`<a href="${root}${replyPath(code)}">${code}</a>`;

/** Fixture replies with their verdicts and a decoder permalink each. */
export function examples(root: string, list: readonly Example[]): Html {
  if (list.length === 0) return html`<p>No example in the fixtures yet.</p>`;
  return html`<ul class="examples">${list.map(
    (e) => html`<li><pre>${e.input.replace(/\r\n$/, '').replace(/\r\n/g, '\n')}</pre>
<p>${e.source ? html`<strong>${e.source}</strong>${e.command ? `, after ${e.command}` : ''}. ` : e.command ? `After ${e.command}. ` : ''}${e.description ?? ''}
<span class="nowrap"><span class="tag o-${e.verdict.outcome}">${e.verdict.outcome}</span> <span class="tag">${e.verdict.reason}</span> <span class="tag a-${e.verdict.action}">${e.verdict.action}</span></span>
<a href="${root}${decodePath(e.input, e.command)}">Open in the decoder<span class="visually-hidden"> (${e.id})</span></a></p></li>`,
  )}</ul>`;
}
