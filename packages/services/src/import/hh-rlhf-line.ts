/**
 * One HH-RLHF row, `{"chosen": "<transcript>", "rejected": "<transcript>"}`, becomes two interactions
 * with the same input and session (the chosen and the rejected final answer) and one `preference`
 * signal on the chosen over the rejected.
 *
 * Ids come from the content, so importing a file twice adds nothing: the row key is the first 24 hex
 * digits of SHA-256 over `JSON.stringify([chosen, rejected])` (JSON keeps the two texts apart).
 */
import { createHash } from 'node:crypto';
import { type HhTranscript, parseHhTranscript } from './hh-transcript.js';
import { invalidLine, isRecord, type LineItems, lineItems, parseJsonLine } from './line-items.js';

export const HH_SOURCE = 'hh-rlhf';

export const HH_SKIP_REASONS = {
  notShared:
    'hh-rlhf: chosen and rejected differ before the last "\\n\\nAssistant:", so they answer different prompts: imported as two conversations, no preference',
  identical: 'hh-rlhf: chosen and rejected are identical: imported once, no preference',
} as const;

const NOT_A_TRANSCRIPT =
  'expected a transcript of "\\n\\nHuman: …" / "\\n\\nAssistant: …" turns, starting with a turn and ending with an Assistant turn';

export function hhRowKey(chosen: string, rejected: string): string {
  return `hh:${createHash('sha256')
    .update(JSON.stringify([chosen, rejected]))
    .digest('hex')
    .slice(0, 24)}`;
}

type Side = 'chosen' | 'rejected';

function interaction(id: string, sessionId: string, side: Side, transcript: HhTranscript, line: number) {
  return {
    at: side,
    item: {
      id,
      sessionId,
      // No real user in the source; an invented one would be capped by per-user export limits.
      userId: null,
      feature: `import:${HH_SOURCE}`,
      language: 'en',
      input: transcript.messages,
      output: transcript.completion,
      metadata: { source: HH_SOURCE, side, line },
    },
  };
}

/** Parses one HH-RLHF line. */
export function hhRlhfLine(text: string, line: number): LineItems {
  const parsed = parseJsonLine(text);
  if (!parsed.ok) return parsed.items;
  const row = parsed.value;
  if (!isRecord(row)) return invalidLine('line', 'expected an object {"chosen": "…", "rejected": "…"}');
  const { chosen, rejected } = row;
  if (typeof chosen !== 'string') return invalidLine('chosen', 'expected the chosen transcript as text');
  if (typeof rejected !== 'string') return invalidLine('rejected', 'expected the rejected transcript as text');
  const good = parseHhTranscript(chosen);
  if (!good) return invalidLine('chosen', NOT_A_TRANSCRIPT);
  const bad = parseHhTranscript(rejected);
  if (!bad) return invalidLine('rejected', NOT_A_TRANSCRIPT);

  const key = hhRowKey(chosen, rejected);
  const chosenId = `${key}:chosen`;
  const rejectedId = `${key}:rejected`;
  if (chosen === rejected) {
    return lineItems({
      interactions: [interaction(chosenId, key, 'chosen', good, line)],
      skipped: [HH_SKIP_REASONS.identical],
    });
  }
  // The prompt is everything before the final answer; parsing guarantees this is the prefix through the
  // last "\n\nAssistant: ".
  const samePrompt =
    chosen.slice(0, chosen.length - good.completion.length) ===
    rejected.slice(0, rejected.length - bad.completion.length);
  if (!samePrompt) {
    // Two different conversations: a preference between them would not be a fair pair for training.
    return lineItems({
      interactions: [
        interaction(chosenId, chosenId, 'chosen', good, line),
        interaction(rejectedId, rejectedId, 'rejected', bad, line),
      ],
      skipped: [HH_SKIP_REASONS.notShared],
    });
  }
  return lineItems({
    interactions: [
      interaction(chosenId, key, 'chosen', good, line),
      interaction(rejectedId, key, 'rejected', bad, line),
    ],
    signals: [
      {
        at: 'preference',
        item: {
          id: `${key}:preference`,
          interactionId: chosenId,
          sessionId: key,
          type: 'preference',
          value: { over: rejectedId },
          metadata: { source: HH_SOURCE, line },
        },
      },
    ],
  });
}
