/**
 * The README's streaming examples that need the outside world run here
 * against loopback streams: the ```ts kafka block with a fake kafkajs whose
 * "broker" is a TCP server on 127.0.0.1, and the ```ts sidecar block as a
 * child process fed NDJSON on stdin. (Plain ```ts blocks run in
 * readme.test.ts.) Log lines are written for this test.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkg = resolve(__dirname, '..');
const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
const block = (tag: string) => {
  const m = new RegExp('```ts ' + tag + '\\n([\\s\\S]*?)```').exec(readme);
  if (!m) throw new Error(`README.md has no \`\`\`ts ${tag} block`);
  return m[1]!;
};

/** Compiles a README block to an .mjs file whose imports point at the built package (and the fake kafkajs). */
async function compile(code: string): Promise<string> {
  const dist = (f: string) => JSON.stringify(pathToFileURL(join(pkg, 'dist', f)).href);
  const ts = code
    .replace(/from '@mailstatus\/codes\/node'/g, `from ${dist('node.js')}`)
    .replace(/from '@mailstatus\/codes'/g, `from ${dist('index.js')}`)
    .replace(/from 'kafkajs'/g, `from ${JSON.stringify(pathToFileURL(join(__dirname, 'helpers', 'fake-kafkajs.mjs')).href)}`);
  const { code: js } = await transform(ts, { loader: 'ts', format: 'esm', target: 'node20' });
  const file = join(mkdtempSync(join(tmpdir(), 'mailstatus-readme-')), 'example.mjs');
  writeFileSync(file, js);
  return file;
}

const LINES = [
  'Nov 28 10:00:01 mx1 postfix/smtp[4711]: 4B1C52A0F1: to=<bob@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
  'Nov 28 10:00:02 mx1 postfix/qmgr[2201]: 4B1C52A0F1: removed',
  '2024-11-28 10:00:03 1tAbCd-000Xyz-Ab == carol@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [192.0.2.3]: SMTP error from remote mail server after RCPT TO:<carol@example.net>: 451 4.7.1 Greylisted',
  'Nov 28 10:00:05 mx1 sm-mta[1234]: 4ASA01x1001234: to=<dave@example.org>, delay=00:00:02, mailer=esmtp, pri=120, relay=mx.example.org. [192.0.2.4], dsn=5.1.1, stat=User unknown',
];

describe('README streaming examples', () => {
  it('the Kafka consumer publishes the addresses to suppress, read from a loopback "broker"', async () => {
    const file = await compile(block('kafka'));
    const sent: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const server = createServer((socket: Socket) => {
      socket.end(`${LINES.join('\n')}\n`);
      // Writes back until the consumer says DONE.
      (async () => {
        for await (const line of createInterface({ input: socket })) {
          if (line === 'DONE') done();
          else sent.push(line);
        }
      })();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    process.env.FAKE_KAFKA_PORT = String((server.address() as { port: number }).port);
    try {
      await import(pathToFileURL(file).href);
      await finished;
    } finally {
      server.close();
    }
    expect(sent).toEqual([
      `SEND suppressions ${JSON.stringify([{ key: 'bob@example.com', value: JSON.stringify({ reason: 'unknown-recipient', enhanced: '5.1.1' }) }])}`,
      `SEND suppressions ${JSON.stringify([{ key: 'dave@example.org', value: JSON.stringify({ reason: 'unknown-recipient', enhanced: '5.1.1' }) }])}`,
    ]);
  });

  it('the sidecar turns NDJSON events on stdin into the same events with "mailstatus" on stdout', async () => {
    const file = await compile(block('sidecar'));
    const child = spawn(process.execPath, [file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    // Vector's shape (message) and Fluent Bit's (log), written in pieces.
    const input = [
      JSON.stringify({ message: LINES[0], host: 'mx1', source_type: 'file' }),
      JSON.stringify({ date: 1732788002.5, log: LINES[2] }),
      JSON.stringify({ message: LINES[1] }),
    ].join('\n');
    for (let i = 0; i < input.length; i += 50) child.stdin.write(input.slice(i, i + 50));
    child.stdin.end();
    const [code] = await once(child, 'close');
    expect(err).toBe('');
    expect(code).toBe(0);
    const events = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      host: 'mx1',
      source_type: 'file',
      mailstatus: { outcome: 'permanent', reason: 'unknown-recipient', action: 'suppress', log: { recipient: 'bob@example.com' } },
    });
    expect(events[1]).toMatchObject({ date: 1732788002.5, mailstatus: { outcome: 'transient', reason: 'greylisted', command: 'RCPT' } });
    expect(events[2]).toEqual({ message: LINES[1] });
  });
});
