/**
 * Real preference data in and out: Anthropic's HH-RLHF test pairs imported, then exported as TRL DPO
 * pairs, must give back every original chosen/rejected pair — redacted the way any export is.
 */

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { createRedactor } from '@feedloop/core';
import { hhTranscript, importFile } from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, request } from '../export/run-export.js';
import { backends } from '../helpers/backends.js';

const HH = fileURLToPath(new URL('../../../shared/data/hh-rlhf/harmless-base-test.jsonl.gz', import.meta.url));

async function originalPairs(): Promise<Array<{ chosen: string; rejected: string }>> {
  const rows: Array<{ chosen: string; rejected: string }> = [];
  const lines = createInterface({ input: createReadStream(HH).pipe(createGunzip()) });
  for await (const line of lines) if (line.trim()) rows.push(JSON.parse(line));
  return rows;
}

type Message = { role: string; content: string };

/** One turn of an HH transcript: its speaker and text, up to the next turn. */
const TURN = /\n\n(Human|Assistant): ?([\s\S]*?)(?=\n\n(?:Human|Assistant):|$)/g;

describe.each(backends())('HH-RLHF round trip on $name', (backend) => {
  let store: Store;
  let projectId: string;
  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'hh' })).id;
    await importFile({ store, projectId, format: 'hh-rlhf', path: HH });
  }, 300_000);
  afterAll(() => store.close());

  it('exports every pair that shares its prompt, as it was, with personal data redacted', async () => {
    const { lines, manifest } = await collect(store, request(projectId, 'dpo', 'trl', { dedupe: false }));
    const exported = lines.map((line) => {
      const prompt = line.prompt as Message[];
      const chosen = (line.chosen as Message[])[0]?.content ?? '';
      const rejected = (line.rejected as Message[])[0]?.content ?? '';
      return `${hhTranscript(prompt, chosen)}\u0000${hhTranscript(prompt, rejected)}`;
    });

    // The expectation comes from the source file alone: pairs whose transcripts share everything up to
    // the last assistant turn, each pair redacted as one record (the prompt, then chosen, then rejected).
    const redactor = createRedactor();
    const expected: string[] = [];
    let withPersonalData = 0;
    const unusable = { repeatedSpeaker: 0, emptyTurn: 0 };
    for (const { chosen, rejected } of await originalPairs()) {
      const cut = chosen.lastIndexOf('\n\nAssistant:');
      const shared =
        cut >= 0 && cut === rejected.lastIndexOf('\n\nAssistant:') && rejected.startsWith(chosen.slice(0, cut));
      if (!shared || chosen === rejected) continue;
      const turns = [chosen, rejected].map((t) =>
        [...t.matchAll(TURN)].map((m) => ({ speaker: m[1], text: m[2] ?? '' })),
      );
      if (turns.some((ts) => ts.some((t) => t.text.trim() === ''))) {
        unusable.emptyTurn++;
        continue;
      }
      if (turns.some((ts) => ts.some((t, i) => i > 0 && ts[i - 1]?.speaker === t.speaker))) {
        unusable.repeatedSpeaker++;
        continue;
      }
      const { texts, report } = redactor.redactRecord([chosen, rejected]);
      if (Object.keys(report).length > 0) withPersonalData++;
      expected.push(`${texts[0]}\u0000${texts[1]}`);
    }

    expect(expected.length + unusable.repeatedSpeaker + unusable.emptyTurn).toBe(2307);
    // Pairs a trainer cannot take (two turns in a row by one speaker, or an empty turn) are left out,
    // and the manifest says how many and why.
    expect(manifest.counts.skippedByReason).toEqual({
      ...(unusable.repeatedSpeaker ? { 'bad-alternation': unusable.repeatedSpeaker } : {}),
      ...(unusable.emptyTurn ? { 'empty-content': unusable.emptyTurn } : {}),
    });
    expect(exported.sort()).toEqual(expected.sort());
    expect(withPersonalData).toBeGreaterThan(0);
    expect(manifest.redaction.total).toBeGreaterThan(0);
  });
});
