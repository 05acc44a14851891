/** Where the real upstream data lives for tests, and a clear skip when it is absent. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED = process.env.MAILSTATUS_SHARED ? resolve(process.env.MAILSTATUS_SHARED) : resolve(__dirname, '../../../../shared');
export const MIRROR = resolve(SHARED, 'registry-mirror');
export const BOUNCES = resolve(SHARED, 'bounce-samples');
export const haveMirror = existsSync(MIRROR);
export const haveBounces = existsSync(BOUNCES);

/** Prints why a data-driven suite is skipped, once per suite file. */
export function skipNote(ok: boolean, what: string): boolean {
  if (!ok) console.warn(`[skipped] ${what}: ${SHARED} is absent (put the shared data beside the checkout, or set MAILSTATUS_SHARED)`);
  return !ok;
}
