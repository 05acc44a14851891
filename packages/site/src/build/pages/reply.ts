/**
 * `/reply/NNN/`: one page per reply code (RFC 5321 sections 4.2.1-4.2.3 and
 * the reviewed supplement), with the commands it answers (section 4.3.2).
 *
 * @packageDocumentation
 */

import { anyCommandReplies, replyCategories, replyCodes, replySeverities, type ReplyCodeInfo } from '@mailstatus/codes';
import { replyPath } from '../../shared/routes.js';
import { html, type Html } from '../html.js';
import type { Page } from '../layout.js';
import { commandsOf, commandVerdicts, entriesWithReply, examplesOfReply, verdictOf } from '../model.js';
import { enhancedLink, examples, references, verdict, verdictCells } from './fragments.js';

function digits(info: ReplyCodeInfo): Html {
  const first = replySeverities.find((d) => d.digit === Math.floor(info.code / 100));
  const second = replyCategories.find((d) => d.digit === Math.floor(info.code / 10) % 10);
  return html`<dl class="facts">
<div><dt>First digit ${Math.floor(info.code / 100)}</dt><dd><strong>${first?.title ?? ''}</strong>: ${first?.description ?? ''}</dd></div>
<div><dt>Second digit ${Math.floor(info.code / 10) % 10}</dt><dd><strong>${second?.title ?? ''}</strong>: ${second?.description ?? ''}</dd></div>
</dl>`;
}

function commands(info: ReplyCodeInfo): Html {
  const list = commandsOf(info.code);
  const any = anyCommandReplies.includes(info.code);
  if (list.length === 0 && !any) return html`<p>RFC 5321 section 4.3.2 lists it for no command.</p>`;
  return html`${any ? html`<p>Any command may receive it (RFC 5321 section 4.3.2).</p>` : ''}${list.length ? html`<ul class="cols">${list.map((c) => html`<li><code>${c.command}</code>: ${c.role}</li>`)}</ul>` : ''}`;
}

function byCommand(code: number): Html {
  const list = commandVerdicts(code);
  if (list.length === 0) return html``;
  return html`<div class="scroll"><table><caption>When the command is known</caption><thead><tr><th scope="col">After</th><th scope="col">Outcome</th><th scope="col">Reason</th><th scope="col">Action</th></tr></thead>
<tbody>${list.map((c) => html`<tr><th scope="row">${c.command}</th>${verdictCells(c.verdict)}</tr>`)}</tbody></table></div>`;
}

function body(info: ReplyCodeInfo): (root: string) => Html {
  const entries = entriesWithReply(info);
  return (root) => html`<h1><span class="code" data-field="code">${info.code}</span> ${info.name}</h1>
<p class="lead">${info.text}</p>
${info.note ? html`<p class="note" role="note">${info.note}</p>` : ''}
${digits(info)}
<h2>Commands it answers</h2>
${commands(info)}
<h2>What <code>classify</code> says</h2>
${verdict(verdictOf(`${info.code} `))}
${byCommand(info.code)}
<h2>Enhanced codes the registry associates with it</h2>
${entries.length ? html`<ul class="cols">${entries.map((e) => html`<li>${enhancedLink(root, e.code)} ${e.sample || e.name}</li>`)}</ul>` : html`<p>None.</p>`}
<h2>References</h2>
${references(info.references)}
<h2>Examples</h2>
${examples(root, examplesOfReply(info.code))}`;
}

/** Every reply code's page. */
export function replyPages(): Page[] {
  return replyCodes.map((info) => ({
    path: replyPath(info.code),
    title: `${info.code} ${info.name}: SMTP reply code`,
    description: `SMTP reply code ${info.code}: ${info.text}`,
    body: body(info),
  }));
}
