/**
 * `/`: what the site is, the search, and every class, subject, entry and
 * reply code (so the whole site is reachable from here without scripts).
 *
 * @packageDocumentation
 */

import { enhancedClasses, enhancedStatuses, enhancedSubjects, registryInfo, replyCodes } from '@mailstatus/codes';
import { classPath, decodePath, subjectPath } from '../../shared/routes.js';
import { html } from '../html.js';
import type { Page } from '../layout.js';
import { entryTable } from './groups.js';
import { replyLink } from './fragments.js';

/** The home page. */
export function homePage(): Page {
  return {
    path: '',
    title: 'mailstatus: SMTP reply codes and enhanced status codes',
    description:
      'Every SMTP reply code and IANA enhanced status code with its meaning, references and classification, and a decoder for replies, log lines and bounces.',
    scripts: ['search'],
    body: (root) => html`<h1>SMTP reply codes and enhanced status codes</h1>
<p class="lead">Every code of the IANA SMTP Enhanced Status Codes registry (updated <span class="nowrap">${registryInfo.updated}</span>) and of RFC 5321, with what it means in each class,
what to do about it, and where it is defined. Generated from the tested tables of <code>@mailstatus/codes</code>.</p>
<p><a class="button" href="${root}${decodePath()}">Decode a reply, log line or bounce</a></p>
<search>
<form id="search" action="${root}${decodePath()}" method="get">
<label for="search-q">Search codes, names and texts</label>
<div class="row"><input id="search-q" name="q" type="search" autocomplete="off" placeholder="5.7.26, mailbox full, 550…" aria-describedby="search-help">
<button type="submit">Decode</button></div>
<p id="search-help" class="muted">Results appear as you type; Enter decodes the text instead.</p>
</form>
<div id="search-results" aria-live="polite"></div>
</search>
<h2>Classes</h2>
<ul class="cols">${enhancedClasses.map((c) => html`<li><a href="${root}${classPath(c.class)}">${c.code} ${c.summary}</a></li>`)}</ul>
<h2>Subjects</h2>
<ul class="cols">${enhancedSubjects.map((s) => html`<li><a href="${root}${subjectPath(s.subject)}">${s.code} ${s.summary}</a></li>`)}</ul>
<h2>Enhanced status codes</h2>
${entryTable(root, enhancedStatuses, `All ${enhancedStatuses.length} registry entries`)}
<h2>Reply codes</h2>
<div class="scroll"><table><caption>${replyCodes.length} reply codes</caption><thead><tr><th scope="col">Code</th><th scope="col">Name</th><th scope="col">Text</th></tr></thead>
<tbody>${replyCodes.map((r) => html`<tr><th scope="row">${replyLink(root, r.code)}</th><td>${r.name}</td><td>${r.text}</td></tr>`)}</tbody></table></div>`,
  };
}
