import { describe, expect, it } from 'vitest';
import { commandTable, parseArgv, UsageError, STDIN } from '../src/argv.js';

/** Expects a UsageError whose message contains `part`. */
function usage(args: string[], part: string | RegExp): void {
  let caught: unknown;
  try {
    parseArgv(args);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(UsageError);
  const message = (caught as Error).message;
  expect(message).toMatch(part);
  expect(message).not.toContain('\n');
}

describe('parseArgv: help and version', () => {
  it.each([
    [['--help'], { command: 'help', exitCode: 0 }],
    [['-h'], { command: 'help', exitCode: 0 }],
    [[], { command: 'help', exitCode: 2 }],
    [['explain', '--help'], { command: 'help', topic: 'explain', exitCode: 0 }],
    [['list', '-h', '--class', 'nine'], { command: 'help', topic: 'list', exitCode: 0 }],
    [['--version'], { command: 'version' }],
    [['-v'], { command: 'version' }],
    [['classify', '--version'], { command: 'version' }],
  ])('%j -> %j', (args, expected) => {
    expect(parseArgv(args)).toEqual(expected);
  });
});

describe('parseArgv: explain', () => {
  it.each([
    [['explain', '5.7.26'], ['5.7.26']],
    [['explain', '550'], ['550']],
    [['explain', '550 5.1.1 <a@b>: User unknown'], ['550 5.1.1 <a@b>: User unknown']],
    // Each argument is explained on its own (documented in the help and the README).
    [
      ['explain', '5.1.1', '5.7.26', '421'],
      ['5.1.1', '5.7.26', '421'],
    ],
    [['explain', '--', '-5.1.1'], ['-5.1.1']],
  ])('%j reads %j', (args, inputs) => {
    expect(parseArgv(args)).toEqual({ command: 'explain', json: false, inputs });
  });

  it('reads stdin with no argument or "-"', () => {
    expect(parseArgv(['explain'])).toEqual({ command: 'explain', json: false, inputs: [] });
    expect(parseArgv(['explain', '-', '--json'])).toEqual({ command: 'explain', json: true, inputs: [] });
  });

  it('keeps codes as strings, as typed', () => {
    expect(parseArgv(['explain', '--json', '550'])).toEqual({ command: 'explain', json: true, inputs: ['550'] });
    expect(parseArgv(['--json', 'explain', '5.1.1'])).toEqual({ command: 'explain', json: true, inputs: ['5.1.1'] });
  });
});

describe('parseArgv: list', () => {
  it('has no filters by default', () => {
    expect(parseArgv(['list'])).toEqual({ command: 'list', json: false, replyCodes: false });
  });
  it('reads every filter', () => {
    expect(parseArgv(['list', '--class', '4', '--subject', '7', '--search', 'TLS', '--json'])).toEqual({
      command: 'list',
      json: true,
      replyCodes: false,
      class: 4,
      subject: 7,
      search: 'TLS',
    });
    expect(parseArgv(['list', '--class=5', '--search=550'])).toMatchObject({ class: 5, search: '550' });
    expect(parseArgv(['list', '--reply-codes', '--class', '3'])).toMatchObject({ replyCodes: true, class: 3 });
  });
  it('keeps option values as typed (mri would turn 1e3 into 1000 and 07 into 7)', () => {
    expect(parseArgv(['list', '--search', '1e3'])).toMatchObject({ search: '1e3' });
    expect(parseArgv(['list', '--search=0550'])).toMatchObject({ search: '0550' });
    expect(parseArgv(['list', '--search', '-'])).toMatchObject({ search: '-' });
    expect(parseArgv(['list', '--search', '-foo'])).toMatchObject({ search: '-foo' });
    expect(parseArgv(['list', '--search=--json'])).toMatchObject({ search: '--json', json: false });
  });
  it.each([
    [['list', '--class', '3'], /--class must be 2, 4 or 5/],
    [['list', '--class', 'x'], /--class must be/],
    [['list', '--class'], /--class needs a value/],
    [['list', '--subject', '1000'], /--subject must be a number from 0 to 999/],
    [['list', '--subject', '07'], /--subject must be a number from 0 to 999/],
    [['list', '--class', '05'], /--class must be 2, 4 or 5/],
    [['list', '--subject', '-1'], /--subject must be a number from 0 to 999.*"-1"/],
    [['list', '--json=yes'], /--json takes no value/],
    [['list', '--search'], /--search needs a value/],
    [['list', '--search', 'a', '--search', 'b'], /more than once/],
    [['list', '--reply-codes', '--subject', '1'], /--subject applies to enhanced status codes/],
    [['list', '--reply-codes', '--class', '6'], /--class must be 2, 3, 4 or 5/],
    [['list', 'mailbox'], /list takes no arguments.*--search/],
    [['list', '--frobnicate'], /^unknown option --frobnicate for list \(run mailstatus help list\)$/],
    [['list', '--serch', 'x'], /^unknown option --serch for list: did you mean --search\? \(run mailstatus help list\)$/],
    [['list', '--jsn'], /did you mean --json\?/],
    [['list', '-x'], /^unknown option -x for list \(run mailstatus help list\)$/],
    [['list', '--search', '--json'], /--search needs a value.*write --search=--json/],
    [['list', '--class', '--json'], /--class needs a value/],
  ])('%j is a usage error', (args, message) => usage(args, message));
});

describe('parseArgv: help <command>', () => {
  it.each([
    [['help'], { command: 'help', exitCode: 0 }],
    [['help', 'explain'], { command: 'help', topic: 'explain', exitCode: 0 }],
    [['help', 'classify'], { command: 'help', topic: 'classify', exitCode: 0 }],
    [['frob', '--help'], { command: 'help', exitCode: 0 }],
    [['--frobnicate', '--help'], { command: 'help', exitCode: 0 }],
    [['list', '--frobnicate', '-h'], { command: 'help', topic: 'list', exitCode: 0 }],
  ])('%j -> %j', (args, expected) => {
    expect(parseArgv(args)).toEqual(expected);
  });
});

describe('parseArgv: classify and registry', () => {
  it('reads stdin when no file is given', () => {
    expect(parseArgv(['classify'])).toEqual({ command: 'classify', json: false, files: [STDIN] });
  });
  it('keeps files in order, "-" included', () => {
    expect(parseArgv(['classify', 'a.log', '-', 'b.log', '--json'])).toEqual({
      command: 'classify',
      json: true,
      files: ['a.log', '-', 'b.log'],
    });
  });
  it('reads --jobs as a whole number, once', () => {
    expect(parseArgv(['classify', '--jobs', '2', 'a.log'])).toEqual({ command: 'classify', json: false, files: ['a.log'], jobs: 2 });
    expect(parseArgv(['classify', '--jobs=16'])).toMatchObject({ jobs: 16 });
    expect(() => parseArgv(['classify', '--jobs', '0'])).toThrow(/--jobs must be a whole number from 1 to 256, e.g. --jobs 2, got "0"/);
    expect(() => parseArgv(['classify', '--jobs', '2', '--jobs', '3'])).toThrow(/--jobs given more than once/);
    expect(() => parseArgv(['classify', '--jobs'])).toThrow(/--jobs needs a value/);
  });
  it('reads registry', () => {
    expect(parseArgv(['registry', '--json'])).toEqual({ command: 'registry', json: true });
  });
  it.each([
    [['registry', 'extra'], /registry takes no arguments/],
    [['classify', '--class', '5'], /unknown option --class for classify/],
    [['frob'], /^unknown command "frob": use explain, list, classify, bounce, registry or help/],
    [['lsit'], /^unknown command "lsit": did you mean list\? /],
    [['expalin', '5.1.1'], /did you mean explain\?/],
    [['--frobnicate'], /^unknown option --frobnicate \(run mailstatus --help\)$/],
    [['--jsno'], /^unknown option --jsno: did you mean --json\? \(run mailstatus --help\)$/],
    [['help', 'lst'], /^no command "lst" to show help for: did you mean list\?/],
    [['help', 'list', 'explain'], /help takes one command/],
    [['5.1.1'], /unknown command "5.1.1"/],
  ])('%j is a usage error', (args, message) => usage(args, message));
});

describe('the argv table', () => {
  it('has every command once, each with examples that name it', () => {
    expect(commandTable.map((c) => c.name)).toEqual(['explain', 'list', 'classify', 'bounce', 'registry']);
    for (const c of commandTable) {
      expect(c.examples.length).toBeGreaterThan(0);
      for (const e of c.examples) expect(e).toContain(`mailstatus ${c.name}`);
    }
  });
  it('parses every example without a usage error', () => {
    for (const c of commandTable) {
      for (const e of c.examples) {
        const words = e
          .split('|')
          .pop()!
          .trim()
          .split(' ')
          .slice(1)
          .filter((w) => !w.startsWith('>') && !w.endsWith('.ndjson'));
        // Quoted arguments are not re-split here: only the command and options matter.
        const args = words.filter((w) => !w.startsWith('"'));
        expect(() => parseArgv(args), e).not.toThrow();
        expect(parseArgv(args).command, e).toBe(c.name);
      }
    }
  });
});
