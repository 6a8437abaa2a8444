/**
 * The candidates' time window, on every backend: `since` and `until` are on the interaction's creation
 * time, and an interaction in the window counts all its evidence, whenever that was given. The ranking
 * reads only the evidence of the ids the window can hold (between the least and the greatest id created
 * in it), so the ids here are deliberately not in time order: interactions outside the window sit between
 * and beyond the window's ids, and evidence is dated before `since` and after `until`. On SQLite, the
 * query plan reads the evidence from indexes (migration 010), never by scanning signals or interactions.
 */
import { type EvalCandidate, findEvalCandidates, readCandidateRequest } from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankingQuery } from '../../packages/services/src/eval-sets/candidate-ranking.js';
import { backends } from '../helpers/backends.js';
import { interactionRecord, signalRecord } from '../helpers/fixtures.js';

const SINCE = '2026-11-10T00:00:00Z';
const UNTIL = '2026-11-11T00:00:00Z';

describe.each(backends())('eval candidates in a time window on $name', (backend) => {
  let store: Store;
  let projectId: string;
  let voters = 0;

  const ranking = async (params: Record<string, string>) => {
    const out: EvalCandidate[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const request = readCandidateRequest(
        { ...params, limit: '2', ...(cursor === undefined ? {} : { cursor }) },
        projectId,
        'query.',
      );
      const page = await findEvalCandidates(store, request);
      out.push(...page.candidates);
      if (page.nextCursor === null) return out.map((c) => `${c.interactionId}:${c.evidence.strength}`);
      cursor = page.nextCursor;
    }
    throw new Error('too many pages');
  };

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'candidate-window' })).id;
    const interactions = [
      // In the window: the least and the greatest id created in it, and two between.
      ['a_first', '2026-11-10T01:00:00Z'],
      ['c_at_since', SINCE],
      ['k_parent', '2026-11-10T12:00:00Z'],
      ['p_healthy', '2026-11-10T13:00:00Z'],
      ['z_last', '2026-11-10T23:00:00Z'],
      // Outside it: ids before, between and after the window's ids.
      ['0_before', '2026-11-01T00:00:00Z'],
      ['m_outside', '2026-11-09T12:00:00Z'],
      ['n_at_until', UNTIL],
      ['zz_retry', '2026-11-12T00:00:00Z'],
      ['zzz_later', '2026-11-15T00:00:00Z'],
    ].map(([id, createdAt]) => interactionRecord({ id, createdAt, sessionId: `s_${id}`, userId: `owner_${id}` }));
    // The later attempt of k_parent was created outside the window, with an id beyond the window's.
    const retry = interactions.find((i) => i.id === 'zz_retry');
    if (retry) retry.parentId = 'k_parent';
    const signal = (interactionId: string, createdAt: string, fields: Record<string, unknown>) => {
      voters++;
      return signalRecord(interactionId, {
        id: `sig_${interactionId}_${voters}`,
        userId: `voter_${voters}`,
        sessionId: `vs_${voters}`,
        createdAt,
        ...fields,
      });
    };
    const down = { kind: 'explicit', type: 'thumbs', value: -1 };
    const signals = [
      // A down vote given after `until` still counts for an interaction in the window.
      signal('a_first', '2026-11-12T09:00:00Z', down),
      signal('c_at_since', '2026-11-10T00:05:00Z', { kind: 'explicit', type: 'rating', value: 2 }),
      signal('p_healthy', '2026-11-10T13:01:00Z', { kind: 'explicit', type: 'thumbs', value: 1 }),
      // An edit dated before `since` (a client clock behind) still counts, with a regeneration.
      signal('z_last', '2026-11-09T22:00:00Z', { kind: 'correction', type: 'edit', value: 'Better.' }),
      signal('z_last', '2026-11-10T23:00:30Z', { kind: 'implicit', type: 'regenerate', value: null }),
      // Strong failures of interactions outside the window, some of it given inside the window.
      signal('0_before', '2026-11-01T00:01:00Z', down),
      signal('m_outside', '2026-11-10T05:00:00Z', down),
      signal('m_outside', '2026-11-10T05:01:00Z', down),
      signal('m_outside', '2026-11-10T05:02:00Z', { kind: 'correction', type: 'edit', value: 'Fixed.' }),
      signal('n_at_until', '2026-11-11T00:01:00Z', down),
      signal('zz_retry', '2026-11-12T00:01:00Z', down),
      signal('zzz_later', '2026-11-15T00:01:00Z', { kind: 'implicit', type: 'regenerate', value: null }),
    ];
    await store.ingest(projectId, { interactions, signals }, Date.parse('2026-11-20T00:00:00Z'));
  });
  afterAll(() => store.close());

  it('offers exactly the failing interactions created in the window, with all their evidence', async () => {
    expect(await ranking({ since: SINCE, until: UNTIL })).toEqual([
      'z_last:4', // an edit (3) and a regeneration (1)
      'a_first:2',
      'c_at_since:2',
      'k_parent:1', // regenerated by a later attempt outside the window
    ]);
  });

  it('bounds one side only, or neither', async () => {
    expect(await ranking({ since: SINCE })).toEqual([
      'z_last:4',
      'zz_retry:2',
      'n_at_until:2',
      'a_first:2',
      'c_at_since:2',
      'zzz_later:1',
      'k_parent:1',
    ]);
    expect(await ranking({ until: UNTIL })).toEqual([
      'm_outside:7',
      'z_last:4',
      'a_first:2',
      'c_at_since:2',
      '0_before:2',
      'k_parent:1',
    ]);
    expect(await ranking({})).toEqual([
      'm_outside:7',
      'z_last:4',
      'zz_retry:2',
      'n_at_until:2',
      'a_first:2',
      'c_at_since:2',
      '0_before:2',
      'zzz_later:1',
      'k_parent:1',
    ]);
  });

  it('offers nothing for a window without interactions', async () => {
    expect(await ranking({ since: '2026-11-02T00:00:00Z', until: '2026-11-03T00:00:00Z' })).toEqual([]);
  });

  // The plan is SQLite's (the embedded default); PostgreSQL's planner picks by table statistics.
  if (backend.name === 'sqlite')
    it('reads the evidence from indexes, never scanning signals or interactions', async () => {
      for (const filters of [
        { since: Date.parse(SINCE), until: Date.parse(UNTIL) },
        { since: Date.parse(SINCE), tenant: 'acme' },
        {},
      ]) {
        const query = rankingQuery({ projectId, filters, set: 'regressions', limit: 21 });
        const plan = (await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(store.db)).rows.map(
          (r) => r.detail,
        );
        const uses = (index: string) => plan.some((d) => d.includes(` INDEX ${index} `));
        expect(uses('signals_failure_evidence'), plan.join('\n')).toBe(true);
        expect(uses('interactions_parent'), plan.join('\n')).toBe(true);
        expect(uses('sqlite_autoindex_latest_votes_1'), plan.join('\n')).toBe(true);
        if (filters.since !== undefined) expect(uses('interactions_project_time'), plan.join('\n')).toBe(true);
        // In a window, each failing interaction is looked up for its time and dimensions without reading its
        // row, which holds its text (migration 016's interactions_id_facts; the dashboard always sends one).
        if (filters.since !== undefined) {
          expect(
            plan.some((d) => d.startsWith('SEARCH i USING COVERING INDEX interactions_id_facts ')),
            plan.join('\n'),
          ).toBe(true);
        }
        // Only the subqueries' own rows are scanned: the evidence (e), its groups (g), the window's bounds (b).
        expect(
          plan.filter((d) => d.startsWith('SCAN ')).every((d) => /^SCAN [egb]$/.test(d)),
          plan.join('\n'),
        ).toBe(true);
      }
    });
});
