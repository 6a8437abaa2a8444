/**
 * Wire-shape JSONL: every line's items are validated as the HTTP API validates them; a bad line is
 * reported by number and field and never stops the import.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { everyLineInvalid, importFile } from '@feedloop/services';
import { createProject, getInteractionWithSignals, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, tempDir } from '../helpers/backends.js';

const interaction = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  createdAt: '2026-11-20T10:00:00Z',
  input: [{ role: 'user', content: `question ${id}` }],
  output: `answer ${id}`,
  ...extra,
});
const thumbs = (id: string, interactionId: string, value: unknown) => ({ id, interactionId, type: 'thumbs', value });

function write(lines: string[]): string {
  const path = join(tempDir('feedloop-jsonl-'), 'items.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const FILE_LINES = [
  JSON.stringify({ interactions: [interaction('j1'), interaction('j2')], signals: [thumbs('js1', 'j1', 1)] }),
  '',
  JSON.stringify({ interaction: interaction('j3', { metadata: { source: 'crm' } }) }),
  JSON.stringify({ signal: thumbs('js2', 'j3', 5) }),
  '{"interaction": ',
  JSON.stringify({ interactions: [interaction('j4'), interaction('j5', { createdAt: 'yesterday' })] }),
  JSON.stringify({ interation: interaction('j6') }),
];

describe.each(backends())('jsonl import on $name', (backend) => {
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'jsonl' })).id;
  });
  afterAll(() => store.close());

  it('imports the valid items and names each bad line, field and reason', async () => {
    const report = await importFile({ store, projectId, format: 'jsonl', path: write(FILE_LINES) });
    expect(report).toMatchObject({
      lines: 6,
      interactions: { created: 4, duplicate: 0 },
      signals: { created: 1, duplicate: 0 },
      invalidLines: 4,
      problemCount: 4,
    });
    expect(report.problems).toEqual([
      { line: 4, field: 'signal.value', reason: 'expected 1 (up), -1 (down) or 0 (taken back)' },
      { line: 5, field: 'line', reason: expect.stringMatching(/^not valid JSON/) },
      { line: 6, field: 'interactions[1].createdAt', reason: expect.stringContaining('ISO 8601') },
      { line: 7, field: 'interation', reason: expect.stringContaining('unknown field') },
    ]);
    expect(everyLineInvalid(report)).toBe(false);
    const j1 = await getInteractionWithSignals(store.db, projectId, 'j1');
    expect(j1?.interaction).toMatchObject({ output: 'answer j1', metadata: { source: 'jsonl' } });
    expect(j1?.signals.map((s) => s.value)).toEqual([1]);
    const j3 = await getInteractionWithSignals(store.db, projectId, 'j3');
    expect(j3?.interaction.metadata).toEqual({ source: 'crm' });
    expect(await getInteractionWithSignals(store.db, projectId, 'j5')).toBeUndefined();

    const again = await importFile({ store, projectId, format: 'jsonl', path: write(FILE_LINES) });
    expect(again).toMatchObject({ interactions: { created: 0, duplicate: 4 }, signals: { created: 0, duplicate: 1 } });
  });

  it('says so when every line is invalid', async () => {
    const report = await importFile({ store, projectId, format: 'jsonl', path: write(['nope', '[]', '{}']) });
    expect(report.invalidLines).toBe(3);
    expect(everyLineInvalid(report)).toBe(true);
  });

  it('stops at a read error, keeping what came before it, and a second run completes it', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ interaction: interaction(`gz${i}`) }));
    const whole = gzipSync(lines.join('\n'));
    const path = join(tempDir('feedloop-gz-'), 'cut.jsonl.gz');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(importFile({ store, projectId, format: 'jsonl', path, batchSize: 100 })).rejects.toThrow(
      /^Reading .*cut\.jsonl\.gz failed after line \d+: unexpected end of file\. The lines before it are imported/,
    );
    const stored = await store.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('id', 'like', 'gz%')
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBeGreaterThan(0);
    writeFileSync(path, whole);
    const report = await importFile({ store, projectId, format: 'jsonl', path });
    expect(report.interactions).toEqual({ created: 3000 - Number(stored.n), duplicate: Number(stored.n) });
  });

  it('rejects a file it cannot read', async () => {
    await expect(
      importFile({ store, projectId, format: 'jsonl', path: join(tempDir(), 'missing.jsonl') }),
    ).rejects.toThrow(/ENOENT/);
  });
});
