/**
 * What each export selects from a known history, on every backend: exact examples, per source, with
 * the latest-signal rules, preference pairs exactly once, and what is skipped and why.
 */
import type { Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageQuery } from '../../packages/services/src/export/interaction-rows.js';
import { backends } from '../helpers/backends.js';
import { at, ingestHistory } from './export-history.js';
import { assistant, collect, request, system, user } from './run-export.js';

const FRANCE = [system('You are terse.'), user('Capital of France?')];

describe.each(backends())('export selection on $name', (backend) => {
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    store = await backend.open();
    projectId = await ingestHistory(store);
  });
  afterAll(() => store.close());

  it('SFT: every editor’s latest edit, else outputs rated up', async () => {
    const { lines, manifest } = await collect(store, request(projectId, 'sft', 'openai'));
    const completion = (l: Record<string, unknown>) => (l.messages as Array<{ content: string }>).at(-1)?.content;
    expect(lines.map(completion)).toEqual([
      'Open Settings, then Security, then Reset password.',
      'Paris.',
      'Seven.',
      "Try 'Dune'.",
      'Heavy answer 1',
      'Heavy answer 2',
      'Heavy answer 3',
      'Heavy answer 4',
      'Heavy answer 5',
      '4.',
      'I will email <EMAIL_1> and call <PHONE_1>.',
      'Globex answer',
      'Good morning!',
      'Hello there, friend.',
    ]);
    expect(lines[1]).toEqual({ messages: [...FRANCE, assistant('Paris.')] });
    expect(manifest.counts).toMatchObject({
      interactionsScanned: 29,
      written: 14,
      skipped: 3,
      skippedByReason: { duplicate: 1, 'empty-content': 1, 'invalid-role': 1 },
      bySource: { edit: { written: 4, skipped: 0 }, 'rated-up': { written: 10, skipped: 3 } },
    });
  });

  it('KTO: rated up is true, rated down is false, a changed thumb counts as its latest value', async () => {
    const { lines, manifest } = await collect(store, request(projectId, 'kto', 'trl-standard'));
    expect(lines.map((l) => [l.prompt, l.completion, l.label])).toEqual([
      ['System: You are terse.\n\nUser: Capital of France?\n\nAssistant:', 'Paris.', true],
      ['System: You are terse.\n\nUser: Capital of France?\n\nAssistant:', 'Lyon.', false],
      ['Name a prime number', 'Seven.', true],
      ['Is the sky blue?', 'Yes.', false],
      ['Recommend a book', "Try 'Dune'.", true],
      ['Recommend a film', 'No.', false],
      ...[1, 2, 3, 4, 5].map((n) => [`Heavy question ${n}`, `Heavy answer ${n}`, true]),
      ['What is 2+2?', '4.', true],
      ['Globex question', 'Globex answer', true],
    ]);
    expect(manifest.counts.bySource).toEqual({
      'rated-up': { written: 10, skipped: 3 },
      'rated-down': { written: 3, skipped: 0 },
    });
  });

  it('DPO: edits, regenerations, preferences once each, and the same prompt rated up and down', async () => {
    const { lines, manifest } = await collect(store, request(projectId, 'dpo', 'trl'));
    const pair = (prompt: unknown[], chosen: string, rejected: string) => ({
      prompt,
      chosen: [assistant(chosen)],
      rejected: [assistant(rejected)],
    });
    expect(lines).toEqual([
      pair(
        [user('How do I reset my password?')],
        'Open Settings, then Security, then Reset password.',
        'Go to Settings.',
      ),
      pair(FRANCE, 'Paris.', 'Lyon.'),
      pair(
        [user('Write a haiku about rain')],
        'Soft rain on the roof\nwhispers to the sleeping town\npuddles hold the sky',
        'Rain rain go away.',
      ),
      pair([user('Name a prime number')], 'Seven.', 'Nine.'),
      pair([user('Summarise the meeting')], 'We agreed to ship on Friday.', 'There was a meeting.'),
      // u_e first preferred Bonjour, then (later) Hola: the latest choice wins, and the pair appears once.
      pair([user("Translate 'hello' to French")], 'Hola.', 'Bonjour.'),
      pair(
        [user('My email is <EMAIL_1>, call me on <PHONE_1>')],
        'I will email <EMAIL_1> and call <PHONE_1>.',
        'Noted: I will email <EMAIL_1>.',
      ),
      pair([user('Write a greeting')], 'Good morning!', 'Hi.'),
      pair([user('Write a greeting')], 'Hello there, friend.', 'Hi.'),
    ]);
    expect(manifest.counts).toMatchObject({
      written: 9,
      skippedByReason: { 'missing-related': 1 },
      bySource: {
        edit: { written: 4, skipped: 0 },
        'same-prompt': { written: 1, skipped: 0 },
        regeneration: { written: 2, skipped: 0 },
        preference: { written: 2, skipped: 1 },
      },
    });
  });

  it('filters by tenant, time range, model, template and version', async () => {
    const count = async (filters: Parameters<typeof request>[3]) =>
      (await collect(store, request(projectId, 'sft', 'hf', filters))).manifest.counts.written;
    expect(await count({ filters: { tenant: 'acme' } })).toBe(13);
    expect(await count({ filters: { tenant: 'globex' } })).toBe(1);
    expect(await count({ filters: { since: Date.parse(at(12)), until: Date.parse(at(16)) } })).toBe(1);
    expect(await count({ filters: { model: 'gpt-y' } })).toBe(5);
    expect(await count({ filters: { promptTemplate: 'math', promptVersion: '2' } })).toBe(1);
    expect(await count({ filters: { promptTemplate: 'math', promptVersion: '3' } })).toBe(0);
  });

  it('never pairs across tenants: a tenant export misses the other side and says so', async () => {
    const { id: other } = await import('@feedloop/store').then((s) => s.createProject(store.db, { name: 'cross' }));
    const { interactionRecord, signalRecord } = await import('../helpers/fixtures.js');
    const winner = interactionRecord({ id: 'x_win', tenant: 'acme', input: 'Q', output: 'Good.' });
    const loser = interactionRecord({ id: 'x_lose', tenant: 'globex', input: 'Q', output: 'Bad.' });
    const s = signalRecord('x_win', { type: 'preference', value: { over: 'x_lose' } });
    await store.ingest(other, { interactions: [winner, loser], signals: [s] }, Date.now());
    const all = await collect(store, request(other, 'dpo', 'trl'));
    expect(all.manifest.counts.written).toBe(1);
    const acme = await collect(store, request(other, 'dpo', 'trl', { filters: { tenant: 'acme' } }));
    expect(acme.manifest.counts).toMatchObject({ written: 0, skippedByReason: { 'missing-related': 1 } });
  });

  it('gives the same file whatever the page size, including interactions created at the same instant', async () => {
    const whole = await collect(store, request(projectId, 'dpo', 'trl'));
    for (const pageSize of [1, 2, 7]) {
      expect((await collect(store, request(projectId, 'dpo', 'trl'), { pageSize })).text).toBe(whole.text);
    }
    const { createProject } = await import('@feedloop/store');
    const { interactionRecord, signalRecord } = await import('../helpers/fixtures.js');
    const { id: tied } = await createProject(store.db, { name: 'tied' });
    const same = Array.from({ length: 5 }, (_, n) =>
      interactionRecord({ id: `tie${n}`, createdAt: at(0), input: `Q${n}`, output: `A${n}` }),
    );
    const ups = same.map((i) => signalRecord(i.id, { value: 1 }));
    await store.ingest(tied, { interactions: same, signals: ups }, Date.now());
    const paged = await collect(store, request(tied, 'sft', 'openai'), { pageSize: 2 });
    expect(paged.lines).toHaveLength(5);
    expect(paged.text).toBe((await collect(store, request(tied, 'sft', 'openai'))).text);
  });

  it('pages within a time window give the same file, each page ranging from where the last one ended', async () => {
    const filters = { since: Date.parse(at(3)), until: Date.parse(at(12)) };
    const windowed = (pageSize?: number) =>
      collect(store, request(projectId, 'sft', 'openai', { filters }), pageSize === undefined ? {} : { pageSize });
    const whole = await windowed();
    expect(whole.manifest.counts.interactionsScanned).toBeGreaterThan(5);
    for (const pageSize of [1, 2, 5]) expect((await windowed(pageSize)).text).toBe(whole.text);
    // One lower bound on time, the cursor's: with `since` as well, SQLite would range from `since` on every page.
    const cursor = { createdAt: Date.parse(at(7)), id: 'x' };
    const page = pageQuery(store.db, { projectId, filters, asOf: Date.now() }, cursor, 10).compile();
    expect(page.sql.match(/"created_at" >= /g)).toHaveLength(1);
    expect(page.parameters).toContain(cursor.createdAt);
    expect(page.parameters).not.toContain(filters.since);
  });

  it('caps each user and deduplicates, counting both in the manifest', async () => {
    const capped = await collect(store, request(projectId, 'sft', 'openai', { maxPerUser: 2 }));
    const heavy = capped.lines.filter((l) => JSON.stringify(l).includes('Heavy answer'));
    expect(heavy).toHaveLength(2);
    expect(capped.manifest.counts.written).toBe(11);
    expect(capped.manifest.counts.skippedByReason['user-cap']).toBe(3);
    expect(capped.manifest.limits).toMatchObject({ maxPerUser: 2, usersAtCap: 1 });

    const plain = await collect(store, request(projectId, 'sft', 'openai', { dedupe: false }));
    expect(plain.lines.filter((l) => JSON.stringify(l).includes('What is 2+2?'))).toHaveLength(2);
    expect(plain.manifest.limits.dedupe).toEqual({ enabled: false });
    const deduped = await collect(store, request(projectId, 'sft', 'openai'));
    expect(deduped.lines.filter((l) => JSON.stringify(l).includes('What is 2+2?'))).toHaveLength(1);
    expect(deduped.manifest.limits.dedupe).toMatchObject({ enabled: true, method: 'bloom-sha1' });
  });

  it('reads only data received up to asOf', async () => {
    const before = await collect(store, request(projectId, 'kto', 'trl', { asOf: Date.now() - 3_600_000 }));
    expect(before.manifest.counts).toMatchObject({ interactionsScanned: 0, written: 0 });
  });

  it('leaves out what the abuse filter excludes', async () => {
    const { manifest } = await collect(store, request(projectId, 'sft', 'openai'), {
      contributorFilter: { name: 'test-filter', excludes: (user) => user === 'u_heavy' },
    });
    expect(manifest.counts.written).toBe(9);
    expect(manifest.counts.skippedByReason['excluded-contributor']).toBe(5);
    expect(manifest.limits.contributorFilter).toBe('test-filter');
  });

  it('writes a manifest with provenance, filters and the redaction report', async () => {
    const asOf = Date.now() + 60_000;
    const { manifest } = await collect(
      store,
      request(projectId, 'dpo', 'openai', {
        asOf,
        filters: { tenant: 'acme' },
        invocation: { command: 'feedloop export dpo' },
      }),
    );
    expect(manifest).toMatchObject({
      kind: 'dpo',
      format: 'openai',
      filters: { tenant: 'acme', since: null, until: null, model: null },
      provenance: {
        feedloopVersion: '0.1.0',
        backend: backend.name,
        projectId,
        asOf: new Date(asOf).toISOString(),
        dataTimeRange: { from: at(0), to: at(28) },
      },
      redaction: { replacements: { EMAIL: 3, PHONE: 2 }, total: 5 },
      invocation: { command: 'feedloop export dpo' },
    });
  });
});
