import { describe, expect, it } from 'vitest';
import { commandTable } from '../src/argv.js';
import { colorEnabled, createStyle, renderError, renderHelp, renderList, renderTable, renderRegistry } from '../src/output.js';
import { list } from '../src/commands/list.js';
import { registry } from '../src/commands/registry.js';

const plain = { style: createStyle(false), width: Infinity };
const ANSI = /\u001b\[/;

describe('colorEnabled', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true], // no-color.org: an empty NO_COLOR does not count
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, true, false], // NO_COLOR wins
  ])('%j on a TTY=%s -> %s', (env, tty, expected) => {
    expect(colorEnabled(env, tty)).toBe(expected);
  });
});

describe('renderError', () => {
  it('is one line starting with the program name, even for a message with line breaks', () => {
    const s = renderError('bad\ninput\r\n  here');
    expect(s).toBe('mailstatus: bad input here\n');
  });
  it('colours only when asked', () => {
    expect(renderError('x', createStyle(true))).toMatch(ANSI);
    expect(renderError('x')).not.toMatch(ANSI);
  });
});

describe('renderTable', () => {
  it('pads columns and cuts the widest shrinkable column to the width', () => {
    const s = renderTable(['a', 'bb'], [['xxx', 'a long cell that will not fit in the width at all']], { ...plain, width: 30 });
    const lines = s.trimEnd().split('\n');
    expect(lines[0]).toBe('a    bb');
    expect(lines[1]!.length).toBeLessThanOrEqual(30);
    expect(lines[1]).toMatch(/^xxx  a long cell.*…$/);
  });
  it('never cuts fixed columns, and cuts the widest other column first', () => {
    const rows = [['X.1.1', 'a-rather-long-name-column-value', 'short text']];
    const s = renderTable(['code', 'name', 'text'], rows, { ...plain, width: 40 }, { fixed: [0] });
    const line = s.trimEnd().split('\n')[1]!;
    expect(line.length).toBeLessThanOrEqual(40);
    expect(line.startsWith('X.1.1  ')).toBe(true);
    expect(line).toContain('…');
    expect(line).toContain('short text');
  });
  it('never cuts when the width is unknown (a pipe)', () => {
    const long = 'y'.repeat(500);
    expect(renderTable(['h'], [[long]], plain)).toContain(long);
  });
});

describe('renderHelp', () => {
  it('lists every command, the exit codes and NO_COLOR', () => {
    const s = renderHelp('1.2.3');
    for (const c of commandTable) expect(s).toContain(c.name);
    expect(s).toContain('1.2.3');
    expect(s).toMatch(/Exit codes: 0 .*1 .*2 usage error/);
    expect(s).toContain('NO_COLOR');
  });
  it.each(commandTable.map((c) => c.name))('%s --help shows its options and examples', (name) => {
    const spec = commandTable.find((c) => c.name === name)!;
    const s = renderHelp('1.2.3', name);
    for (const o of spec.options) expect(s).toContain(o.flags);
    for (const e of spec.examples) expect(s).toContain(e);
    expect(s).toContain('--json');
  });
});

describe('renderList', () => {
  it('--json is the array of registry rows', () => {
    const parsed = JSON.parse(renderList(list({ replyCodes: false }), true, plain));
    expect(parsed).toHaveLength(81);
    expect(parsed[0]).toMatchObject({ code: 'X.0.0', name: 'OtherUndefinedStatus' });
  });
  it('the table has a header and one line per entry, without colour when off', () => {
    const s = renderList(list({ replyCodes: false }), false, plain);
    const lines = s.trimEnd().split('\n');
    expect(lines).toHaveLength(82);
    expect(lines[0]).toMatch(/^code\s+classes\s+reply codes\s+name\s+sample text$/);
    expect(s).not.toMatch(ANSI);
    expect(s).toMatch(/X\.1\.1\s+4 5\s+451 550\s+BadDestinationMailboxAddress\s+Bad destination mailbox address/);
    expect(s).toMatch(/X\.5\.0\s+.*220 250 251 252 \+10/);
    expect(s).toMatch(/X\.6\.10 .*\(deprecated: use X\.6\.8\)/);
  });
  it('colours the codes when on', () => {
    expect(renderList(list({ replyCodes: false }), false, { style: createStyle(true), width: 100 })).toMatch(ANSI);
  });
  it('prints nothing for an empty result (main reports it on stderr)', () => {
    expect(renderList(list({ replyCodes: false, subject: 9 }), false, plain)).toBe('');
    expect(renderList(list({ replyCodes: false, subject: 9 }), true, plain)).toBe('[]\n');
  });
  it('lists reply codes', () => {
    const s = renderList(list({ replyCodes: true, class: 5 }), false, plain);
    expect(s).toMatch(/^550\s+MailboxUnavailable/m);
    expect(s).not.toMatch(/^250/m);
  });
});

describe('renderRegistry', () => {
  it('shows the date, each source with its full hash, and the versions', () => {
    const r = registry();
    const s = renderRegistry(r, false, { ...plain, width: 40 });
    expect(s).toContain(r.updated);
    for (const src of r.sources) expect(s).toContain(src.sha256);
    expect(s).toContain(`@mailstatus/cli ${r.versions.cli}`);
    expect(JSON.parse(renderRegistry(r, true, plain))).toEqual(JSON.parse(JSON.stringify(r)));
  });
});
