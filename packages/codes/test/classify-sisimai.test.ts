/**
 * classify() against Sisimai, the reference bounce analyser, over the real
 * bounce corpus in ../shared/bounce-samples. Sisimai runs at test time
 * (bench/sisimai-dump.pl); nothing from the corpus is stored in the repository.
 * The full report, with every disagreement: npx tsx bench/sisimai-compare.ts --verbose
 */
import { describe, expect, it } from 'vitest';
import { compare, formatReport, haveSisimai, runSisimai } from '../bench/sisimai-compare.js';
import { bounceReasons } from '../../fixtures/src/labels/bounce-reasons.js';
import { BOUNCES, haveBounces, skipNote } from './shared.js';

const sisimai = haveBounces && haveSisimai();
if (haveBounces && !sisimai)
  console.warn('[skipped] classify vs Sisimai: perl cannot load Sisimai (Debian: apt-get install libsisimai-perl)');

describe.skipIf(skipNote(haveBounces, 'classify vs Sisimai', BOUNCES) || !sisimai)('classify vs Sisimai on the bounce corpus', () => {
  const { version, records } = sisimai ? runSisimai(BOUNCES) : { version: '', records: [] };
  const report = compare(records);

  it('agrees with Sisimai on most recipients (figures printed)', () => {
    console.log(formatReport(version, report));
    expect(report.compared.length).toBeGreaterThan(150);
    // Measured against Sisimai 4.25.15: 70.2% strict, 72% with the DSN status, 76% once Sisimai 4's
    // older taxonomy (SPF/DKIM/DMARC/PTR under 'blocked') is allowed. The
    // floors leave a little room for extractor changes.
    expect(report.agreement).toBeGreaterThanOrEqual(0.65);
    expect(report.agreementSisimai4).toBeGreaterThanOrEqual(0.72);
    expect(report.agreementWithStatus).toBeGreaterThanOrEqual(report.agreement - 0.02);
  });

  // Where the reply leaves no room for opinion, we must agree (almost) always;
  // a reason the labelled set also accepts counts as agreement (the label
  // judged both readings right: Outlook's "domain is not reachable").
  const labelled = new Map(bounceReasons.map((l) => [`${l.file} ${l.recipient}`, l]));
  const accepted = (c: (typeof report.compared)[number]) =>
    c.agrees || (labelled.get(`${c.record.file} ${c.record.recipient.toLowerCase()}`)?.reasons.includes(c.ours.reason) ?? false);
  it.each(['userunknown', 'mailboxfull', 'norelaying', 'mesgtoobig', 'exceedlimit', 'virusdetected', 'suspend', 'hostunknown'])(
    'agrees on %s',
    (reason) => {
      const mine = report.compared.filter((c) => c.record.reason === reason);
      if (mine.length === 0) return;
      const agreed = mine.filter(accepted).length;
      expect(
        agreed / mine.length,
        mine
          .filter((c) => !accepted(c))
          .map((c) => `${c.record.file}: ${c.ours.reason}`)
          .join('\n'),
      ).toBeGreaterThanOrEqual(0.9);
    },
  );

  it('never says success or suppress for what Sisimai calls a temporary failure of the network', () => {
    for (const c of report.compared) {
      if (c.record.reason === 'networkerror' || c.record.reason === 'expired') {
        expect(c.ours.outcome, c.record.file).not.toBe('success');
        expect(c.ours.action, c.record.file).not.toBe('suppress');
      }
    }
  });
});
