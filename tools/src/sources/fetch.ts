/**
 * One way to get an upstream file, for users' machines and for CI alike: the
 * canonical URL, or the same HOST/PATH under a mirror (`MAILSTATUS_MIRROR`, a
 * folder or an http(s) base URL). Pinned files are verified against their
 * sha256 and size, then kept in a git-ignored cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SourcePin } from './manifest.js';
import { recordsHash } from './records.js';
import { resolveFromRoot } from '../paths.js';

/** A failure to get or verify one upstream file; the message says what to do. */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'SourceError';
  }
}

export interface FetchOptions {
  /** Repository root, for relative mirror and cache paths. */
  readonly root: string;
  /** A folder laid out as HOST/PATH, or an http(s) base URL; undefined to use the canonical URLs. */
  readonly mirror?: string | undefined;
  /** Give up on a request after this long (default 30 s). */
  readonly timeoutMs?: number;
}

/** Where a canonical URL is read from under the options. */
export type Location = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'http'; readonly url: string };

/** Maps a canonical URL onto the mirror: `https://host/a/b` -> `<mirror>/host/a/b`. */
export function locate(url: string, opts: FetchOptions): Location {
  const u = new URL(url);
  if (!opts.mirror) return { kind: 'http', url };
  const rel = `${u.host}${u.pathname}`;
  if (/^https?:\/\//i.test(opts.mirror)) {
    return { kind: 'http', url: new URL(rel, opts.mirror.endsWith('/') ? opts.mirror : `${opts.mirror}/`).href };
  }
  return { kind: 'file', path: join(resolveFromRoot(opts.root, opts.mirror), ...rel.split('/')) };
}

export function describeLocation(loc: Location): string {
  return loc.kind === 'file' ? loc.path : loc.url;
}

const OFFLINE_HINT =
  'if this machine is offline, set MAILSTATUS_MIRROR to a folder laid out as HOST/PATH (developers and CI use ../shared/registry-mirror)';

/**
 * Reads the bytes of one upstream file, unverified. Every failure is a
 * {@link SourceError}. A request whose connection was reset is made once more:
 * a kept-alive connection that the server closed while idle fails the next
 * request that way, and a GET is safe to repeat.
 */
export async function fetchBytes(name: string, url: string, opts: FetchOptions): Promise<Buffer> {
  try {
    return await fetchOnce(name, url, opts);
  } catch (e) {
    if (!(e instanceof SourceError) || !/\((ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)\)/.test(e.message)) throw e;
    return fetchOnce(name, url, opts);
  }
}

async function fetchOnce(name: string, url: string, opts: FetchOptions): Promise<Buffer> {
  const loc = locate(url, opts);
  if (loc.kind === 'file') {
    try {
      return readFileSync(loc.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new SourceError(
        name,
        code === 'ENOENT'
          ? `not in the mirror: ${loc.path} does not exist (MAILSTATUS_MIRROR=${opts.mirror}); ` +
              `put ${url} there or unset MAILSTATUS_MIRROR to fetch it`
          : `cannot read ${loc.path} (${code ?? (e as Error).message})`,
      );
    }
  }
  let res: Response;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  try {
    res = await fetch(loc.url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new SourceError(name, `cannot fetch ${loc.url} (${why}); ${OFFLINE_HINT}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new SourceError(
      name,
      `${loc.url} answered HTTP ${res.status} ${res.statusText}; check the URL in registry-sources/sources.lock.json or the mirror`,
    );
  }
  let body: Buffer;
  try {
    body = Buffer.from(await res.arrayBuffer());
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    throw new SourceError(name, `the download of ${loc.url} broke off (${err.cause?.code ?? err.message}); try again`);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && !res.headers.get('content-encoding') && declared !== body.length) {
    throw new SourceError(name, `the download of ${loc.url} is truncated: ${body.length} of ${declared} bytes; try again`);
  }
  return body;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * How bytes match a pin: exactly; by their records only (a re-rendering:
 * accepted, with a note naming the file); or not at all (the problem says how
 * to update).
 */
export type PinMatch =
  { readonly match: 'bytes' } | { readonly match: 'records'; readonly note: string } | { readonly match: 'none'; readonly problem: string };

/** Checks bytes against both pins of a file: its exact bytes, then its normalized records (./records.ts). */
export function checkPin(pin: SourcePin, bytes: Uint8Array, from: string): PinMatch {
  const actual = sha256(bytes);
  if (actual === pin.sha256 && bytes.length === pin.size) return { match: 'bytes' };
  if (recordsHash(pin.role, bytes) === pin.records) {
    return {
      match: 'records',
      note:
        `${pin.name}: the bytes of ${from} differ from the pin ` +
        `(sha256 ${actual.slice(0, 12)}, ${bytes.length} bytes; pinned ${pin.sha256.slice(0, 12)}, ${pin.size} bytes) ` +
        'but every record is the same (a re-rendering: quoting, line ends or trailing spaces); accepted',
    };
  }
  return {
    match: 'none',
    problem:
      `the records of ${from} differ from those pinned in registry-sources/sources.lock.json ` +
      `(sha256 ${actual} (${bytes.length} bytes), pinned ${pin.sha256} (${pin.size} bytes)): ` +
      'upstream changed or the copy is damaged; run `npm run registry:update` to review the new upstream, or fix the mirror',
  };
}

/** Where the cache keeps a verified copy of a pinned file: `<cacheDir>/<first 16 hex of sha256>/<name>`. */
export function cachePath(cacheDir: string, pin: Pick<SourcePin, 'name' | 'sha256'>): string {
  return join(cacheDir, pin.sha256.slice(0, 16), pin.name);
}

/** Stores verified files in the cache (temp file + rename, so a reader never sees half a file). */
export function writeCache(
  cacheDir: string,
  sources: readonly { readonly pin: Pick<SourcePin, 'name' | 'sha256'>; readonly bytes: Uint8Array }[],
): void {
  for (const s of sources) {
    const file = cachePath(cacheDir, s.pin);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = join(dirname(file), `.${s.pin.name}.${process.pid}.tmp`);
    writeFileSync(tmp, s.bytes);
    renameSync(tmp, file);
  }
}

/** A pinned file's bytes and where they came from. */
export interface LoadedSource {
  readonly pin: SourcePin;
  readonly bytes: Buffer;
  readonly from: string;
  /** Set when only the records matched the pin (a re-rendering). */
  readonly note?: string;
}

/**
 * Gets every pinned file from the cache, the mirror or the network, and
 * verifies each. All files are checked before anything is cached, so a
 * mismatch in one writes nothing.
 */
export async function loadPinned(pins: readonly SourcePin[], opts: FetchOptions & { readonly cacheDir: string }): Promise<LoadedSource[]> {
  const loaded: LoadedSource[] = [];
  const errors: string[] = [];
  const toCache: LoadedSource[] = [];
  for (const pin of pins) {
    const cached = cachePath(opts.cacheDir, pin);
    try {
      const bytes = readFileSync(cached);
      const check = checkPin(pin, bytes, cached);
      if (check.match !== 'none') {
        loaded.push({ pin, bytes, from: cached, ...(check.match === 'records' ? { note: check.note } : {}) });
        continue;
      }
    } catch {
      // not cached yet
    }
    try {
      const bytes = await fetchBytes(pin.name, pin.url, opts);
      const from = describeLocation(locate(pin.url, opts));
      const check = checkPin(pin, bytes, from);
      if (check.match === 'none') throw new SourceError(pin.name, check.problem);
      const source = { pin, bytes, from, ...(check.match === 'records' ? { note: check.note } : {}) };
      loaded.push(source);
      toCache.push(source);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (errors.length > 0) {
    throw new SourceError(
      'registry-sources',
      `${errors.length} of ${pins.length} upstream files could not be used; nothing was written:\n  ${errors.join('\n  ')}`,
    );
  }
  writeCache(opts.cacheDir, toCache);
  return loaded;
}
