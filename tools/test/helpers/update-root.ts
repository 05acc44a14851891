/**
 * Temporary repository roots for the update tests, built from the REAL
 * upstream files in ../shared: pins computed from a mirror folder, the
 * repository's reviewed names and supplement, and every output (generated
 * folder, cache, .changeset) inside the temp root, so no test touches the
 * real registry-sources/ or packages/codes/src/generated.
 */
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync as mkdtemp,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultPaths, type Paths } from '../../src/paths.js';
import { readManifest } from '../../src/sources/manifest.js';
import { locate, sha256 } from '../../src/sources/fetch.js';
import { sharedDir, sharedSkipMessage } from '../../../scripts/shared-data.mjs';
import { recordsHash } from '../../src/sources/records.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SHARED = sharedDir();
export const MIRROR = join(SHARED, 'registry-mirror');
export const HISTORY = join(SHARED, 'registry-history', '2019-07-11');
export const haveShared = existsSync(MIRROR) && existsSync(HISTORY);
if (!haveShared)
  console.warn(sharedSkipMessage('registry:update and registry:check over the upstream files', existsSync(MIRROR) ? HISTORY : MIRROR));

const made: string[] = [];
function mkdtempSync(prefix: string): string {
  const dir = mkdtemp(prefix);
  made.push(dir);
  return dir;
}
/** Removes the temp roots and mirrors made so far (call in afterAll). */
export function removeTemps(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The repository itself (read only). */
export const REPO = resolve(HERE, '../../..');
const repoPaths = defaultPaths(REPO, {});
const repoManifest = readManifest(repoPaths.lockFile);

/** The pinned names of the two files the update tests edit: the enumerated codes (CSV) and the registry (XML). */
export const CSV3 = 'smtp-enhanced-status-codes-3.csv';
export const XML = 'smtp-enhanced-status-codes.xml';

/** The path of a pinned file inside a mirror folder laid out as HOST/PATH. */
export function mirrorFile(mirror: string, name: string): string {
  const pin = repoManifest.sources.find((s) => s.name === name)!;
  return (locate(pin.url, { root: REPO, mirror }) as { path: string }).path;
}

export interface RootOptions {
  /** Registry codes to leave out of names.json (the 2019 names have no X.7.30). */
  readonly dropNames?: readonly string[];
  /** Copy registry-sources/classification.json too. */
  readonly classification?: boolean;
  /** Copy registry-sources/corrections.json (default true). */
  readonly corrections?: boolean;
  /** Extra reply codes for the supplement. */
  readonly supplement?: readonly unknown[];
}

/** A temporary root whose pins match the files in `mirror`. */
export function makeRoot(mirror: string, opts: RootOptions = {}): Paths {
  const root = mkdtempSync(join(tmpdir(), 'mailstatus-update-'));
  mkdirSync(join(root, 'registry-sources'));
  mkdirSync(join(root, '.changeset'));
  writeFileSync(join(root, 'package.json'), '{}\n');
  cpSync(join(REPO, '.changeset', 'config.json'), join(root, '.changeset', 'config.json'));
  const xml = readFileSync(mirrorFile(mirror, XML), 'utf8');
  const updated = /<updated>(\d{4}-\d{2}-\d{2})<\/updated>/.exec(xml)![1];
  const sources = repoManifest.sources.map((pin) => {
    const bytes = readFileSync(mirrorFile(mirror, pin.name));
    return { ...pin, sha256: sha256(bytes), size: bytes.length, records: recordsHash(pin.role, bytes), retrieved: '2026-11-28' };
  });
  const lock = { ...JSON.parse(readFileSync(repoPaths.lockFile, 'utf8')), registry: { ...repoManifest.registry, updated }, sources };
  writeFileSync(join(root, 'registry-sources', 'sources.lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  const names = JSON.parse(readFileSync(repoPaths.namesFile, 'utf8'));
  for (const code of opts.dropNames ?? []) delete names.enhanced[code];
  writeFileSync(join(root, 'registry-sources', 'names.json'), `${JSON.stringify(names, null, 2)}\n`);
  const supplement = JSON.parse(readFileSync(repoPaths.supplementFile, 'utf8'));
  supplement.codes.push(...(opts.supplement ?? []));
  writeFileSync(join(root, 'registry-sources', 'reply-codes.supplement.json'), `${JSON.stringify(supplement, null, 2)}\n`);
  if (opts.classification) cpSync(repoPaths.classificationFile, join(root, 'registry-sources', 'classification.json'));
  if (opts.corrections !== false && existsSync(repoPaths.correctionsFile))
    cpSync(repoPaths.correctionsFile, join(root, 'registry-sources', 'corrections.json'));
  return {
    ...defaultPaths(root, {}),
    outDir: join(root, 'packages', 'codes', 'src', 'generated'),
    cacheDir: join(root, '.cache', 'registry-sources'),
  };
}

/** A writable copy of a mirror (in its own temp folder), edited file by file. */
export function copyMirror(from: string, edits: Readonly<Record<string, (text: string) => string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailstatus-mirror-'));
  cpSync(from, dir, { recursive: true });
  for (const [name, edit] of Object.entries(edits)) {
    const file = mirrorFile(dir, name);
    chmodSync(file, 0o644);
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${name} changed nothing: the test's search text is stale`);
    writeFileSync(file, after);
  }
  return dir;
}

/** Sets the registry's last-updated date in the XML. */
export const setXmlDate = (date: string) => (xml: string) =>
  xml.replace(/<updated>\d{4}-\d{2}-\d{2}<\/updated>/, `<updated>${date}</updated>`);

/** Every file under a folder with its sha256, for "nothing was touched" checks. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = sha256(readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** A captured stdout/stderr for main(). */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out, err };
}

/** Imports a generated file of a temp root, so tests check the tables themselves rather than how the emitters print them. */
export async function importGenerated<T = Record<string, unknown>>(outDir: string, file: string): Promise<T> {
  return (await import(/* @vite-ignore */ join(outDir, file))) as T;
}

/** The repo's changesets `fixed` group (the packages every registry changeset bumps), read from .changeset/config.json. */
export function fixedGroup(): string[] {
  const config = JSON.parse(readFileSync(resolve(HERE, '../../../.changeset/config.json'), 'utf8')) as { fixed: string[][] };
  const group = config.fixed.find((g) => g.includes('@mailstatus/codes'));
  if (!group) throw new Error('.changeset/config.json has no fixed group with @mailstatus/codes');
  return group;
}
