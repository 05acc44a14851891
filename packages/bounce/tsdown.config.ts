import { defineConfig } from 'tsdown';

// One module per source file (unbundled), so bundlers can drop the tables a
// program does not import; ESM and CommonJS, each with its own declarations.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  unbundle: true,
  dts: true,
  platform: 'neutral',
  target: 'es2022',
  sourcemap: false,
  clean: true,
  // TSDoc stays in the .d.ts files; the JavaScript keeps only PURE annotations.
  outputOptions: { comments: { jsdoc: false, legal: false, annotation: true } },
});
