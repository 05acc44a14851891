#!/usr/bin/env node
// The `mailstatus` command: everything lives in dist/main.mjs (built from src/).
import { main } from '../dist/main.mjs';

process.exitCode = await main();
