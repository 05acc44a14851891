/** `npm run registry:check`: has upstream moved from the pins? Exit 0 no, 1 yes, 2 could not tell (see src/update/report.ts). */
import { main } from '../update/cli.js';

process.exitCode = await main('check', process.argv.slice(2));
