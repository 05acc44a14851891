/**
 * The built package as consumers meet it: CommonJS require, ESM import,
 * TypeScript under node16 and bundler resolution, and tree-shaking (one
 * constant must not pull the descriptions into a bundle).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkg = resolve(__dirname, '..');
const require = createRequire(import.meta.url);

describe('the built package', () => {
  it('loads with require() and import(), the same data', async () => {
    const cjs = require(join(pkg, 'dist/index.cjs'));
    const esm = await import(join(pkg, 'dist/index.js'));
    expect(cjs.ReplyCode.MailboxUnavailable).toBe(550);
    expect(esm.EnhancedStatus.BadDestinationMailboxAddress).toBe('X.1.1');
    expect(cjs.enhancedStatuses).toHaveLength(81);
    expect(esm.enhancedStatuses).toEqual(cjs.enhancedStatuses);
    expect(require(join(pkg, 'package.json')).sideEffects).toBe(false);
    expect(require(join(pkg, 'package.json')).dependencies ?? {}).toEqual({});
  });

  for (const resolution of ['node16', 'bundler'] as const) {
    it(`type-checks a consumer under moduleResolution ${resolution}`, () => {
      const dir = mkdtempSync(join(tmpdir(), `mailstatus-consumer-${resolution}-`));
      const files =
        resolution === 'node16'
          ? [resolve(__dirname, 'consumers/esm.mts'), resolve(__dirname, 'consumers/cjs.cts')]
          : [resolve(__dirname, 'consumers/esm.mts')];
      const tsconfig = {
        compilerOptions: {
          module: resolution === 'node16' ? 'node16' : 'esnext',
          moduleResolution: resolution,
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
          // resolve the package the way an installed dependency resolves
          paths: {},
        },
        files,
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      const tsc = resolve(pkg, '../../node_modules/typescript/bin/tsc');
      const out = (() => {
        try {
          return execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: pkg, encoding: 'utf8' });
        } catch (e) {
          return (e as { stdout: string }).stdout;
        }
      })();
      expect(out).toBe('');
    });
  }

  it('tree-shakes: importing one constant leaves the descriptions out', async () => {
    const bundle = async (code: string) => {
      const r = await build({
        stdin: { contents: code, resolveDir: pkg, loader: 'js' },
        bundle: true,
        write: false,
        minify: true,
        format: 'esm',
        platform: 'neutral',
        mainFields: ['module', 'main'],
      });
      return r.outputFiles[0]!.text;
    };
    const one = await bundle("import { EnhancedStatus } from '@mailstatus/codes'; console.log(EnhancedStatus.MailboxFull);");
    expect(one).toContain('X.2.2');
    expect(one).not.toContain('The mailbox specified in the address does not exist');
    expect(one).not.toContain('Requested action not taken');
    const reply = await bundle("import { ReplyCode } from '@mailstatus/codes'; console.log(ReplyCode.MailboxUnavailable);");
    expect(reply).not.toContain('mailbox unavailable');
    const all = await bundle("import * as m from '@mailstatus/codes'; console.log(m);");
    expect(all).toContain('The mailbox specified in the address does not exist');
  });
});
