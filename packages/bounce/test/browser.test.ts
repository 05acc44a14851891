/**
 * The package bundles for browsers and workers: esbuild with platform
 * "browser" and every Node built-in marked missing must succeed (a `node:`
 * import anywhere in the graph would fail it). The gzip size is printed by
 * bench/run.mjs.
 */
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkg = resolve(__dirname, '..');

describe('browser bundle', () => {
  it('builds from the sources with no Node built-ins', async () => {
    const denied: string[] = [];
    const result = await build({
      entryPoints: [join(pkg, 'src/index.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      logLevel: 'silent',
      plugins: [
        {
          name: 'no-node-builtins',
          setup(b) {
            const names = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
            b.onResolve({ filter: /.*/ }, (args) => {
              if (names.has(args.path) || args.path.startsWith('node:')) {
                denied.push(`${args.path} (imported by ${args.importer})`);
                return { path: args.path, external: true };
              }
              return undefined;
            });
          },
        },
      ],
    });
    expect(denied).toEqual([]);
    expect(result.outputFiles[0]!.text).toContain('parseBounce');
  });
});
