/**
 * `/enhanced/X.S.D/`: one page per registry entry (RFC 3463 section 3 and
 * the IANA registry), with what classify says in each class.
 *
 * @packageDocumentation
 */

import { enhancedClasses, enhancedSubjects, enhancedStatuses, type EnhancedStatusInfo } from '@mailstatus/codes';
import { classPath, enhancedPath, subjectPath } from '../../shared/routes.js';
import { html, type Html } from '../html.js';
import type { Page } from '../layout.js';
import { classRows, examplesOf, relatedTo, type ClassRow, type RelatedCode } from '../model.js';
import { enhancedLink, examples, IANA_REGISTRY, references, replyLink, verdictCells } from './fragments.js';

function associated(root: string, entry: EnhancedStatusInfo): Html {
  const r = entry.replyCodes;
  if (!r.given) return html`<p>The registry gives none (“${r.raw || 'empty'}”).</p>`;
  return html`<p>${r.any ? 'Any reply code. ' : ''}${r.codes.map((c, i) => html`${i ? ', ' : ''}${replyLink(root, c)}`)}${r.otherClasses.length ? ` (other ${r.otherClasses.map((d) => `${d}xx`).join(' or ')} codes allowed)` : ''}</p>
<p class="muted">As the registry writes it: “${r.raw}”.</p>`;
}

function classTable(root: string, rows: readonly ClassRow[]): Html {
  return html`<div class="scroll"><table>
<caption>The entry in each class, and what <code>classify</code> returns for a reply with it</caption>
<thead><tr><th scope="col">Code</th><th scope="col">Class meaning</th><th scope="col">In the registry</th><th scope="col">Classified reply</th><th scope="col">Outcome</th><th scope="col">Reason</th><th scope="col">Action</th></tr></thead>
<tbody>${rows.map((row) => {
    const cls = enhancedClasses.find((c) => c.class === row.cls);
    return html`<tr><th scope="row" data-field="enhanced">${row.code}</th><td><a href="${root}${classPath(row.cls)}">${cls?.summary ?? ''}</a></td><td>${row.listed ? 'listed' : 'not listed'}</td><td><code>${row.verdict.input}</code></td>${verdictCells(row.verdict)}</tr>`;
  })}</tbody></table></div>`;
}

function related(list: readonly RelatedCode[]): Html {
  if (list.length === 0) return html``;
  return html`<section aria-labelledby="related"><h2 id="related">Related real-world codes</h2>
<p>Codes that providers send in this subject, outside the registry or with their own meaning; <code>classify</code> knows them.</p>
<div class="scroll"><table><thead><tr><th scope="col">Code</th><th scope="col">Reason</th><th scope="col">Source</th></tr></thead>
<tbody>${list.map((o) => html`<tr><th scope="row">${o.code}</th><td>${o.reason}${o.contains.length ? html`<br><span class="muted">when the text says ${o.contains.map((w, i) => html`${i ? ' or ' : ''}“${w}”`)}</span>` : ''}</td><td>${o.comment}</td></tr>`)}</tbody></table></div></section>`;
}

function body(entry: EnhancedStatusInfo): (root: string) => Html {
  const rows = classRows(entry);
  const subject = enhancedSubjects.find((s) => s.subject === entry.subject);
  return (
    root,
  ) => html`<p class="crumbs"><a href="${root}${subjectPath(entry.subject)}">X.${entry.subject}: ${subject?.summary ?? 'Subject'}</a></p>
<h1><span class="code" data-field="code">${entry.code}</span> ${entry.sample || entry.name}</h1>
${entry.deprecated ? html`<p class="note" role="note"><strong>Deprecated.</strong> Do not use in new software.${entry.replacedBy ? html` Use ${enhancedLink(root, entry.replacedBy)} instead.` : ''}</p>` : ''}
<p class="lead">${entry.description}</p>
<dl class="facts">
<div><dt>Constant</dt><dd><code>EnhancedStatus.${entry.name}</code></dd></div>
<div><dt>Classes</dt><dd>${entry.classes.map((c) => `${c}.${entry.subject}.${entry.detail}`).join(', ')}</dd></div>
<div><dt>Submitter</dt><dd>${entry.submitter || '—'}</dd></div>
<div><dt>Change controller</dt><dd>${entry.changeController || '—'}</dd></div>
</dl>
<h2>Meaning per class and classification</h2>
${classTable(root, rows)}
<h2>Associated reply codes</h2>
${associated(root, entry)}
<h2>References</h2>
${references(entry.references)}
<p><a href="${IANA_REGISTRY}">The IANA SMTP Enhanced Status Codes registry</a></p>
${related(relatedTo(entry, rows))}
<h2>Examples</h2>
${examples(root, examplesOf(entry))}`;
}

/** Every registry entry's page. */
export function enhancedPages(): Page[] {
  return enhancedStatuses.map((entry) => ({
    path: enhancedPath(entry.code),
    title: `${entry.code} ${entry.sample || entry.name}: SMTP enhanced status code`,
    description: `${entry.code} (${entry.sample || entry.name}): meaning in classes 2, 4 and 5, associated reply codes, references and examples.`,
    body: body(entry),
  }));
}
