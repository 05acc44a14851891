/**
 * parseBounce on the real bounces of ../shared/bounce-samples against the
 * judged expectations in @mailstatus/fixtures (labels/bounce-reports.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bounceReasons, bounceReports, sisimaiVerdicts } from '@mailstatus/fixtures';
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../src/index.js';
import { haveSamples, samplesDir, SKIP_SAMPLES } from './shared.js';

if (!haveSamples) console.warn(`labels.test.ts skipped: ${SKIP_SAMPLES}`);

describe.skipIf(!haveSamples)('parseBounce on the shared real bounces', () => {
  it('has a label for every sample and no label without a sample', () => {
    const files = readdirSync(samplesDir)
      .filter((f) => f.endsWith('.eml'))
      .sort();
    expect(bounceReports.map((l) => l.file).sort()).toEqual(files);
  });

  for (const label of bounceReports) {
    it(label.file, () => {
      const report = parseBounce(readFileSync(join(samplesDir, label.file)));
      expect(report.kind).toBe(label.kind);
      const got =
        report.recipients.length === 0
          ? [{ recipient: null, status: null, code: null }]
          : report.recipients.map((x) => ({ recipient: x.recipient.toLowerCase(), status: x.status ?? null, code: x.code ?? null }));
      expect(got).toEqual(label.recipients);
      // The outcome of each delivery failure, as labelled in bounce-reasons.ts.
      for (const reason of bounceReasons.filter((b) => b.file === label.file && b.excluded === undefined)) {
        const x =
          report.recipients.find((y) => y.recipient.toLowerCase() === reason.recipient) ??
          (report.recipients.length === 1 ? report.recipients[0] : undefined);
        expect(x?.classification.outcome, `${label.file} ${reason.recipient}`).toBe(reason.outcome);
      }
    });
  }

  it('gives a reason the labels accept to all but at most 1 of the labelled failures', () => {
    const judged = bounceReasons.filter((b) => b.excluded === undefined);
    const reports = new Map(judged.map((b) => [b.file, parseBounce(readFileSync(join(samplesDir, b.file)))]));
    const refused = judged.filter((b) => {
      const report = reports.get(b.file)!;
      const x =
        report.recipients.find((y) => y.recipient.toLowerCase() === b.recipient) ??
        (report.recipients.length === 1 ? report.recipients[0] : undefined);
      return x === undefined || !b.reasons.includes(x.classification.reason);
    });
    expect(judged.length).toBe(195);
    const names = refused.map((b) => `${b.file} ${b.recipient}`);
    expect(names.length, names.join(', ')).toBeLessThanOrEqual(1);
  });

  it('every verdict names a labelled file, and its recipient when ours', () => {
    for (const v of sisimaiVerdicts) {
      const label = bounceReports.find((l) => l.file === v.file);
      expect(label, v.file).toBeDefined();
      if (v.sisimai === null || v.field !== 'recipient')
        expect(
          label!.recipients.map((x) => x.recipient),
          `${v.file} ${v.recipient}`,
        ).toContain(v.recipient);
    }
  });
});
