import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CI_SEED, propertySeed } from './setup.js';

describe('the seed of the property tests (test/setup.ts)', () => {
  it('is FC_SEED when given, else the fixed CI seed under CI, else left to fast-check', () => {
    expect(propertySeed({ FC_SEED: '374094100' })).toBe(374094100);
    expect(propertySeed({ FC_SEED: '-7', CI: 'true' })).toBe(-7);
    expect(propertySeed({ CI: 'true' })).toBe(CI_SEED);
    expect(propertySeed({ CI: '1' })).toBe(CI_SEED);
    expect(propertySeed({ CI: 'false' })).toBeUndefined();
    expect(propertySeed({ CI: '', FC_SEED: '' })).toBeUndefined();
    expect(propertySeed({})).toBeUndefined();
  });

  it('refuses an FC_SEED that is not an integer, naming it', () => {
    expect(() => propertySeed({ FC_SEED: 'abc' })).toThrow(/FC_SEED must be an integer .*"abc"/);
    expect(() => propertySeed({ FC_SEED: '1.5' })).toThrow(/"1\.5"/);
  });

  it('is the one fast-check runs this file with', () => {
    expect(fc.readConfigureGlobal().seed).toBe(propertySeed(process.env));
  });
});
