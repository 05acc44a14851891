/**
 * classify() on the labelled bounce corpus (packages/fixtures/src/labels/
 * bounce-reasons.ts over ../shared/bounce-samples), read with the minimal
 * reader of bench/bounce-text.ts: no Sisimai needed. The floors are the
 * figures measured when the labels were made, less a small margin; the full
 * report, with every miss: npx tsx bench/labelled.ts --verbose
 */
import { describe, expect, it } from 'vitest';
import { failureLabels, figures, formatFigures, formatMisses, scoreWithReader } from '../bench/labelled.js';
import { BOUNCES, haveBounces, skipNote } from './shared.js';

describe.skipIf(skipNote(haveBounces, 'classify on the labelled bounces'))('classify on the labelled bounces', () => {
  const scored = haveBounces ? scoreWithReader(BOUNCES) : [];
  const f = figures(scored);

  it('labels every delivery failure it reads (figures printed)', () => {
    console.log(formatFigures('classify, reader text + DSN Status/Action', scored));
    expect(scored.length).toBe(failureLabels.length);
    expect(f.n).toBeGreaterThan(180);
  });
  // Measured: 97.9% reason accepted, 0% abstained, 96.4% outcome right, 100% where a code is present.
  it('gives a reason a careful operator accepts', () => {
    expect(f.reasonAccepted / f.n, formatMisses(scored)).toBeGreaterThanOrEqual(0.95);
  });
  it('says other only where nothing names a cause', () => {
    expect(f.abstained / f.n).toBeLessThanOrEqual(0.02);
  });
  it('gets the outcome right, almost always where a code is present', () => {
    expect(f.outcomeRight / f.n).toBeGreaterThanOrEqual(0.94);
    expect(f.outcomeRightWithCode / f.withCode).toBeGreaterThanOrEqual(0.99);
  });
  it('never suppresses a recipient for a problem on the sender side, ours or the network', () => {
    expect(f.wrongSideSuppressions.map((s) => s.label.file)).toEqual([]);
  });
});
