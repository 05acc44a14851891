import { describe, expect, it } from 'vitest';
import { runMain } from './helpers/run-main.js';

describe('main: exit codes and streams', () => {
  it.each([
    [['explain', '5.1.1'], 0],
    [['explain', '9.9.9'], 1],
    [['list', '--search', 'zzzz-nothing'], 1],
    [['list', '--class', '9'], 2],
    [['nope'], 2],
    [[], 2],
    [['--help'], 0],
    [['registry'], 0],
  ])('%j exits %i', async (args, code) => {
    const r = await runMain(args);
    expect(r.code).toBe(code);
    if (code === 0) expect(r.out.length).toBeGreaterThan(0);
    if (code === 1 || (code === 2 && args.length > 0)) expect(r.err).toMatch(/^mailstatus: [^\n]+\n$/);
  });

  it('explain reads stdin when no argument is given', async () => {
    const r = await runMain(['explain', '--json'], { stdin: '421 4.7.0 Try again later\r\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ code: 421, enhanced: '4.7.0', outcome: 'transient' });
  });

  it('explain with no argument on a terminal is a usage error, not a hang', async () => {
    const r = await runMain(['explain'], { stdinTTY: true });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/explain needs a code or a reply/);
  });

  it('classify on a terminal says how to finish the input', async () => {
    const r = await runMain(['classify'], { stdin: '550 5.1.1 x\n', stdinTTY: true });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/press Ctrl-D/);
    expect(r.out).toMatch(/1 lines from stdin: 1 classified/);
  });

  it('colours on a terminal, not with NO_COLOR', async () => {
    expect((await runMain(['explain', '5.1.1'], { stdoutTTY: true })).out).toMatch(/\u001b\[/);
    expect((await runMain(['explain', '5.1.1'], { stdoutTTY: true, env: { NO_COLOR: '1' } })).out).not.toMatch(/\u001b\[/);
  });

  it('cuts wide tables to the terminal width', async () => {
    const r = await runMain(['list'], { stdoutTTY: true, env: { NO_COLOR: '1' } });
    for (const line of r.out.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
