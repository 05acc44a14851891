/** Where the shared real bounces are: $MAILSTATUS_SHARED/bounce-samples, else ../shared beside the checkout. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const samplesDir = resolve(process.env.MAILSTATUS_SHARED ?? join(__dirname, '../../../../shared'), 'bounce-samples');
export const haveSamples = existsSync(samplesDir);
export const SKIP_SAMPLES = `${samplesDir} is absent: set MAILSTATUS_SHARED to the shared folder to run the tests on real bounces`;
