import { enhancedStatuses, registryInfo, replyCodes } from '@mailstatus/codes';
import { describe, expect, it } from 'vitest';
import cliPackage from '../package.json' with { type: 'json' };
import { registry } from '../src/commands/registry.js';

describe('registry', () => {
  const report = registry();
  it('reports the registry date and every pinned source with its full sha256', () => {
    expect(report.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.updated).toBe(registryInfo.updated);
    expect(report.sources).toEqual(registryInfo.sources);
    expect(report.sources.length).toBeGreaterThan(0);
    for (const s of report.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('reports the versions and the table sizes', () => {
    expect(report.versions.cli).toBe(cliPackage.version);
    expect(report.versions.codes).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.counts).toEqual({ enhancedStatuses: enhancedStatuses.length, replyCodes: replyCodes.length });
  });
});
