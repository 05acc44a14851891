/**
 * The small `as const` objects: `ReplyCode` and `EnhancedStatus`. Each member
 * carries TSDoc so editor hover is the documentation; the long texts of the
 * tables live in other files so importing a constant stays small.
 */
import type { Model } from '../model/model.js';
import type { EnhancedStatusInfo, Reference, ReplyCodeInfo } from '../../../packages/codes/src/types.js';
import { INPUTS, addConst, docText, documentedObject, finish, newProject, wrap, type EmittedFile } from './common.js';

const SEVERITY_WORDS: Record<string, string> = {
  'positive-completion': 'Positive completion',
  'positive-intermediate': 'Positive intermediate',
  'transient-negative': 'Transient negative completion',
  'permanent-negative': 'Permanent negative completion',
};

export function seeLinks(refs: readonly Reference[]): string[] {
  return refs.map((r) => {
    const label = r.kind === 'rfc' ? `RFC ${r.rfc}${r.section ? ` section ${r.section}` : ''}` : r.id;
    return `@see {@link ${r.url} | ${label}}`;
  });
}

function replyDoc(r: ReplyCodeInfo): string {
  return [
    wrap(`\`${r.code}\` ${docText(r.text)}`),
    '',
    wrap(`${SEVERITY_WORDS[r.severity]} reply, ${r.category.replace('-', ' ')} category.${r.note ? ` ${docText(r.note)}` : ''}`),
    '',
    ...seeLinks(r.references),
  ].join('\n');
}

export function entryDoc(e: EnhancedStatusInfo, byCode: ReadonlyMap<string, EnhancedStatusInfo>): string {
  const codes = e.replyCodes.any ? 'any' : e.replyCodes.given ? e.replyCodes.raw : 'not given by the registry';
  const lines = [
    `\`${e.code}\` ${docText(e.sample || '(no sample text)')}`,
    '',
    wrap(docText(e.description)),
    ...(e.note ? ['', wrap(`Note: ${docText(e.note)}`)] : []),
    '',
    `- Reply codes: ${docText(codes)}`,
    `- Occurs as: ${e.classes.map((c) => `\`${c}.${e.subject}.${e.detail}\``).join(', ')}`,
    '',
    ...seeLinks(e.references),
  ];
  if (e.deprecated) {
    const to = e.replacedBy ? byCode.get(e.replacedBy) : undefined;
    lines.push(`@deprecated ${docText(e.description)}${to ? ` Use {@link EnhancedStatus.${to.name}} (\`${to.code}\`).` : ''}`);
  }
  return lines.join('\n');
}

export function emitReplyCode(model: Model): EmittedFile {
  const file = newProject().createSourceFile('reply-code.ts');
  addConst(
    file,
    'ReplyCode',
    [
      'Every standard SMTP reply code by name: those of RFC 5321 section 4.2.3 and',
      'those other RFCs define (AUTH, ODMR, null MX) or the enhanced status code',
      'registry names. Values are the three-digit numbers.',
      '',
      '@example',
      '```ts',
      'if (reply.code === ReplyCode.MailboxUnavailable) dropRecipient();',
      '```',
    ].join('\n'),
    documentedObject(model.replyCodes.map((r) => ({ name: r.name, value: r.code, docs: replyDoc(r) }))),
    undefined,
    true,
  );
  file.addTypeAlias({
    isExported: true,
    name: 'ReplyCode',
    type: '(typeof ReplyCode)[keyof typeof ReplyCode]',
    docs: ['A standard reply code number (union of the values of {@link ReplyCode}).'],
  });
  file.addTypeAlias({
    isExported: true,
    name: 'ReplyCodeName',
    type: 'keyof typeof ReplyCode',
    docs: ['The name of a standard reply code.'],
  });
  return finish(model, INPUTS.replyCodes, file);
}

export function emitEnhancedStatus(model: Model): EmittedFile {
  const file = newProject().createSourceFile('enhanced-status.ts');
  const byCode = new Map(model.entries.map((e) => [e.code, e]));
  addConst(
    file,
    'EnhancedStatus',
    [
      `Every entry of the IANA SMTP Enhanced Status Codes registry (${model.entries.length} entries,`,
      `registry updated ${model.updated}) by stable name. Values are the registry codes`,
      'with `X` for the class, as IANA writes them (`"X.1.1"`); put a class in',
      'front with `withClass(EnhancedStatus.BadDestinationMailboxAddress, 5)` -> `"5.1.1"`.',
      '',
      '@example',
      '```ts',
      'describe(withClass(EnhancedStatus.MailboxFull, 4))?.sample; // "Mailbox full"',
      '```',
    ].join('\n'),
    documentedObject(model.entries.map((e) => ({ name: e.name, value: e.code, docs: entryDoc(e, byCode) }))),
    undefined,
    true,
  );
  file.addTypeAlias({
    isExported: true,
    name: 'EnhancedStatus',
    type: '(typeof EnhancedStatus)[keyof typeof EnhancedStatus]',
    docs: ['A registry code such as `"X.1.1"` (union of the values of {@link EnhancedStatus}).'],
  });
  file.addTypeAlias({
    isExported: true,
    name: 'EnhancedStatusName',
    type: 'keyof typeof EnhancedStatus',
    docs: ['The stable name of a registry entry.'],
  });
  return finish(model, INPUTS.enhancedStatus, file);
}
