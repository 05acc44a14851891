import { readFileSync } from 'node:fs';
import { jsonLine, ProblemList } from '../problems.js';

/** What each pinned file is for. */
export const SOURCE_ROLES = ['classes', 'subjects', 'enumerated', 'registry-xml', 'rfc5321', 'rfc3463'] as const;
export type SourceRole = (typeof SOURCE_ROLES)[number];

/** One pinned upstream file. */
export interface SourcePin {
  readonly name: string;
  readonly role: SourceRole;
  readonly url: string;
  /** sha256 and size of the exact bytes. */
  readonly sha256: string;
  readonly size: number;
  /** sha256 of the normalized records (./records.ts): what a re-rendering keeps. */
  readonly records: string;
  readonly retrieved: string;
}

/** registry-sources/sources.lock.json */
export interface Manifest {
  readonly registry: { readonly name: string; readonly url: string; readonly updated: string };
  readonly sources: readonly SourcePin[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Reads and checks the manifest; every problem is reported with its line. */
export function readManifest(file: string, shown = file): Manifest {
  const problems = new ProblemList();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    problems.add(shown, 0, `cannot read the manifest (${(e as Error).message})`);
    problems.throwIfAny('the source manifest is missing');
    throw e;
  }
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (e) {
    problems.add(shown, 0, `not valid JSON: ${(e as Error).message}`);
    problems.throwIfAny();
  }
  const at = (key: string) => jsonLine(text, key);
  if (typeof json?.registry?.updated !== 'string' || !DATE.test(json.registry.updated)) {
    problems.add(shown, at('"updated"'), "registry.updated must be the registry's last-updated date as YYYY-MM-DD");
  }
  const sources: SourcePin[] = Array.isArray(json?.sources) ? json.sources : [];
  if (!Array.isArray(json?.sources)) problems.add(shown, 0, 'sources must be an array of pins');
  const seen = new Set<string>();
  for (const s of sources) {
    const line = at(`"${s?.name}"`);
    if (typeof s?.name !== 'string' || s.name === '') problems.add(shown, line, 'every source needs a name');
    if (!SOURCE_ROLES.includes(s?.role)) problems.add(shown, line, `${s?.name}: role must be one of ${SOURCE_ROLES.join(', ')}`);
    else if (seen.has(s.role)) problems.add(shown, line, `${s.name}: a second source with role ${s.role}`);
    else seen.add(s.role);
    if (typeof s?.url !== 'string' || !/^https:\/\/[^/]+\/.+/.test(s.url))
      problems.add(shown, line, `${s?.name}: url must be an https URL with a path`);
    if (typeof s?.sha256 !== 'string' || !SHA256.test(s.sha256))
      problems.add(shown, line, `${s?.name}: sha256 must be 64 lower-case hex digits`);
    if (typeof s?.records !== 'string' || !SHA256.test(s.records)) {
      problems.add(
        shown,
        line,
        `${s?.name}: records must be the sha256 of the normalized records (64 lower-case hex digits; npm run registry:update writes it)`,
      );
    }
    if (!Number.isSafeInteger(s?.size) || s.size <= 0) problems.add(shown, line, `${s?.name}: size must be a positive integer`);
    if (typeof s?.retrieved !== 'string' || !DATE.test(s.retrieved)) problems.add(shown, line, `${s?.name}: retrieved must be YYYY-MM-DD`);
  }
  for (const role of SOURCE_ROLES) if (!seen.has(role)) problems.add(shown, 0, `no source with role ${role}`);
  problems.throwIfAny('the source manifest has problems; nothing was written');
  return json as Manifest;
}

/** The upstream files' bytes by role. */
export type SourceBytes = Readonly<Record<SourceRole, Uint8Array>>;

/** Bytes by role, from loaded or fetched files. */
export function bytesByRole(sources: readonly { readonly pin: SourcePin; readonly bytes: Uint8Array }[]): SourceBytes {
  return Object.fromEntries(sources.map((s) => [s.pin.role, s.bytes])) as unknown as SourceBytes;
}
