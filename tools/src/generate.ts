/**
 * The generator, top to bottom: load -> validate -> model -> emit -> write.
 * Only the wiring lives here; nothing is written unless every input is valid.
 */
import { basename } from 'node:path';
import { display, type Paths } from './paths.js';
import { ProblemList } from './problems.js';
import { applyCorrections } from './load/corrections.js';
import { readReviewed, type ReviewedOverrides } from './load/reviewed.js';
import { readUpstream } from './load/upstream.js';
import { validateClassification } from './validate/classification.js';
import { validateClasses, validateEntries, validateRegistryDate, validateSubjects } from './validate/registry.js';
import {
  knownReplyCodes,
  validateCommandReplies,
  validateCorrections,
  validateNamedReplyCodes,
  validateNames,
  validateSupplement,
} from './validate/reviewed.js';
import { buildModel, type Model } from './model/model.js';
import { emitEnhancedStatus, emitReplyCode } from './emit/constants.js';
import { emitClassification, emitCommandReplies, emitEnhancedStatuses, emitRegistryInfo, emitReplyCodes } from './emit/tables.js';
import type { EmittedFile } from './emit/common.js';
import { loadPinned, sha256, type FetchOptions } from './sources/fetch.js';
import { bytesByRole, readManifest, type Manifest, type SourceBytes } from './sources/manifest.js';
import { writeFolder } from './write.js';

/** Reads, validates and models everything; throws a GeneratorError listing every problem. */
export function buildFromSources(paths: Paths, manifest: Manifest, bytes: SourceBytes, overrides: ReviewedOverrides = {}): Model {
  const problems = new ProblemList();
  // load (each reader records what it cannot read), then the reviewed corrections of upstream fields
  const { names, supplement, classification, corrections } = readReviewed(paths, overrides);
  validateCorrections(corrections, problems);
  problems.throwIfAny();
  const { upstream, dropped } = applyCorrections(readUpstream(manifest, bytes, problems), corrections, problems);

  // validate
  const { classRows, subjectRows, entryRows, rfc5321, grammar, shown } = upstream;
  validateRegistryDate(upstream.updated, manifest.registry.updated, shown['registry-xml'], problems);
  validateClasses(classRows, grammar, problems);
  validateSubjects(subjectRows, grammar, problems);
  validateEntries(entryRows, subjectRows, grammar, problems);
  validateSupplement(supplement, rfc5321, problems);
  const known = knownReplyCodes(rfc5321, supplement.data);
  validateNamedReplyCodes(entryRows, new Set(known), supplement.file, problems);
  validateCommandReplies(rfc5321, new Set(known), shown.rfc5321, problems);
  validateNames(
    names,
    entryRows.map((e) => e.code),
    known,
    problems,
  );
  problems.throwIfAny();

  // model (the classification rules are checked against the classes the model gives each entry)
  const model = buildModel({
    manifest,
    upstream: { ...upstream, grammar: grammar! },
    names: names.data,
    supplement: supplement.data,
    classification: classification?.data,
    warnings: problems.warnings,
    droppedCorrections: dropped,
    reviewed: [names, supplement, corrections, classification].flatMap((f) =>
      f?.text ? [{ name: basename(f.file), sha256: sha256(Buffer.from(f.text)) }] : [],
    ),
  });
  if (classification) validateClassification(classification.data, classification.file, model.entries, classification.lineOf, problems);
  problems.throwIfAny();
  return model;
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
  /** Upstream files accepted by their records while their bytes differ from the pin. */
  readonly notes: readonly string[];
  readonly files: readonly EmittedFile[];
  readonly changed: boolean;
}

/** Loads the pinned sources (cache, mirror or network), then builds and writes. */
export async function generate(paths: Paths, fetchOpts: Omit<FetchOptions, 'root'>): Promise<GenerateResult> {
  const manifest = readManifest(paths.lockFile, display(paths.root, paths.lockFile));
  const loaded = await loadPinned(manifest.sources, { ...fetchOpts, root: paths.root, cacheDir: paths.cacheDir });
  const model = buildFromSources(paths, manifest, bytesByRole(loaded));
  const files = emitAll(model);
  const changed = writeFolder(paths.outDir, files);
  return { model, files, changed, notes: loaded.flatMap((s) => (s.note ? [s.note] : [])) };
}
