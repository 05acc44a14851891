/**
 * `/class/C/` and `/subject/S/`: the registry's class and subject tables
 * (RFC 3463 sections 3.1 and 3.2), each with the entries it holds.
 *
 * @packageDocumentation
 */

import { enhancedClasses, enhancedStatuses, enhancedSubjects, type EnhancedStatusInfo } from '@mailstatus/codes';
import { classPath, subjectPath } from '../../shared/routes.js';
import { html, type Html } from '../html.js';
import type { Page } from '../layout.js';
import { relatedCodes } from '../model.js';
import { enhancedLink, references } from './fragments.js';

/** A table of registry entries. */
export function entryTable(root: string, entries: readonly EnhancedStatusInfo[], caption: string): Html {
  return html`<div class="scroll"><table><caption>${caption}</caption><thead><tr><th scope="col">Code</th><th scope="col">Sample text</th><th scope="col">Reply codes</th><th scope="col">Classes</th></tr></thead>
<tbody>${entries.map(
    (e) =>
      html`<tr><th scope="row">${enhancedLink(root, e.code)}</th><td>${e.sample || e.name}${e.deprecated ? ' (deprecated)' : ''}</td><td>${e.replyCodes.raw}</td><td>${e.classes.join(', ')}</td></tr>`,
  )}</tbody></table></div>`;
}

function classPage(c: (typeof enhancedClasses)[number]): Page {
  const entries = enhancedStatuses.filter((e) => e.classes.includes(c.class));
  return {
    path: classPath(c.class),
    title: `Class ${c.class} (${c.summary}): SMTP enhanced status codes`,
    description: `Enhanced status codes of class ${c.class}, ${c.summary}.`,
    body: (root) => html`<h1><span class="code">${c.code}</span> ${c.summary}</h1>
<p class="lead">${c.description}</p>
<p>Other classes: ${enhancedClasses.filter((o) => o.class !== c.class).map((o, i) => html`${i ? ', ' : ''}<a href="${root}${classPath(o.class)}">${o.class} ${o.summary}</a>`)}</p>
<h2>References</h2>
${references(c.references)}
<h2>Entries that occur in class ${c.class}</h2>
${entryTable(root, entries, `${entries.length} registry entries`)}`,
  };
}

function subjectPage(s: (typeof enhancedSubjects)[number]): Page {
  const entries = enhancedStatuses.filter((e) => e.subject === s.subject);
  const related = relatedCodes.filter((o) => o.subject === s.subject);
  return {
    path: subjectPath(s.subject),
    title: `X.${s.subject} ${s.summary}: SMTP enhanced status codes`,
    description: `Enhanced status codes of subject ${s.subject}, ${s.summary}.`,
    body: (root) => html`<h1><span class="code">${s.code}</span> ${s.summary}</h1>
<p class="lead">${s.description}</p>
<p>Other subjects: ${enhancedSubjects.filter((o) => o.subject !== s.subject).map((o, i) => html`${i ? ', ' : ''}<a href="${root}${subjectPath(o.subject)}">X.${o.subject} ${o.summary}</a>`)}</p>
<h2>References</h2>
${references(s.references)}
<h2>Entries</h2>
${entryTable(root, entries, `${entries.length} registry entries in subject ${s.subject}`)}
${
  related.length
    ? html`<h2>Real-world codes in this subject</h2><p>Sent by providers outside the registry (or with their own meaning), and known to <code>classify</code>.</p>
<div class="scroll"><table><thead><tr><th scope="col">Code</th><th scope="col">Reason</th><th scope="col">Source</th></tr></thead><tbody>${related.map((o) => html`<tr><th scope="row">${o.code}</th><td>${o.reason}</td><td>${o.comment}</td></tr>`)}</tbody></table></div>`
    : ''
}`,
  };
}

/** Every class and subject page. */
export function groupPages(): Page[] {
  return [...enhancedClasses.map(classPage), ...enhancedSubjects.map(subjectPage)];
}
