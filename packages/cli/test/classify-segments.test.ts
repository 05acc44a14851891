/**
 * Segments: a regular file cut by offset, each segment read by itself,
 * gives the summary that reading the file as one stream gives, wherever the
 * cuts fall (inside a line, on an LF, inside a CRLF, inside a line longer
 * than a segment or than the length limit).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSources, SummaryBuilder } from '../src/commands/classify.js';
import { runSegmentTask, segmentTasks } from '../src/commands/classify-segments.js';
import { streamedBatches } from './helpers/streamed.js';

const dir = mkdtempSync(join(tmpdir(), 'mailstatus-segments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noStdin = async function* () {};

/** The summary of `file` as the stream path reads it. */
async function streamed(file: string, maxLineBytes: number) {
  const summary = new SummaryBuilder();
  for await (const batch of streamedBatches(await openSources([file], noStdin), maxLineBytes)) summary.add(batch);
  return summary.build();
}

/** The summary of `file` from segments of `size` bytes, merged in order as the main thread merges them. */
async function segmented(file: string, maxLineBytes: number, size: number) {
  const summary = new SummaryBuilder();
  const sources = (await openSources([file], noStdin)) as { name: string; open: () => AsyncIterable<Buffer>; size: number }[];
  for (const task of segmentTasks(sources, maxLineBytes, size)) {
    summary.merge(runSegmentTask(task).part!);
  }
  return summary.build();
}

const contents: [string, string | Buffer][] = [
  ['empty', ''],
  ['one line without LF', '550 5.1.1 User unknown'],
  [
    'log lines, CRLF, blank lines and a last line without LF',
    'Nov 28 10:00:01 mx1 postfix/smtp[1]: 4B1C52A0F1: to=<a@example.com>, relay=none, delay=1, delays=0/0/0/1, dsn=5.1.1, status=bounced\r\n\n' +
      '452 4.2.2 Mailbox full\n   \nNov 28 10:00:02 mx1 postfix/qmgr[2]: 4B1C52A0F1: removed\n451 4.7.1 Greylisted, try later',
  ],
  ['a line longer than the limit between short ones', `250 ok\n550 5.1.1 ${'x'.repeat(300)} user unknown\n421 4.7.0 try again later\n`],
  [
    'a NUL line and UTF-8',
    Buffer.concat([Buffer.from('550 5.1.1 ok\nbad \0 line\n'), Buffer.from('550 5.2.2 Postfach voll, Zustellung später\n')]),
  ],
];

describe('classify segments', () => {
  it.each(contents)('%s: every segment size gives the streamed summary', async (name, content) => {
    const file = join(dir, `${name.replaceAll(' ', '-')}.log`);
    writeFileSync(file, content);
    const expected = await streamed(file, 64);
    for (const size of [1, 2, 3, 5, 8, 13, 40, 64, 100, 1 << 20]) {
      expect(await segmented(file, 64, size), `segments of ${size} bytes`).toEqual(expected);
    }
  });

  it('cuts a file into segments of the given size, one task for an empty file', () => {
    const sources = [
      { name: 'a', size: 10, open: noStdin },
      { name: 'b', size: 0, open: noStdin },
      { name: 'c', size: 4, open: noStdin },
    ];
    expect([...segmentTasks(sources, 64, 4)].map((t) => [t.file, t.start, t.end, t.bytesRead])).toEqual([
      ['a', 0, 4, 4],
      ['a', 4, 8, 8],
      ['a', 8, 10, 10],
      ['b', 0, 0, 10],
      ['c', 0, 4, 14],
    ]);
  });

  it('a file that cannot be read is an input error naming it', () => {
    expect(() =>
      runSegmentTask({ kind: 'segment', file: join(dir, 'missing.log'), start: 0, end: 10, maxLineBytes: 64, bytesRead: 10 }),
    ).toThrow(/missing\.log: read failed at byte 0 \(ENOENT\)/);
  });
});
