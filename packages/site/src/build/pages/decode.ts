/**
 * `/decode/`: the form the decoder script (`client/decode.ts`) drives. The
 * input and the command travel in the query (`?q=...&cmd=RCPT`), so a
 * result has a permalink; without scripts the page explains itself.
 *
 * @packageDocumentation
 */

import { decodePath } from '../../shared/routes.js';
import { html } from '../html.js';
import type { Page } from '../layout.js';

/** The commands a user can name (classify folds the rest). */
export const DECODE_COMMANDS = ['CONNECT', 'EHLO', 'STARTTLS', 'AUTH', 'MAIL', 'RCPT', 'DATA'] as const;

/** The decoder page. */
export function decodePage(): Page {
  return {
    path: decodePath(),
    title: 'Decode an SMTP reply, log line or bounce: mailstatus',
    description:
      'Paste an SMTP reply, a mail log line, a DSN Diagnostic-Code or a whole bounce email: see the codes, their meanings, and what to do. Runs in your browser.',
    scripts: ['decode'],
    body: () => html`<h1>Decoder</h1>
<p class="lead">Paste an SMTP reply, a mail server log line, a DSN <code>Diagnostic-Code</code> or a whole bounce email.
It is decoded by <code>@mailstatus/codes</code> running in this page: nothing leaves your browser.</p>
<form id="decoder" method="get" action="./">
<label for="q">Reply, log line or bounce</label>
<textarea id="q" name="q" rows="8" spellcheck="false" autocapitalize="off" aria-describedby="q-help"></textarea>
<p id="q-help" class="muted">Ctrl+Enter decodes. You can also drop a <code>.eml</code> file here or choose one below.</p>
<div class="row">
<label for="cmd">Command it answered</label>
<select id="cmd" name="cmd"><option value="">unknown</option>${DECODE_COMMANDS.map((c) => html`<option>${c}</option>`)}</select>
<label for="file">Bounce file</label>
<input id="file" type="file" accept=".eml,message/rfc822,text/plain">
</div>
<div class="row"><button type="submit">Decode</button> <button type="button" id="copy" disabled>Copy permalink</button> <span id="copy-status" role="status"></span></div>
</form>
<noscript><p class="note">The decoder needs JavaScript; the code pages do not.</p></noscript>
<section id="result" aria-labelledby="result-title" hidden><h2 id="result-title" tabindex="-1">Result</h2><div id="result-body"></div></section>`,
  };
}
