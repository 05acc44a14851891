/**
 * Everything an update would do, worked out in memory: fetch upstream, plan
 * the names, build and validate the new model, build the model of the pinned
 * files, diff the two, apply the semver policy. Both `registry:check` and
 * `registry:update` run this; only the update then writes (commands.ts).
 * Failures throw (SourceError, GeneratorError, BaselineError); things a
 * person must decide are returned as `blockers`.
 */
import { readFileSync } from 'node:fs';
import { display, type Paths } from '../paths.js';
import { GeneratorError, ProblemList, type Problem } from '../problems.js';
import { readCorrections, withoutDropped, type CorrectionsFile, type DroppedCorrection } from '../load/corrections.js';
import { jsonInMemory, readJsonFile, type JsonFile } from '../load/json.js';
import { readEnumerated, readRegistryUpdated } from '../load/registry.js';
import type { SupplementFile } from '../load/reviewed.js';
import { readRfc5321 } from '../load/rfc5321.js';
import type { Model } from '../model/model.js';
import { buildFromSources } from '../generate.js';
import { bytesByRole, readManifest, type Manifest, type SourceBytes, type SourcePin } from '../sources/manifest.js';
import { bumpOf, diffModels, namesOnlyDiff, removals, type Bump, type RegistryDiff } from './diff.js';
import { namesFor, planNames, type Nameable, type NamesData, type NamesPlan } from './names.js';
import { planClassification, type RulesPlan } from './rules.js';
import { fetchUpstream, loadBaseline, type FetchedSource } from './upstream.js';

/** How to fetch, where to find the pinned files, and what to accept. */
export interface PlanOptions {
  /** A folder laid out as HOST/PATH or an http(s) base URL (MAILSTATUS_MIRROR); undefined for the canonical URLs. */
  readonly mirror?: string | undefined;
  /** Give up on a request after this long (default 30 s). */
  readonly timeoutMs?: number | undefined;
  /** Where the pinned files can be found when the cache does not have them. */
  readonly baseline?: string | undefined;
  /** Without the pinned files, diff against names.json only instead of failing. */
  readonly allowPartialDiff?: boolean | undefined;
  /** Accept entries or rows that upstream removed (a major release). */
  readonly allowRemovals?: boolean | undefined;
  /** The date written as `retrieved` (YYYY-MM-DD); default today (UTC). */
  readonly today?: string | undefined;
}

/** An upstream file whose bytes moved. */
export interface FileChange {
  readonly name: string;
  readonly role: SourcePin['role'];
  readonly from: { readonly sha256: string; readonly size: number };
  readonly to: { readonly sha256: string; readonly size: number };
}

/** Everything an update would do, worked out in memory. */
export interface Plan {
  /** True when every upstream file matches its pin: nothing to do. */
  readonly unchanged: boolean;
  readonly files: readonly FileChange[];
  readonly diff: RegistryDiff;
  readonly bump: Bump;
  readonly names: NamesPlan;
  /** Why the update must not be written as it is (each says what to do). */
  readonly blockers: readonly string[];
  /** sources.lock.json after the update, and its text. */
  readonly manifest: Manifest;
  readonly lockText: string;
  /** The validated model of the new upstream, classification rules included (undefined when unchanged or blocked by the rules). */
  readonly model: Model | undefined;
  /** Content defects of the new upstream (each with what the tables do about it). */
  readonly warnings: readonly Problem[];
  /** Files whose bytes moved while every record stayed (re-renderings: accepted, not a change). */
  readonly notes: readonly string[];
  /** classification.json and its derived-rules record after the update (undefined without classification.json). */
  readonly rules: RulesPlan | undefined;
  /** Reviewed corrections that upstream made obsolete, and corrections.json without them. */
  readonly corrections: { readonly dropped: readonly DroppedCorrection[]; readonly text: string };
  /** Verified files to put in the cache once the update succeeded: the baseline's and the new ones. */
  readonly toCache: readonly { readonly pin: SourcePin; readonly bytes: Uint8Array }[];
}

/** The pinned files are needed for the diff and could not be found. */
export class BaselineError extends Error {
  constructor(missing: readonly string[]) {
    super(
      'cannot compare with the pinned upstream: upstream changed these files and their pinned versions are not available:\n' +
        `  ${missing.join('\n  ')}\n` +
        'The cache is filled by npm run generate while the pins still match upstream. ' +
        'Pass --baseline DIR|URL with a mirror of the pinned files, or --allow-partial-diff to compare with ' +
        'registry-sources/names.json only (added and removed codes; changes to existing entries are not listed). Nothing was written.',
    );
    this.name = 'BaselineError';
  }
}

/** Fetches upstream and works out the update; writes nothing. */
export async function planUpdate(paths: Paths, opts: PlanOptions = {}): Promise<Plan> {
  const manifest = readManifest(paths.lockFile, display(paths.root, paths.lockFile));
  const fetchOpts = { root: paths.root, mirror: opts.mirror, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
  const fetched = await fetchUpstream(manifest, fetchOpts);
  const files = fetched.filter((f) => f.changed).map(fileChange);
  const baseline = await loadBaseline(fetched, { ...fetchOpts, cacheDir: paths.cacheDir, baseline: opts.baseline });
  const names = readJsonFile<NamesData>(paths.namesFile, display(paths.root, paths.namesFile));
  const supplement = readJsonFile<SupplementFile>(paths.supplementFile, display(paths.root, paths.supplementFile));
  const lockText = readFileSync(paths.lockFile, 'utf8');

  if (files.length === 0) {
    const same = { from: manifest.registry.updated, to: manifest.registry.updated };
    const none = { enhanced: {}, reply: {} };
    return {
      unchanged: true,
      files,
      diff: { updated: same, added: [], removed: [], changed: [], renamed: [], tables: [], complete: true },
      bump: 'none',
      names: { data: names.data, text: names.text, added: none, removed: none, toReview: [] },
      blockers: [],
      manifest,
      lockText,
      model: undefined,
      warnings: [],
      notes: fetched.flatMap((f) => (f.note ? [f.note] : [])),
      rules: undefined,
      corrections: { dropped: [], text: '' },
      toCache: baseline.toCache,
    };
  }

  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const newManifest = pinsAfter(manifest, lockText, fetched, today);
  const next = buildNew(paths, newManifest, bytesByRole(fetched), { names, supplement, today });
  let diff: RegistryDiff;
  if (baseline.bytes) diff = diffModels(buildPinned(paths, manifest, baseline.bytes, names, supplement), next.bare);
  else if (opts.allowPartialDiff)
    diff = namesOnlyDiff({ enhanced: names.data.enhanced ?? {}, reply: names.data.reply ?? {} }, manifest.registry.updated, next.bare);
  else throw new BaselineError(baseline.missing);

  const blockers = [...next.blockers];
  const removed = removals(diff);
  if (removed.length > 0 && !opts.allowRemovals) {
    blockers.push(
      `upstream removed ${removed.join(', ')}: a removal is a major change; ` +
        'review it, then run npm run registry:update -- --allow-removals',
    );
  }
  blockers.push(...next.ruleBlockers);
  const newSources = fetched
    .filter((f) => f.changed)
    .map((f) => ({ pin: newManifest.sources.find((p) => p.role === f.pin.role)!, bytes: f.bytes }));
  return {
    unchanged: false,
    files,
    diff,
    bump: bumpOf(diff, true),
    names: next.names,
    blockers,
    manifest: newManifest,
    lockText: `${JSON.stringify(newManifest, null, 2)}\n`,
    model: next.model,
    warnings: next.bare.warnings,
    notes: fetched.flatMap((f) => (f.note ? [f.note] : [])),
    rules: next.rules,
    corrections: next.corrections,
    toCache: [...baseline.toCache, ...newSources],
  };
}

/** sources.lock.json after the update: files that moved get their new hash, size and today's date; the registry date comes from the XML. */
function pinsAfter(manifest: Manifest, lockText: string, fetched: readonly FetchedSource[], today: string): Manifest {
  const lock = JSON.parse(lockText) as Manifest; // keeps "$comment" and the key order
  const xml = fetched.find((f) => f.pin.role === 'registry-xml')!;
  // The build reports a missing date.
  const updated = readRegistryUpdated(xml.bytes, xml.pin.name, new ProblemList()) ?? manifest.registry.updated;
  const sources = manifest.sources.map((pin) => {
    const f = fetched.find((x) => x.pin.role === pin.role)!;
    const moved = f.changed || f.note !== undefined; // a re-rendering gets the new bytes pinned too
    return moved ? { ...pin, sha256: f.sha256, size: f.bytes.length, records: f.records!, retrieved: today } : pin;
  });
  return { ...lock, registry: { ...lock.registry, updated }, sources };
}

/**
 * The new upstream's model, with the names planned for it. Reply codes the
 * registry names that nobody defines get placeholders (a blocker: a person
 * defines them); classification rules the new registry lacks are derived and
 * those of removed entries moved (rules.ts), so that only a rule file a
 * person broke blocks; any other problem is a broken upstream and throws.
 */
function buildNew(
  paths: Paths,
  manifest: Manifest,
  bytes: SourceBytes,
  r: { names: JsonFile<NamesData>; supplement: JsonFile<SupplementFile>; today: string },
) {
  const { names, supplement } = r;
  const blockers: string[] = [];
  const pre = preRead(bytes, supplement.data);
  for (const [code, by] of pre.undefinedCodes) {
    blockers.push(
      `${by.join(', ')} name${by.length > 1 ? '' : 's'} reply code ${code}, ` +
        `which neither RFC 5321 section 4.2.3 nor ${supplement.file} defines: ` +
        'add it to the supplement with its defining RFC and text, then run npm run registry:update again',
    );
  }
  const placeholders = [...pre.undefinedCodes.keys()].map((code) => ({ code, text: `Reply ${code}`, references: ['RFC5321'] }));
  const planned = planNames(
    names.data,
    pre.entries,
    [...pre.defined, ...placeholders.map((p) => ({ code: String(p.code), text: p.text }))],
    names.file,
  );
  const withPlaceholders = { ...supplement.data, codes: [...(supplement.data.codes ?? []), ...placeholders] };
  const reviewed = {
    names: jsonInMemory<NamesData>(planned.text, names.file),
    ...(placeholders.length > 0
      ? { supplement: jsonInMemory<SupplementFile>(JSON.stringify(withPlaceholders, null, 2), supplement.file) }
      : {}),
    corrections: readCorrections(paths),
  };
  const bare = buildFromSources(paths, manifest, bytes, { ...reviewed, classification: null });
  // The tables are built with the corrections file as it will be written (without those upstream made obsolete).
  const corrections = { dropped: bare.droppedCorrections, text: withoutDropped(reviewed.corrections, bare.droppedCorrections) };
  const after =
    corrections.dropped.length === 0
      ? reviewed
      : { ...reviewed, corrections: jsonInMemory<CorrectionsFile>(corrections.text, reviewed.corrections.file) };
  const rules = planClassification(paths, manifest, bytes, after, bare, r.today);
  return { bare, ...rules, names: planned, blockers, corrections };
}

/**
 * The model of the pinned files, with the names they were published with. A
 * reply code counts as published when it has a name: one added to the
 * supplement for this update is new, not part of the old tables.
 */
function buildPinned(
  paths: Paths,
  manifest: Manifest,
  bytes: SourceBytes,
  names: JsonFile<NamesData>,
  supplement: JsonFile<SupplementFile>,
): Model {
  const published = names.data.reply ?? {};
  const oldSupplement = { ...supplement.data, codes: (supplement.data.codes ?? []).filter((c) => published[String(c.code)] !== undefined) };
  const old = preRead(bytes, oldSupplement);
  const oldNames = namesFor(
    { enhanced: names.data.enhanced ?? {}, reply: published },
    old.entries.map((e) => e.code),
    old.defined.map((r) => r.code),
  );
  try {
    return buildFromSources(paths, manifest, bytes, {
      names: jsonInMemory(JSON.stringify(oldNames, null, 2), names.file),
      supplement: jsonInMemory(JSON.stringify(oldSupplement, null, 2), supplement.file),
      classification: null,
    });
  } catch (e) {
    if (!(e instanceof GeneratorError)) throw e;
    throw new GeneratorError(
      e.problems,
      'the pinned files do not build with the current registry-sources/, so there is nothing sound to compare with ' +
        '(npm run generate shows the same); nothing was written',
    );
  }
}

function fileChange(f: FetchedSource): FileChange {
  return {
    name: f.pin.name,
    role: f.pin.role,
    from: { sha256: f.pin.sha256, size: f.pin.size },
    to: { sha256: f.sha256, size: f.bytes.length },
  };
}

/**
 * A quick read of what needs names: the entries with their sample text, the
 * reply codes RFC 5321 or the supplement define (with their text), and reply
 * codes the registry names that neither defines. Problems are left to the
 * full build, which reports them with lines.
 */
function preRead(bytes: SourceBytes, supplement: SupplementFile) {
  const scratch = new ProblemList();
  const raw = readEnumerated(bytes.enumerated, '-3.csv', scratch);
  const entries = raw.map((e): Nameable => ({ code: e.code, text: e.sample }));
  const rfc = readRfc5321(Buffer.from(bytes.rfc5321).toString('utf8'), 'rfc5321.txt', scratch);
  const defined = new Map<number, string>(rfc.replyCodes.map((r) => [r.code, r.text]));
  for (const s of Array.isArray(supplement?.codes) ? supplement.codes : []) if (!defined.has(s.code)) defined.set(s.code, s.text ?? '');
  const undefinedCodes = new Map<number, string[]>();
  for (const e of raw) {
    for (const code of e.replyCodes.codes) {
      if (!defined.has(code)) undefinedCodes.set(code, [...(undefinedCodes.get(code) ?? []), e.code]);
    }
  }
  return { entries, defined: [...defined].map(([code, text]): Nameable => ({ code: String(code), text })), undefinedCodes };
}
