/**
 * The fixture replies the decoder is checked on, with the command each one
 * answered and classify's expected verdict: the real-world replies, the
 * generated registry replies and every server reply of the transcripts.
 */
import { realWorldReplies, registryReplies, transcripts, type ExpectedClassification } from '@mailstatus/fixtures';

/** One reply for the decoder. */
export interface DecoderCase {
  readonly id: string;
  readonly input: string;
  readonly command: string | undefined;
  readonly expected: ExpectedClassification;
}

/** Every case, in fixture order. */
export const decoderCases: readonly DecoderCase[] = [
  ...[...realWorldReplies, ...registryReplies].map((f) => ({
    id: f.id,
    input: f.input,
    command: f.command,
    expected: f.expected.classify,
  })),
  ...transcripts.flatMap((t) =>
    t.expected.replies.map((r) => ({
      id: `${t.id}#${r.turn}`,
      input: t.input.turns[r.turn]?.text ?? '',
      command: r.command,
      expected: r.classify,
    })),
  ),
];
