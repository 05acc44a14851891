/**
 * The files we own under registry-sources/, read as they are: the constant
 * names, the reply-code supplement, the classification rules and the
 * corrections of upstream fields. Their shapes
 * are declared here once; validate/ checks them and model/ reads them.
 */
import { existsSync } from 'node:fs';
import { display, type Paths } from '../paths.js';
import { readCorrections, type CorrectionsFile } from './corrections.js';
import { readJsonFile, type JsonFile } from './json.js';

/** registry-sources/names.json: code -> constant name, never re-derived once published. */
export interface NamesFile {
  enhanced: Record<string, string>;
  reply: Record<string, string>;
}

/** One reply code of registry-sources/reply-codes.supplement.json. */
export interface SupplementEntry {
  code: number;
  text?: string;
  references: string[];
  note?: string;
}
/** registry-sources/reply-codes.supplement.json: reply codes defined outside RFC 5321 section 4.2.3. */
export interface SupplementFile {
  codes: SupplementEntry[];
}

/**
 * Reviewed files given in memory instead of read from registry-sources/:
 * `registry:update` validates the names it is about to write (and the old
 * registry against the names it had) before anything touches the disk.
 */
export interface ReviewedOverrides {
  readonly names?: JsonFile<NamesFile>;
  readonly supplement?: JsonFile<SupplementFile>;
  /**
   * The classification rules to check, or `null` to leave them out (no
   * check, no rules in the model): the update diffs registries first.
   */
  readonly classification?: JsonFile | null;
  readonly corrections?: JsonFile<CorrectionsFile>;
}

/** The reviewed files as read (classification is absent when the file is, or when left out). */
export interface Reviewed {
  readonly names: JsonFile<NamesFile>;
  readonly supplement: JsonFile<SupplementFile>;
  readonly classification: JsonFile | undefined;
  readonly corrections: JsonFile<CorrectionsFile>;
}

/** Reads every reviewed file, taking the overrides first; a file that is not JSON throws a GeneratorError. */
export function readReviewed(paths: Paths, overrides: ReviewedOverrides = {}): Reviewed {
  const shown = (file: string) => display(paths.root, file);
  const classification =
    overrides.classification === null
      ? undefined
      : (overrides.classification ??
        (existsSync(paths.classificationFile) ? readJsonFile(paths.classificationFile, shown(paths.classificationFile)) : undefined));
  return {
    names: overrides.names ?? readJsonFile<NamesFile>(paths.namesFile, shown(paths.namesFile)),
    supplement: overrides.supplement ?? readJsonFile<SupplementFile>(paths.supplementFile, shown(paths.supplementFile)),
    classification,
    corrections: overrides.corrections ?? readCorrections(paths),
  };
}
