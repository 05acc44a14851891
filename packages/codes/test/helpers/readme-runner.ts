/**
 * Runs the ```ts blocks of a package README as tests: each block is compiled
 * and run against the built package; a line `expr; // => value` asserts that
 * `expr` deep-equals `value`, and `// throws Name` asserts the error type.
 * Shared by the README tests of the packages.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';

/** One ```ts block and the README line it starts on. */
export interface ReadmeBlock {
  readonly code: string;
  readonly line: number;
}

/** The ```ts blocks of a README. */
export function readmeBlocks(readme: string): ReadmeBlock[] {
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({ code: m[1]!, line: readme.slice(0, m.index).split('\n').length + 1 }));
}

/** Turns `expr; // => value` lines into assertions. */
function instrument(code: string, firstLine: number): string {
  return code
    .split('\n')
    .map((text, i) => {
      const line = firstLine + i;
      const eq = /^(\s*)(.+?);?\s*\/\/ => (.+)$/.exec(text);
      if (eq && !/^\s*(const|let|import|export)\b/.test(eq[2]!)) return `${eq[1]}__eq(${eq[2]}, ${eq[3]}, ${line});`;
      const th = /^(\s*)(.+?);?\s*\/\/ throws (\w+)$/.exec(text);
      if (th) return `${th[1]}__throws(() => { ${th[2]}; }, ${JSON.stringify(th[3])}, ${line});`;
      return text;
    })
    .join('\n');
}

const prelude = `
import { deepStrictEqual } from 'node:assert';
const __eq = (actual, expected, line) => {
  try { deepStrictEqual(JSON.parse(JSON.stringify(actual ?? null)), JSON.parse(JSON.stringify(expected ?? null))); }
  catch (e) { throw new Error('README.md:' + line + ': ' + e.message); }
};
const __throws = (fn, name, line) => {
  try { fn(); } catch (e) { if (e && e.name === name) return; throw new Error('README.md:' + line + ': threw ' + (e && e.name) + ', expected ' + name); }
  throw new Error('README.md:' + line + ': did not throw, expected ' + name);
};
`;

/**
 * Runs one block; `modules` maps an import specifier (`'@mailstatus/codes'`)
 * to the file it should load (the built `dist/index.js`).
 */
export async function runReadmeBlock(block: ReadmeBlock, modules: Readonly<Record<string, string>>): Promise<void> {
  let ts = instrument(block.code, block.line);
  for (const [name, file] of Object.entries(modules))
    ts = ts.replaceAll(`from '${name}'`, `from ${JSON.stringify(pathToFileURL(file).href)}`);
  const { code } = await transform(prelude + ts, { loader: 'ts', format: 'esm', target: 'node20' });
  const file = join(mkdtempSync(join(tmpdir(), 'mailstatus-readme-')), 'example.mjs');
  writeFileSync(file, code);
  await import(pathToFileURL(file).href);
}
