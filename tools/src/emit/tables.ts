/**
 * The tables with the long texts: reply codes with their RFC text and digit
 * meanings; registry entries, classes and subjects; the command-reply table;
 * registry metadata and RFC 3463's grammar; the classification rules.
 */
import type { Model } from '../model/model.js';
import { INPUTS, addConst, finish, literal, newProject, type EmittedFile } from './common.js';

export function emitReplyCodes(model: Model): EmittedFile {
  const file = newProject().createSourceFile('reply-codes.ts');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../types.js', namedImports: ['ReplyCodeInfo', 'ReplyDigitInfo'] });
  addConst(
    file,
    'replyCodes',
    `Every standard reply code (${model.replyCodes.length}), ascending, with the defining RFC's text, severity and category.`,
    literal(model.replyCodes),
    'readonly ReplyCodeInfo[]',
  );
  addConst(
    file,
    'replySeverities',
    'What the first digit of a reply code means (RFC 5321 section 4.2.1), digits 2 to 5.',
    literal(model.severities),
    'readonly ReplyDigitInfo[]',
  );
  addConst(
    file,
    'replyCategories',
    'What the second digit of a reply code means (RFC 5321 section 4.2.1), digits 0 to 5.',
    literal(model.categories),
    'readonly ReplyDigitInfo[]',
  );
  return finish(model, INPUTS.replyCodes, file);
}

export function emitEnhancedStatuses(model: Model): EmittedFile {
  const file = newProject().createSourceFile('enhanced-statuses.ts');
  file.addImportDeclaration({
    isTypeOnly: true,
    moduleSpecifier: '../types.js',
    namedImports: ['EnhancedClassInfo', 'EnhancedStatusInfo', 'EnhancedSubjectInfo'],
  });
  addConst(
    file,
    'enhancedStatuses',
    `Every enumerated registry entry (${model.entries.length}), by subject then detail, as IANA publishes it.`,
    literal(model.entries),
    'readonly EnhancedStatusInfo[]',
  );
  addConst(
    file,
    'enhancedClasses',
    'The class sub-codes (2, 4, 5) of the registry.',
    literal(model.classes),
    'readonly EnhancedClassInfo[]',
  );
  addConst(file, 'enhancedSubjects', 'The subject sub-codes of the registry.', literal(model.subjects), 'readonly EnhancedSubjectInfo[]');
  return finish(model, INPUTS.enhancedTables, file);
}

/**
 * RFC 5321 section 4.3.2 heads the greeting "CONNECTION ESTABLISHMENT"; the
 * package's one command vocabulary (packages/codes/src/command.ts) calls it
 * `CONNECT`, as extractReply and classify do.
 */
const COMMAND_NAME: Readonly<Record<string, string>> = { 'CONNECTION ESTABLISHMENT': 'CONNECT' };

export function emitCommandReplies(model: Model): EmittedFile {
  const file = newProject().createSourceFile('command-replies.ts');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../types.js', namedImports: ['CommandReplies'] });
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../command.js', namedImports: ['SmtpCommand'] });
  const commands = model.commands.map(([n, replies]) => [COMMAND_NAME[n] ?? n, replies] as const);
  const names = commands.map(([n]) => JSON.stringify(n)).join(' | ');
  addConst(
    file,
    'commandReplies',
    [
      'For each command, the replies RFC 5321 section 4.3.2 lists: intermediate, success and error.',
      '"EHLO or HELO" is listed under both names; the greeting is `CONNECT`. For DATA, `success` and `error` include the',
      'replies after the message content; `afterData` has those alone.',
    ].join('\n'),
    literal(Object.fromEntries(commands)),
    // Extract<>: a name outside SmtpCommand would be an excess key, a type error.
    `{ readonly [C in Extract<SmtpCommand, ${names}>]: CommandReplies }`,
  );
  addConst(
    file,
    'anyCommandReplies',
    'Replies any command may get in unusual circumstances (RFC 5321 section 4.3.2): 500, 501, 421.',
    literal(model.anyCommand),
    'readonly number[]',
  );
  return finish(model, INPUTS.commandReplies, file);
}

export function emitRegistryInfo(model: Model): EmittedFile {
  const file = newProject().createSourceFile('registry-info.ts');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../types.js', namedImports: ['EnhancedStatusGrammar', 'RegistryInfo'] });
  addConst(
    file,
    'registryInfo',
    'The registry snapshot the tables were generated from: its last-updated date and the pinned upstream files.',
    literal({ updated: model.updated, sources: model.sources }),
    'RegistryInfo',
  );
  addConst(
    file,
    'enhancedStatusGrammar',
    'RFC 3463 section 2: `status-code = class "." subject "." detail`, read from the RFC text.',
    literal(model.grammar),
    'EnhancedStatusGrammar',
  );
  return finish(
    model,
    model.sources.map((s) => s.name),
    file,
  );
}

export function emitClassification(model: Model): EmittedFile | undefined {
  if (model.classification === undefined) return undefined;
  const file = newProject().createSourceFile('classification.ts');
  file.addImportDeclaration({ isTypeOnly: true, moduleSpecifier: '../classify/vocabulary.js', namedImports: ['ClassificationRules'] });
  // Reviewers' comments stay in the JSON; the runtime table ships without them.
  addConst(
    file,
    'classificationRules',
    'The reviewed classification rules of registry-sources/classification.json, checked against the registry.',
    literal(withoutComments(model.classification)),
    'ClassificationRules',
  );
  return finish(model, INPUTS.classification, file);
}

/** The reviewers' keys: why a rule is there and what it is for, not needed at run time. */
const REVIEW_KEYS: ReadonlySet<string> = new Set(['comment', '$comment', 'source', 'examples']);

/** A copy without the reviewers' keys (`comment`, `$comment`, `source`, `examples`). */
function withoutComments(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutComments);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !REVIEW_KEYS.has(k))
      .map(([k, x]) => [k, withoutComments(x)]),
  );
}
