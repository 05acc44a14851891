/** Where the real upstream data lives for tests, and a clear skip when it is absent (see scripts/shared-data.mjs). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sharedDir, sharedSkipMessage } from '../../../scripts/shared-data.mjs';

export const SHARED = sharedDir();
export const MIRROR = resolve(SHARED, 'registry-mirror');
export const BOUNCES = resolve(SHARED, 'bounce-samples');
export const haveMirror = existsSync(MIRROR);
export const haveBounces = existsSync(BOUNCES);

/** Prints why a data-driven suite is skipped and how to run it, once per suite file; returns whether to skip. */
export function skipNote(ok: boolean, what: string, path: string = SHARED): boolean {
  if (!ok) console.warn(sharedSkipMessage(what, path));
  return !ok;
}
