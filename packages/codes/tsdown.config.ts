import { defineConfig } from 'tsdown';

// Two entries: the platform-neutral core and `./node` (the Node stream
// Transform, the one module that imports a Node built-in).
// One module per source file (unbundled), so bundlers can drop the tables a
// program does not import; ESM and CommonJS, each with its own declarations.
export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
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
