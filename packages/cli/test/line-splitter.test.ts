import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineInfo } from '../src/line-splitter.js';
import { prng } from '../../../scripts/prng.mjs';

type Line = [string, LineInfo];

/** Splits `input` fed in chunks of `size` bytes. */
function split(input: Buffer | string, size: number, max?: number): Line[] {
  const buf = typeof input === 'string' ? Buffer.from(input) : input;
  const s = new LineSplitter(max);
  const out: Line[] = [];
  const on = (t: string, i: LineInfo) => out.push([t, i]);
  for (let i = 0; i < buf.length; i += size) s.push(buf.subarray(i, i + size), on);
  s.end(on);
  return out;
}

const plain: LineInfo = { truncated: false, binary: false };

describe('LineSplitter', () => {
  const cases: [string, string | Buffer, Line[]][] = [
    ['empty input', '', []],
    ['one line without LF', 'abc', [['abc', plain]]],
    [
      'LF line ends',
      'a\nbb\n',
      [
        ['a', plain],
        ['bb', plain],
      ],
    ],
    [
      'CRLF line ends',
      'a\r\nbb\r\n',
      [
        ['a', plain],
        ['bb', plain],
      ],
    ],
    ['a CR inside a line stays', 'a\rb\n', [['a\rb', plain]]],
    [
      'blank lines count',
      '\n\nx\n',
      [
        ['', plain],
        ['', plain],
        ['x', plain],
      ],
    ],
    ['UTF-8', 'é ü\n', [['é ü', plain]]],
  ];
  for (const [name, input, expected] of cases) {
    it.each([1, 2, 3, 7, 1024])(`${name}, chunks of %i`, (size) => {
      expect(split(input, size)).toEqual(expected);
    });
  }

  it.each([1, 3, 5, 64])('cuts a long line to the limit and skips the rest of it (chunks of %i)', (size) => {
    const out = split('0123456789ABCDEF\nok\n', size, 10);
    expect(out).toEqual([
      ['0123456789', { truncated: true, binary: false }],
      ['ok', plain],
    ]);
  });

  it.each([1, 4, 64])('a line of exactly the limit is not cut, CRLF or not (chunks of %i)', (size) => {
    expect(split('0123456789\r\n0123456789\n', size, 10)).toEqual([
      ['0123456789', plain],
      ['0123456789', plain],
    ]);
  });

  it.each([1, 4, 64])('a long CRLF line is cut to the limit, its CR left out (chunks of %i)', (size) => {
    expect(split('0123456789AB\r\n', size, 10)).toEqual([['0123456789', { truncated: true, binary: false }]]);
  });

  it.each([1, 3, 64])('reports lines with NUL as binary, even past the kept head (chunks of %i)', (size) => {
    const input = Buffer.concat([Buffer.from('ok\nbad\u0000line\n0123456789AB'), Buffer.from([0]), Buffer.from('\nlast')]);
    expect(split(input, size, 10)).toEqual([
      ['ok', plain],
      ['', { truncated: false, binary: true }],
      ['', { truncated: false, binary: true }],
      ['last', plain],
    ]);
  });

  it('holds at most the limit of one line, however long it is', () => {
    const s = new LineSplitter(1024);
    const chunk = Buffer.alloc(1 << 20, 0x61);
    const lines: Line[] = [];
    for (let i = 0; i < 64; i++) s.push(chunk, (t, info) => lines.push([t, info]));
    // 64 MiB into one line: the splitter's internal head never grows past the limit.
    expect((s as unknown as { carryBytes: number }).carryBytes).toBeLessThanOrEqual(1025);
    s.push(Buffer.from('\n'), (t, info) => lines.push([t, info]));
    expect(lines).toHaveLength(1);
    expect(lines[0]![0]).toHaveLength(1024);
    expect(lines[0]![1]).toEqual({ truncated: true, binary: false });
  });

  it('rejects a nonsensical limit', () => {
    expect(() => new LineSplitter(0)).toThrow(RangeError);
  });
});

describe('LineSplitter: a chunk decoded whole (all ASCII) gives the text of each line decoded alone', () => {
  /** The lines as decoding each one alone gives them (what the splitter did for every chunk before). */
  function reference(buf: Buffer, max: number): Line[] {
    const out: Line[] = [];
    let start = 0;
    while (start < buf.length) {
      let end = buf.indexOf(10, start);
      const last = end === -1;
      if (last) end = buf.length;
      let stop = end;
      if (stop > start && buf[stop - 1] === 13) stop--;
      const bytes = stop - start;
      out.push([buf.toString('utf8', start, start + Math.min(bytes, max)), { truncated: bytes > max, binary: false }]);
      start = end + 1;
    }
    return out;
  }
  // ASCII lines, lines with UTF-8 and with bytes that are not UTF-8, CRLF, and lines over the limit, in one input.
  const parts = [
    'Nov 28 postfix/smtp: 550 5.1.1 user unknown',
    'Zustellung fehlgeschlagen: Postfach voll',
    'r\u00e9ponse 452 bo\u00eete pleine',
    'x'.repeat(70),
    '\r',
    '',
  ];
  const draw = prng(7);
  const rnd = (n: number) => Math.floor(draw() * n);
  const lines: Buffer[] = [];
  for (let i = 0; i < 400; i++) {
    const p = parts[rnd(parts.length)]!;
    lines.push(
      rnd(9) === 0 ? Buffer.concat([Buffer.from(p), Buffer.from([0xc3, 0x28, 0xff])]) : Buffer.from(p + (rnd(4) === 0 ? '\r' : '')),
    );
  }
  const input = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
  it.each([1, 5, 64, 333, 4096, 1 << 20])('chunks of %i', (size) => {
    expect(split(input, size, 64)).toEqual(reference(input, 64));
  });
});
