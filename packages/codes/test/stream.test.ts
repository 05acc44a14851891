/**
 * The streaming forms: splitLines, classifyLines, the Web ClassifyStream and
 * the Node Transform of '@mailstatus/codes/node' (same output), and the core
 * bundled for the browser with no Node built-in.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runInNewContext } from 'node:vm';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { classifyLines, classifyLogLine, ClassifyStream, splitLines } from '../src/index.js';
import { createClassifyTransform } from '../src/node.js';

const LOG = [
  'Nov 28 10:00:01 mx1 postfix/smtp[4711]: 4B1C52A0F1: to=<bob@example.com>, relay=none, delay=0.1, delays=0/0/0/0, dsn=5.1.1, status=bounced',
  'Nov 28 10:00:02 mx1 postfix/qmgr[2201]: 4B1C52A0F1: removed',
  '',
  '2024-11-28 10:00:03 1tAbCd-000Xyz-Ab == carol@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.3]: SMTP error from remote mail server after RCPT TO:<carol@example.net>: 451 4.7.1 Greylisted, try again in 300 seconds',
  '452 4.2.2 Mailbox full – «quota»',
];

/** Cuts bytes into pieces of `size`, so multi-byte characters and CRLF fall across chunks. */
function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function readAll(stream: ReadableStream<string>): Promise<string> {
  let s = '';
  for await (const chunk of stream as unknown as AsyncIterable<string>) s += chunk;
  return s;
}

describe('splitLines', () => {
  it.each([1, 2, 3, 7, 4096])('gives the same lines whatever the chunk size (%i bytes), CRLF and UTF-8 across chunks', async (size) => {
    const bytes = new TextEncoder().encode(`${LOG.join('\r\n')}\r\n`);
    expect(await collect(splitLines(pieces(bytes, size)))).toEqual(LOG);
  });
  it('emits a last line without LF, and cuts a long line to its head', async () => {
    expect(await collect(splitLines(['a\nb']))).toEqual(['a', 'b']);
    expect(await collect(splitLines(['x'.repeat(50), 'y'.repeat(50), '\nz'], { maxLineLength: 10 }))).toEqual(['x'.repeat(10), 'z']);
  });
  it('rejects a limit that is not a positive integer', async () => {
    await expect(collect(splitLines(['a'], { maxLineLength: 0 }))).rejects.toThrow(/maxLineLength must be a positive integer, got 0/);
  });
});

describe('classifyLines', () => {
  it('numbers the lines and classifies each as classifyLogLine does', async () => {
    const out = await collect(classifyLines(LOG));
    expect(out.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
    expect(out[0]).toEqual({ line: 1, text: LOG[0], ...classifyLogLine(LOG[0]!) });
    expect(out.map((l) => l.result?.reason)).toEqual(['unknown-recipient', undefined, undefined, 'greylisted', 'mailbox-full']);
    expect(out[1]!.fields).toEqual({ format: 'postfix', queueId: '4B1C52A0F1' });
  });
  it('takes an async iterable', async () => {
    async function* gen() {
      yield* LOG;
    }
    expect((await collect(classifyLines(gen()))).length).toBe(5);
  });
});

describe('ClassifyStream (Web TransformStream)', () => {
  it('text in: one NDJSON object per non-blank line with the classification and the log fields', async () => {
    const bytes = new TextEncoder().encode(`${LOG.join('\n')}\n`);
    const out = await readAll(ReadableStream.from(pieces(bytes, 5)).pipeThrough(new ClassifyStream()));
    const objects = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objects.map((o) => o.line)).toEqual([1, 2, 4, 5]);
    expect(objects[0]).toMatchObject({
      text: LOG[0],
      mailstatus: { outcome: 'permanent', reason: 'unknown-recipient', log: { recipient: 'bob@example.com', dsn: '5.1.1' } },
    });
    expect(objects[1]).toEqual({ line: 2, text: LOG[1] });
    expect(objects[3].mailstatus).not.toHaveProperty('log');
  });
  it('ndjson in: adds the result to each event (message, else log, or the field named), passes others through, reports bad lines', async () => {
    const events = [
      JSON.stringify({ message: LOG[0], host: 'mx1' }),
      JSON.stringify({ log: LOG[3] }),
      JSON.stringify({ other: 1 }),
      '{"message": oops',
      '[1,2]',
    ];
    const out = await readAll(
      ReadableStream.from(events.map((e) => `${e}\n`)).pipeThrough(new ClassifyStream({ input: 'ndjson', key: 'verdict' })),
    );
    const lines = out.trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ host: 'mx1', verdict: { reason: 'unknown-recipient', log: { format: 'postfix' } } });
    expect(JSON.parse(lines[1]!)).toMatchObject({ verdict: { reason: 'greylisted', log: { format: 'exim', status: '==' } } });
    expect(lines[2]).toBe(events[2]);
    expect(JSON.parse(lines[3]!).error).toMatch(/^line 4: not valid JSON \(.+\): give one JSON object per line$/);
    expect(JSON.parse(lines[4]!)).toEqual({
      line: 5,
      error: 'line 5: not a JSON object: give one object per line, e.g. {"message":"..."}',
    });
    const named = await readAll(
      ReadableStream.from([JSON.stringify({ msg: LOG[4] })]).pipeThrough(new ClassifyStream({ input: 'ndjson', field: 'msg' })),
    );
    expect(JSON.parse(named).mailstatus.reason).toBe('mailbox-full');
  });
  it('rejects an unknown input form', () => {
    expect(() => new ClassifyStream({ input: 'csv' as 'text' })).toThrow(/input must be "text" or "ndjson", got "csv"/);
  });
});

describe('createClassifyTransform (@mailstatus/codes/node)', () => {
  it('writes what ClassifyStream writes, for text and NDJSON', async () => {
    const text = `${LOG.join('\n')}\n`;
    for (const [input, data] of [
      ['text', text],
      ['ndjson', LOG.map((m) => JSON.stringify({ message: m })).join('\n')],
    ] as const) {
      let node = '';
      await pipeline(Readable.from(pieces(Buffer.from(data), 3)), createClassifyTransform({ input }), async function* (source) {
        for await (const c of source) node += c;
      });
      const web = await readAll(ReadableStream.from([data]).pipeThrough(new ClassifyStream({ input })));
      expect(node).toBe(web);
      expect(node.length).toBeGreaterThan(100);
    }
  });
});

describe('the streaming forms read bytes alike', () => {
  it('invalid UTF-8, a character cut by a chunk and one cut by the end: the same lines from splitLines, ClassifyStream and the Node Transform', async () => {
    const bytes = Buffer.concat([
      Buffer.from('550 5.1.1 bad \xff\xfe byte\n452 4.2.2 cut \u2013 here\n', 'latin1'),
      Buffer.from([0x34, 0x35, 0x31, 0x20, 0xe2, 0x80, 0x20, 0x6f, 0x6b, 0x0a]),
      Buffer.from('421 4.7.0 last \u00e9', 'utf8'),
      Buffer.from([0xe2, 0x80]),
    ]);
    for (const size of [1, 3]) {
      const lines = await collect(splitLines(pieces(bytes, size)));
      expect(lines).toEqual(new TextDecoder().decode(bytes).split('\n'));
      let node = '';
      await pipeline(Readable.from(pieces(bytes, size)), createClassifyTransform(), async function* (source) {
        for await (const c of source) node += c;
      });
      const web = await readAll(ReadableStream.from(pieces(bytes, size)).pipeThrough(new ClassifyStream()));
      expect(node).toBe(web);
      expect(
        web
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l).text),
      ).toEqual(lines);
    }
  });
});

describe('the core in a browser bundle', () => {
  it('bundles for the browser with no Node built-in, and ClassifyStream runs with only Web globals', async () => {
    const result = await build({
      entryPoints: [resolve(__dirname, '../src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'mailstatus',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(|from ["']node:|process\./);
    // A context with the Web platform's globals and none of Node's.
    const sandbox: Record<string, unknown> = { TransformStream, ReadableStream, TextDecoder, TextEncoder, out: '' };
    runInNewContext(`${code};globalThis.ms = mailstatus;`, sandbox);
    const ms = sandbox.ms as { ClassifyStream: typeof ClassifyStream };
    expect(runInNewContext('typeof process + typeof require + typeof Buffer', sandbox)).toBe('undefinedundefinedundefined');
    const out = await readAll(ReadableStream.from([`${LOG[0]}\n`]).pipeThrough(new ms.ClassifyStream()));
    expect(JSON.parse(out).mailstatus.reason).toBe('unknown-recipient');
  });
});
