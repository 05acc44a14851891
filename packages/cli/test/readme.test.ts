// The root README's try-it command, run exactly as written from the repository
// root after `npm ci && npm run build`: `npx mailstatus` resolves through the
// workspace's bin link (node_modules/.bin/mailstatus), with no network.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The shell lines of the README's first `sh` block that start with `npx mailstatus`. */
function tryItCommands(): string[] {
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('npx mailstatus '));
}

describe('the root README', () => {
  it('has a try-it command right after the set-up commands', () => {
    expect(tryItCommands()).toHaveLength(1);
  });

  it('runs the try-it command as written, offline, with the answer on stdout', () => {
    const [command] = tryItCommands();
    const r = spawnSync('sh', ['-c', command!], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', npm_config_offline: 'true' },
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^550 5\.1\.1 {2}Bad destination mailbox address\n/);
    expect(r.stdout).toMatch(/reason\s+unknown-recipient/);
    expect(r.stdout).toMatch(/action\s+suppress/);
  });
});
