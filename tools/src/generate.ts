/**
 * The generator, top to bottom: load -> validate -> model -> emit -> write.
 * Nothing is written unless every input is valid.
 */
import { existsSync } from 'node:fs';
import { display, type Paths } from './paths.js';
import { ProblemList } from './problems.js';
import { readJsonFile, type JsonFile } from './load/json.js';
import { readEnumerated, readRegistryUpdated, readTable } from './load/registry.js';
import { readRfc3463 } from './load/rfc3463.js';
import { readRfc5321 } from './load/rfc5321.js';
import { buildModel, type Model } from './model/model.js';
import { emitEnhancedStatus, emitReplyCode } from './emit/constants.js';
import { emitClassification, emitCommandReplies, emitEnhancedStatuses, emitRegistryInfo, emitReplyCodes } from './emit/tables.js';
import type { EmittedFile } from './emit/common.js';
import { loadPinned, type FetchOptions } from './sources/fetch.js';
import { readManifest, type Manifest, type SourceRole } from './sources/manifest.js';
import { validateClasses, validateEntries, validateSubjects } from './validate/registry.js';
import { validateNamedReplyCodes, validateNames, validateSupplement, type NamesFile, type SupplementFile } from './validate/reviewed.js';
import { validateClassification } from './validate/classification.js';
import { writeFolder } from './write.js';

/** The upstream files' bytes by role. */
export type SourceBytes = Readonly<Record<SourceRole, Uint8Array>>;

/**
 * Reviewed files given in memory instead of read from registry-sources/:
 * `registry:update` validates the names it is about to write (and the old
 * registry against the names it had) before anything touches the disk.
 */
export interface ReviewedOverrides {
  readonly names?: JsonFile<NamesFile>;
  readonly supplement?: JsonFile<SupplementFile>;
  /**
   * `null` leaves classification.json out (no check, no rules in the model):
   * the update diffs registries first and reports the rules a new registry
   * needs as things for a person to do.
   */
  readonly classification?: null;
}

/** Reads, validates and models everything; throws a GeneratorError listing every problem. */
export function buildFromSources(paths: Paths, manifest: Manifest, bytes: SourceBytes, reviewed: ReviewedOverrides = {}): Model {
  const problems = new ProblemList();
  const shown = (name: string) => `registry-sources/${name}`;
  const nameOf = (role: SourceRole) => shown(manifest.sources.find((s) => s.role === role)!.name);

  // load (each reader records what it cannot read)
  const classRows = readTable(bytes.classes, nameOf('classes'), problems);
  const subjectRows = readTable(bytes.subjects, nameOf('subjects'), problems);
  const entryRows = readEnumerated(bytes.enumerated, nameOf('enumerated'), problems);
  const updated = readRegistryUpdated(bytes['registry-xml'], nameOf('registry-xml'), problems);
  const rfc5321 = readRfc5321(Buffer.from(bytes.rfc5321).toString('utf8'), nameOf('rfc5321'), problems);
  const grammar = readRfc3463(Buffer.from(bytes.rfc3463).toString('utf8'), nameOf('rfc3463'), problems);
  const names = reviewed.names ?? readJsonFile<NamesFile>(paths.namesFile, display(paths.root, paths.namesFile));
  const supplement = reviewed.supplement ?? readJsonFile<SupplementFile>(paths.supplementFile, display(paths.root, paths.supplementFile));
  const classification =
    reviewed.classification !== null && existsSync(paths.classificationFile) ? readJsonFile(paths.classificationFile, display(paths.root, paths.classificationFile)) : undefined;

  // validate
  if (updated && updated !== manifest.registry.updated) {
    problems.add(nameOf('registry-xml'), 0, `the registry says it was last updated ${updated}, registry-sources/sources.lock.json says ${manifest.registry.updated}: run npm run registry:update`);
  }
  validateClasses(classRows, grammar, problems);
  validateSubjects(subjectRows, grammar, problems);
  validateEntries(entryRows, subjectRows, grammar, problems);
  validateSupplement(supplement, rfc5321, problems);
  const known = new Set([...rfc5321.replyCodes.map((r) => r.code), ...(supplement.data.codes ?? []).map((s) => s.code)]);
  validateNamedReplyCodes(entryRows, known, supplement.file, problems);
  for (const c of rfc5321.commands) {
    for (const code of [...c.intermediate, ...c.success, ...c.error, ...(c.afterData?.success ?? []), ...(c.afterData?.error ?? [])]) {
      if (!known.has(code)) problems.add(nameOf('rfc5321'), c.line, `${c.command} lists reply ${code}, which section 4.2.3 does not define`);
    }
  }
  validateNames(names, entryRows.map((e) => e.code), [...known].sort((a, b) => a - b), problems);
  problems.throwIfAny();

  // model
  const model = buildModel({ manifest, classRows, subjectRows, entryRows, rfc5321, grammar: grammar!, names: names.data, supplement: supplement.data, classification: classification?.data });
  if (classification) {
    for (const p of validateClassification(classification.data, classification.file, model.entries, classification.lineOf)) problems.items.push(parseProblem(p));
    problems.throwIfAny();
  }
  return model;
}

function parseProblem(s: string): { file: string; line: number; message: string } {
  const m = /^(.*?):(\d+): (.*)$/s.exec(s);
  return m ? { file: m[1]!, line: Number(m[2]), message: m[3]! } : { file: 'registry-sources/classification.json', line: 0, message: s };
}

/** Emits every generated file, in a fixed order. */
export function emitAll(model: Model): EmittedFile[] {
  return [
    emitReplyCode(model),
    emitEnhancedStatus(model),
    emitReplyCodes(model),
    emitEnhancedStatuses(model),
    emitCommandReplies(model),
    emitRegistryInfo(model),
    emitClassification(model),
  ].filter((f): f is EmittedFile => f !== undefined);
}

export interface GenerateResult {
  readonly model: Model;
  readonly files: readonly EmittedFile[];
  readonly changed: boolean;
}

/** Loads the pinned sources (cache, mirror or network), then builds and writes. */
export async function generate(paths: Paths, fetchOpts: Omit<FetchOptions, 'root'>): Promise<GenerateResult> {
  const manifest = readManifest(paths.lockFile, display(paths.root, paths.lockFile));
  const loaded = await loadPinned(manifest.sources, { ...fetchOpts, root: paths.root, cacheDir: paths.cacheDir });
  const bytes = Object.fromEntries(loaded.map((s) => [s.pin.role, s.bytes])) as unknown as SourceBytes;
  const model = buildFromSources(paths, manifest, bytes);
  const files = emitAll(model);
  const changed = writeFolder(paths.outDir, files);
  return { model, files, changed };
}
