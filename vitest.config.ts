/**
 * The one vitest config: a project per workspace of the root package.json,
 * named after its package, running `test/**\/*.test.ts` from the package's
 * folder. A package's `npm test` runs its own project through turbo
 * (`vitest run --config ../../vitest.config.ts --project $npm_package_name`);
 * a new workspace needs nothing here. A package's `test/setup.ts`, when it
 * has one, runs before each of its test files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOT = dirname(fileURLToPath(import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const workspaces: string[] = readJson('package.json').workspaces;

export default defineConfig({
  test: {
    projects: workspaces.map((dir) => ({
      test: {
        name: readJson(join(dir, 'package.json')).name as string,
        root: join(ROOT, dir),
        include: ['test/**/*.test.ts'],
        setupFiles: existsSync(join(ROOT, dir, 'test/setup.ts')) ? ['test/setup.ts'] : [],
        testTimeout: 60_000,
      },
    })),
  },
});
