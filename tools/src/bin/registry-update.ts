/** `npm run registry:update`: review and apply a new upstream. Exit 0 done, 1 refused, 2 failed (see src/update/report.ts). */
import { main } from '../update/cli.js';

process.exitCode = await main('update', process.argv.slice(2));
