/**
 * The examples in README.md run as tests, with the runner of packages/codes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeBlocks, runReadmeBlock } from '../../codes/test/helpers/readme-runner.js';

const pkg = resolve(__dirname, '..');
const blocks = readmeBlocks(readFileSync(join(pkg, 'README.md'), 'utf8'));

describe('README examples', () => {
  it('has examples', () => expect(blocks.length).toBeGreaterThanOrEqual(3));
  for (const b of blocks) {
    it(`block at README.md:${b.line}`, () => runReadmeBlock(b, { '@mailstatus/bounce': join(pkg, 'dist/index.js') }));
  }
});
