// End-to-end runs of the BUILT command (`npx tsdown` first; turbo's test task depends on build).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enhancedStatuses } from '@mailstatus/codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import cliPackage from '../package.json' with { type: 'json' };

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(pkg, 'bin', 'mailstatus.js');
const dir = mkdtempSync(join(tmpdir(), 'mailstatus-e2e-'));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin with a clean colour environment unless `env` says otherwise. */
function run(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  const r = spawnSync(process.execPath, [bin, ...args], {
    input: opts.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An error is exactly one line on stderr, starting with the program name. */
function oneLineError(r: Run): void {
  expect(r.stderr).toMatch(/^mailstatus: [^\n]+\n$/);
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(join(pkg, 'dist', 'main.mjs'))) throw new Error('dist/main.mjs is missing: run `npx tsdown` in packages/cli first');
});

describe('mailstatus explain (built)', () => {
  it('acceptance: --json prints ONE object with code, enhanced, outcome, reason, action, description', () => {
    const r = run(['explain', '550 5.1.1 <a@b>: Recipient address rejected: User unknown', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const x = JSON.parse(r.stdout);
    expect(Array.isArray(x)).toBe(false);
    expect(x).toMatchObject({ code: 550, enhanced: '5.1.1', outcome: 'permanent', reason: 'unknown-recipient', action: 'suppress' });
    expect(typeof x.description).toBe('string');
    expect(x.description.length).toBeGreaterThan(0);
  });

  it('several arguments: each explained on its own, in order; --json gives an array', () => {
    const text = run(['explain', '5.1.1', '5.7.26', '421']);
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('');
    const titles = text.stdout.split('\n').filter((l) => /^\S+ {2}/.test(l) && /^(5\.1\.1|5\.7\.26|421)\b/.test(l));
    expect(titles.map((l) => l.split(' ')[0])).toEqual(['5.1.1', '5.7.26', '421']);
    const json = run(['explain', '--json', '5.1.1', '5.7.26', '421']);
    const xs = JSON.parse(json.stdout) as { input: string }[];
    expect(xs.map((x) => x.input)).toEqual(['5.1.1', '5.7.26', '421']);
  });

  it('several arguments, one not a code: the others are explained, one error line, exit 1', () => {
    const r = run(['explain', '--json', '550', 'User', '5.1.1']);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { input: string }[]).map((x) => x.input)).toEqual(['550', '5.1.1']);
    oneLineError(r);
    expect(r.stderr).toMatch(/"User".*quote a whole reply/);
  });

  it("qmail's (#5.7.1): --json gives enhanced 5.7.1, as classify does; absent fields are left out", () => {
    const r = run(['explain', '--json', "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"]);
    expect(r.status).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x).toMatchObject({ code: 553, enhanced: '5.7.1', outcome: 'permanent' });
    expect(r.stdout).not.toContain('null');
    expect(JSON.parse(run(['explain', '--json', '5.1.1']).stdout)).not.toHaveProperty('code');
  });

  it('acceptance: 9.9.9 exits 1 with a one-line error and nothing on stdout', () => {
    const r = run(['explain', '9.9.9']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    oneLineError(r);
    expect(r.stderr).toContain('9.9.9');
  });

  it('reads a multi-line reply on stdin, with no argument or "-"', () => {
    const reply = '550-5.7.1 Blocked by policy\r\n550 5.7.1 See https://example.com/help\r\n';
    for (const args of [
      ['explain', '--json'],
      ['explain', '-', '--json'],
    ]) {
      const r = run(args, { input: reply });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'reply', code: 550, enhanced: '5.7.1' });
    }
  });

  it('text output names the registry entry, the unregistered code and what to do', () => {
    const a = run(['explain', '5.1.1']);
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/X\.1\.1 BadDestinationMailboxAddress/);
    expect(a.stdout).toMatch(/^action\s+suppress/m);
    const b = run(['explain', '5.7.606']);
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/not registered/);
  });
});

describe('mailstatus list, registry, help, version (built)', () => {
  it('acceptance: list --json prints every registry entry', () => {
    const r = run(['list', '--json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(81);
    expect(rows.map((e: { code: string }) => e.code)).toEqual(enhancedStatuses.map((e) => e.code));
  });

  it('a filter that matches nothing exits 1 with a one-line hint', () => {
    const r = run(['list', '--search', 'no-such-thing-anywhere']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    oneLineError(r);
  });

  it('registry --json has the date, the sources and the versions', () => {
    const r = run(['registry', '--json']);
    expect(r.status).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(x.sources.length).toBeGreaterThan(0);
    expect(x.versions.cli).toBe(cliPackage.version);
  });

  it('--version and --help', () => {
    expect(run(['--version'])).toEqual({ status: 0, stdout: `${cliPackage.version}\n`, stderr: '' });
    const h = run(['classify', '--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/Examples:/);
    expect(h.stdout).toMatch(/Exit codes/);
  });

  it.each([[['frobnicate']], [['list', '--class', '7']], [['explain', '--nope', '5.1.1']]])(
    'usage error %j exits 2 with one line',
    (args) => {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      oneLineError(r);
    },
  );

  it('an unknown top-level option is one line that names it, not the whole help', () => {
    const r = run(['--frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    oneLineError(r);
    expect(r.stderr).toContain('--frobnicate');
  });

  it('did you mean, for commands and options', () => {
    expect(run(['lsit']).stderr).toMatch(/did you mean list\?/);
    expect(run(['list', '--serch', 'tls']).stderr).toMatch(/did you mean --search\?/);
  });

  it('help <command> is <command> --help', () => {
    const a = run(['help', 'explain']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(run(['explain', '--help']).stdout);
    expect(a.stdout).toMatch(/Usage: mailstatus explain/);
    expect(run(['help']).stdout).toMatch(/mailstatus help <command>/);
  });

  it('no command prints the help on stderr and exits 2', () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage: mailstatus <command>/);
  });
});

describe('colours', () => {
  const ANSI = /\u001b\[/;
  it('none in a pipe, some with FORCE_COLOR, none with NO_COLOR even when forced', () => {
    expect(run(['explain', '5.1.1']).stdout).not.toMatch(ANSI);
    expect(run(['explain', '5.1.1'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ANSI);
    expect(run(['explain', '5.1.1'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
    expect(run(['list', '--json'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ANSI);
  });
});

describe('mailstatus classify (built)', () => {
  const lines = [
    'Nov 28 10:00:01 mx postfix/smtp[1]: A1: to=<a@example.com>, relay=mx[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx[192.0.2.1] said: 550 5.1.1 <a@example.com>: User unknown (in reply to RCPT TO command))',
    '451 4.7.1 Greylisted, please try again later',
    '',
    'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full',
  ];

  it('--json on stdin: one object per input line with file and line', () => {
    const r = run(['classify', '--json'], { input: `${lines.join('\n')}\n` });
    expect(r.status).toBe(0);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => [o.file, o.line])).toEqual([
      ['-', 1],
      ['-', 2],
      ['-', 3],
      ['-', 4],
    ]);
    expect(out.map((o) => o.reason ?? o.skipped)).toEqual(['unknown-recipient', 'greylisted', 'blank', 'mailbox-full']);
  });

  it('the summary counts by reason with an example each', () => {
    const file = join(dir, 'mail.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = run(['classify', file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^4 lines from .*mail\.log: 3 classified, 1 blank$/m);
    expect(r.stdout).toMatch(/^\s+1\s+33\.3%\s+permanent\s+unknown-recipient\s+suppress\s+line 1: /m);
  });

  it('a missing file exits 1 with one line and no output', () => {
    const r = run(['classify', join(dir, 'missing.log')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    oneLineError(r);
    expect(r.stderr).toMatch(/no such file/);
  });

  it('a binary file: NUL lines are skipped and counted, the rest is classified, exit 1', () => {
    const file = join(dir, 'data.bin');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('550 5.1.1 User unknown\n'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 10, 0, 0, 10])]),
    );
    const r = run(['classify', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/3 lines from .*: 1 classified, 2 binary \(skipped\)/);
    oneLineError(r);
    expect(r.stderr).toMatch(/binary data skipped.*2 lines/);
  });

  it('an empty input is an empty summary, exit 0', () => {
    const r = run(['classify']);
    expect(r).toEqual({ status: 0, stdout: '0 lines from stdin: 0 classified\n', stderr: '' });
    expect(run(['classify', '--json'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('a 1 MB single line is classified by its head and counted', () => {
    const line = `550 5.1.1 ${'x'.repeat(1024 * 1024)}`;
    const r = run(['classify', '--json'], { input: `${line}\n250 2.0.0 Ok\n` });
    expect(r.status).toBe(0);
    const out = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ line: 1, truncated: true, code: 550, enhanced: '5.1.1', reason: 'unknown-recipient' });
    expect(out[1]).toMatchObject({ line: 2, reason: 'success' });
    const s = run(['classify'], { input: `${line}\n` });
    expect(s.stdout).toMatch(/1 over 64 KiB/);
  });

  it('stops quietly when the reader goes away (| head -1)', () => {
    const file = join(dir, 'many.log');
    writeFileSync(file, '550 5.1.1 User unknown\n'.repeat(200_000));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" classify --json "${file}" | head -1`], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
  });
});
