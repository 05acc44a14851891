/**
 * The MIME layer decision, measured: postal-mime 4.x against our own lazy
 * reader (src/mime) over ../shared/bounce-samples. Prints messages/s (min /
 * median / max of 5 runs, both sides back to back) and, per sample, whether
 * both found the same delivery-status / feedback-report text and the same
 * returned original's Message-ID.
 *
 *   npx tsx bench/mime-compare.ts
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import PostalMime from 'postal-mime';
import { sharedDir } from '../../../scripts/shared-data.mjs';
import { readMessage } from '../src/mime/message.js';
import type { Entity } from '../src/mime/entity.js';
import { DEFAULT_LIMITS } from '../src/options.js';

const dir = resolve(sharedDir(), 'bounce-samples');
if (!existsSync(dir)) {
  console.error(`mime-compare: ${dir} is absent (set MAILSTATUS_SHARED)`);
  process.exit(1);
}
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.eml'))
  .sort();
const bytes = files.map((f) => new Uint8Array(readFileSync(join(dir, f))));
const REPORT = /^message\/(global-)?(delivery-status|feedback-report)$/;

/** Our reader, every part's text decoded (what postal-mime does eagerly). */
function ours(b: Uint8Array): { report: string; messageId: string } {
  const { root } = readMessage(b, DEFAULT_LIMITS);
  let report = '';
  let messageId = '';
  const walk = (e: Entity): void => {
    const t = e.contentType.mediaType;
    if (REPORT.test(t)) report += e.text();
    else if (e.isMultipart) e.parts.forEach(walk);
    else if (e.inner) messageId ||= e.inner.headers.get('message-id') ?? '';
    else if (t === 'text/rfc822-headers') messageId ||= /^message-id:\s*(.*)$/im.exec(e.text())?.[1]?.trim() ?? '';
    else e.text();
  };
  walk(root);
  return { report, messageId };
}

async function theirs(b: Uint8Array): Promise<{ report: string; messageId: string }> {
  const email = await PostalMime.parse(b, { attachmentEncoding: 'utf8' } as never);
  let report = '';
  let messageId = '';
  for (const a of email.attachments) {
    if (REPORT.test(a.mimeType)) report += typeof a.content === 'string' ? a.content : new TextDecoder().decode(a.content as ArrayBuffer);
    else if (a.mimeType === 'message/rfc822' || a.mimeType === 'text/rfc822-headers') {
      const text = typeof a.content === 'string' ? a.content : new TextDecoder().decode(a.content as ArrayBuffer);
      messageId ||= /^message-id:\s*(.*)$/im.exec(text)?.[1]?.trim() ?? '';
    }
  }
  return { report, messageId };
}

const norm = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\s+/g, ' ').trim();
let sameReport = 0,
  onlyOurs = 0,
  onlyTheirs = 0,
  differ = 0,
  sameId = 0,
  idOnlyOurs = 0,
  idOnlyTheirs = 0,
  idDiffer = 0;
for (let i = 0; i < files.length; i++) {
  const a = ours(bytes[i]!);
  let b: { report: string; messageId: string };
  try {
    b = await theirs(bytes[i]!);
  } catch (e) {
    b = { report: '', messageId: '' };
    console.log(`postal-mime threw on ${files[i]}: ${(e as Error).message}`);
  }
  const ra = norm(a.report),
    rb = norm(b.report);
  if (ra === rb) sameReport++;
  else if (ra && !rb) onlyOurs++;
  else if (!ra && rb) {
    onlyTheirs++;
    console.log(`report only postal-mime: ${files[i]}`);
  } else {
    differ++;
    console.log(`report differs: ${files[i]}`);
  }
  if (a.messageId === b.messageId) sameId++;
  else if (a.messageId && !b.messageId) idOnlyOurs++;
  else if (!a.messageId && b.messageId) idOnlyTheirs++;
  else {
    idDiffer++;
    console.log(`message-id differs: ${files[i]}: ${a.messageId} / ${b.messageId}`);
  }
}
console.log(
  `report parts: same ${sameReport}, only ours ${onlyOurs}, only postal-mime ${onlyTheirs}, differ ${differ} (of ${files.length})`,
);
console.log(`returned Message-ID: same ${sameId}, only ours ${idOnlyOurs}, only postal-mime ${idOnlyTheirs}, differ ${idDiffer}`);

const runs: { ours: number; theirs: number }[] = [];
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  for (let k = 0; k < 5; k++) for (const b of bytes) ours(b);
  const o = (5 * bytes.length) / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let k = 0; k < 5; k++) for (const b of bytes) await theirs(b);
  const p = (5 * bytes.length) / ((performance.now() - t) / 1000);
  runs.push({ ours: o, theirs: p });
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0]!.toFixed(0)} / ${s[s.length >> 1]!.toFixed(0)} / ${s[s.length - 1]!.toFixed(0)}`;
};
console.log(`own reader (every part decoded): ${stats(runs.map((r) => r.ours))} msgs/s (min/median/max)`);
console.log(`postal-mime 4.0.0:               ${stats(runs.map((r) => r.theirs))} msgs/s`);
console.log(`ratio own/postal-mime:           ${stats(runs.map((r) => r.ours / r.theirs))}`);
