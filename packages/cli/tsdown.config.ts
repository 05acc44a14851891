import { defineConfig } from 'tsdown';

// Two ESM entries: the bin's, and the worker thread of the classify and bounce
// pool (dist/worker.mjs, found beside the chunks by `pool/runner.ts`).
// @mailstatus/codes and @mailstatus/bounce are bundled in, so a start-up
// reads a few files from dist/ instead of resolving a package
// (bench/run.mjs measures both ways). Each command is a dynamic import and
// becomes its own chunk: `mailstatus explain` never loads the classify code.
export default defineConfig({
  entry: { main: 'src/main.ts', worker: 'src/pool/worker.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: false,
  clean: true,
  sourcemap: false,
  deps: { alwaysBundle: ['@mailstatus/codes', '@mailstatus/bounce'] },
  outputOptions: { comments: { jsdoc: false, legal: true, annotation: true } },
});
