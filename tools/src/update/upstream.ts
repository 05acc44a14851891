/**
 * The two sets of bytes an update compares: what upstream serves now (fetched
 * through the same `fetchBytes` as the generator: canonical URL or
 * `MAILSTATUS_MIRROR`), and what the pins in sources.lock.json describe (the
 * baseline). Upstream keeps no history, so a changed file's previous bytes
 * come from the verified cache that every `npm run generate` fills, or from a
 * folder or URL given with `--baseline`. Nothing here writes: what should be
 * cached is returned, and cached only once the whole update has succeeded.
 */
import { readFileSync } from 'node:fs';
import { cachePath, checkPin, describeLocation, fetchBytes, locate, sha256, SourceError, type FetchOptions } from '../sources/fetch.js';
import { recordsHash } from '../sources/records.js';
import { SOURCE_ROLES, type Manifest, type SourceBytes, type SourcePin, type SourceRole } from '../sources/manifest.js';

/** One upstream file as served now, next to its pin. */
export interface FetchedSource {
  /** The pin in sources.lock.json. */
  readonly pin: SourcePin;
  readonly bytes: Buffer;
  /** Where the bytes came from (URL or mirror path), for messages. */
  readonly from: string;
  /** sha256 of `bytes`. */
  readonly sha256: string;
  /** sha256 of the normalized records (undefined when they cannot be read). */
  readonly records: string | undefined;
  /** Whether the records differ from the pin: upstream moved. */
  readonly changed: boolean;
  /** Set when the bytes differ from the pin but every record is the same (a re-rendering; not a change). */
  readonly note?: string;
}

/**
 * Fetches every pinned file (in parallel, so a hanging host costs one
 * timeout). Any failure is a {@link SourceError} that lists every file that
 * could not be fetched.
 */
export async function fetchUpstream(manifest: Manifest, opts: FetchOptions): Promise<FetchedSource[]> {
  const results = await Promise.allSettled(manifest.sources.map((pin) => fetchBytes(pin.name, pin.url, opts)));
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  if (errors.length > 0) {
    throw new SourceError(
      'upstream',
      `${errors.length} of ${manifest.sources.length} files could not be fetched; nothing was written:\n  ${errors.join('\n  ')}`,
    );
  }
  return manifest.sources.map((pin, i) => {
    const bytes = (results[i] as PromiseFulfilledResult<Buffer>).value;
    const from = describeLocation(locate(pin.url, opts));
    const check = checkPin(pin, bytes, from);
    const fetched = { pin, bytes, from, sha256: sha256(bytes), records: recordsHash(pin.role, bytes), changed: check.match === 'none' };
    return check.match === 'records' ? { ...fetched, note: check.note } : fetched;
  });
}

/** The pinned files' bytes, or which of them could not be found. */
export interface Baseline {
  /** Every role's pinned bytes, or undefined when any is missing. */
  readonly bytes: SourceBytes | undefined;
  /** Files found nowhere, with where they were looked for. */
  readonly missing: readonly string[];
  /** Verified files that are not cached yet (to cache after a successful update). */
  readonly toCache: readonly { readonly pin: SourcePin; readonly bytes: Buffer }[];
}

/** Where to look for the pinned files. */
export interface BaselineOptions extends FetchOptions {
  readonly cacheDir: string;
  /** A mirror (folder laid out as HOST/PATH, or http base URL) that holds the pinned files. */
  readonly baseline?: string | undefined;
}

/**
 * The pinned bytes of every file: the fetched bytes when upstream did not
 * change them, else the cache, else `--baseline`. Each is verified against its
 * pin; a file found nowhere is listed in `missing`.
 */
export async function loadBaseline(fetched: readonly FetchedSource[], opts: BaselineOptions): Promise<Baseline> {
  const found = new Map<SourceRole, Buffer>();
  const missing: string[] = [];
  const toCache: { pin: SourcePin; bytes: Buffer }[] = [];
  for (const f of fetched) {
    const cached = cachePath(opts.cacheDir, f.pin);
    const fromCache = readVerified(f.pin, cached);
    if (!f.changed) {
      found.set(f.pin.role, f.bytes);
      if (!fromCache) toCache.push({ pin: f.pin, bytes: f.bytes });
      continue;
    }
    if (fromCache) {
      found.set(f.pin.role, fromCache);
      continue;
    }
    const tried = [`${cached} (cache)`];
    if (opts.baseline) {
      const baseOpts = { ...opts, mirror: opts.baseline };
      try {
        const bytes = await fetchBytes(f.pin.name, f.pin.url, baseOpts);
        const where = describeLocation(locate(f.pin.url, baseOpts));
        if (checkPin(f.pin, bytes, where).match !== 'none') {
          found.set(f.pin.role, bytes);
          toCache.push({ pin: f.pin, bytes });
          continue;
        }
        tried.push(`--baseline: the records of ${where} do not match the pin`);
      } catch (e) {
        tried.push(`--baseline: ${(e as Error).message}`);
      }
    }
    missing.push(`${f.pin.name} (sha256 ${f.pin.sha256.slice(0, 16)}): not in ${tried.join('; ')}`);
  }
  const complete = SOURCE_ROLES.every((r) => found.has(r));
  return { bytes: complete ? (Object.fromEntries(found) as unknown as SourceBytes) : undefined, missing, toCache };
}

function readVerified(pin: SourcePin, file: string): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    return checkPin(pin, bytes, file).match === 'none' ? undefined : bytes;
  } catch {
    return undefined;
  }
}
