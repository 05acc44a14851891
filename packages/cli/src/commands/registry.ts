/**
 * `mailstatus registry`: which snapshot of the IANA registry and the RFCs
 * the tables come from, with the pinned sources' sha256, and the versions.
 *
 * @packageDocumentation
 */

import { enhancedStatuses, registryInfo, replyCodes, type PinnedSource } from '@mailstatus/codes';
import codesPackage from '@mailstatus/codes/package.json' with { type: 'json' };
import cliPackage from '../../package.json' with { type: 'json' };
import type { RegistryOptions } from '../argv.js';

/** What `mailstatus registry` reports. */
export interface RegistryReport {
  /** The registry's own last-updated date, `YYYY-MM-DD`. */
  readonly updated: string;
  /** The pinned upstream files the tables were generated from. */
  readonly sources: readonly PinnedSource[];
  /** How many rows the tables hold. */
  readonly counts: { readonly enhancedStatuses: number; readonly replyCodes: number };
  /** Package versions. */
  readonly versions: { readonly cli: string; readonly codes: string };
}

/** Gathers the registry report. */
export function registry(_options?: RegistryOptions): RegistryReport {
  return {
    updated: registryInfo.updated,
    sources: registryInfo.sources,
    counts: { enhancedStatuses: enhancedStatuses.length, replyCodes: replyCodes.length },
    versions: { cli: cliPackage.version, codes: codesPackage.version },
  };
}
