/**
 * Bundles the browser code with Vite (pinned in the workspace): one module
 * per page script and one stylesheet, hashed names under `assets/`, no
 * module-preload polyfill, relative base so the site works under any path.
 *
 * @packageDocumentation
 */

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import type { Assets } from './layout.js';

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
}

const ENTRIES = {
  site: 'src/client/site.ts',
  decode: 'src/client/decode.ts',
  search: 'src/client/search.ts',
  style: 'src/client/style.css',
} as const;

/** Build the client assets into `outDir` and return their paths relative to it. */
export async function bundleClient(packageDir: string, outDir: string): Promise<Assets> {
  await build({
    root: packageDir,
    base: './',
    logLevel: 'warn',
    configFile: false,
    build: {
      outDir,
      emptyOutDir: true,
      manifest: 'manifest.json',
      modulePreload: false,
      target: 'es2022',
      rollupOptions: {
        input: Object.fromEntries(Object.entries(ENTRIES).map(([k, v]) => [k, join(packageDir, v)])),
        output: {
          entryFileNames: 'assets/[name]-[hash].js',
          chunkFileNames: 'assets/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  });
  const manifestPath = join(outDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  rmSync(manifestPath);
  const file = (source: string): string => {
    const chunk = manifest[source];
    if (!chunk) throw new Error(`site build: Vite's manifest has no entry for ${source}; check ENTRIES in src/build/client-bundle.ts`);
    return chunk.file;
  };
  return { site: file(ENTRIES.site), decode: file(ENTRIES.decode), search: file(ENTRIES.search), css: file(ENTRIES.style) };
}
