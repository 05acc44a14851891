/** Where the shared real bounces are: $MAILSTATUS_SHARED/bounce-samples, else ../shared beside the checkout (see scripts/shared-data.mjs). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { sharedDir } from '../../../scripts/shared-data.mjs';

export const samplesDir = resolve(sharedDir(), 'bounce-samples');
export const haveSamples = existsSync(samplesDir);
export const SKIP_SAMPLES = `${samplesDir} is absent: set MAILSTATUS_SHARED to the shared folder to run the tests on real bounces`;
