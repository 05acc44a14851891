/**
 * Every pinned upstream file read into rows and sections, each reader
 * recording what it cannot read. Files are named in messages as
 * `registry-sources/<pinned name>`.
 */
import type { ProblemList } from '../problems.js';
import type { Manifest, SourceBytes, SourceRole } from '../sources/manifest.js';
import { readEnumerated, readRegistryUpdated, readTable, type RawEntry, type RawTableRow } from './registry.js';
import { readRfc3463, type Rfc3463Grammar } from './rfc3463.js';
import { readRfc5321, type Rfc5321 } from './rfc5321.js';

/** The upstream files as read. */
export interface Upstream {
  readonly classRows: readonly RawTableRow[];
  readonly subjectRows: readonly RawTableRow[];
  readonly entryRows: readonly RawEntry[];
  /** The registry's `<updated>` date, when the XML has one. */
  readonly updated: string | undefined;
  readonly rfc5321: Rfc5321;
  readonly grammar: Rfc3463Grammar | undefined;
  /** How each file is named in messages. */
  readonly shown: Readonly<Record<SourceRole, string>>;
}

export function readUpstream(manifest: Manifest, bytes: SourceBytes, problems: ProblemList): Upstream {
  const shown = Object.fromEntries(manifest.sources.map((s) => [s.role, `registry-sources/${s.name}`])) as Record<SourceRole, string>;
  const text = (role: SourceRole) => Buffer.from(bytes[role]).toString('utf8');
  return {
    classRows: readTable(bytes.classes, shown.classes, problems),
    subjectRows: readTable(bytes.subjects, shown.subjects, problems),
    entryRows: readEnumerated(bytes.enumerated, shown.enumerated, problems),
    updated: readRegistryUpdated(bytes['registry-xml'], shown['registry-xml'], problems),
    rfc5321: readRfc5321(text('rfc5321'), shown.rfc5321, problems),
    grammar: readRfc3463(text('rfc3463'), shown.rfc3463, problems),
    shown,
  };
}
