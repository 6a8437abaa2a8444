/**
 * The themes overview and trends, counted in SQL, give exactly what counting every member in memory gave
 * (tests/themes/theme-reference.ts), key order included, on a run built to hit the edges: ties in
 * similarity (examples by interaction id, ids that sort differently by byte and by language), ties in
 * concentration (equal lift and members, in one dimension and across dimensions), noise members
 * (theme ''), a theme with no members in the period, members whose interaction is gone, null and empty
 * dimension values, members outside both periods, an older run and another project. On PostgreSQL also with
 * a database whose default collation is a language's (ICU en-US), not byte order.
 */
import { forgetUser, themesOverview, themeTrends } from '@feedloop/services';
import { createProject, PostgresStore, projectLock, type Store } from '@feedloop/store';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dayFacetsQuery, edgeFacetsQuery, recountMemberDays } from '../../packages/services/src/themes/member-days.js';
import { insertMembers } from '../../packages/services/src/themes/theme-store.js';
import { migrateDownTo } from '../../packages/store/src/migrations/index.js';
import { backends } from '../helpers/backends.js';
import { NOW, RUN, seedThemeFixture } from './theme-fixture.js';
import { referenceOverview, referenceTrends } from './theme-reference.js';

const DAY = 86_400_000;

/** A PostgreSQL database whose text compares by ICU en-US, where `A_1` < `a-2` < `B 4` < `b.3`. */
async function icuPostgres(adminUrl: string): Promise<Store> {
  const name = `t_icu_${Math.random().toString(36).slice(2)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
    );
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = new PostgresStore({ connectionString: url.toString() });
  const report = await store.migrate();
  if (report.error) throw new Error(report.error.message);
  return store;
}

function cases(): Array<{ name: string; open: () => Promise<Store> }> {
  const list: Array<{ name: string; open: () => Promise<Store> }> = backends().map((b) => ({
    name: b.name,
    open: () => b.open(),
  }));
  const adminUrl = inject('postgresUrl');
  if (adminUrl) list.push({ name: 'postgres, ICU en-US collation', open: () => icuPostgres(adminUrl) });
  return list;
}

describe.each(cases())('themes counted in SQL, on $name', (backend) => {
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    store = await backend.open();
    projectId = await seedThemeFixture(store.db);
  });
  afterAll(() => store.close());

  const periods: Array<[string, { from?: number; to?: number; now?: number }]> = [
    ['the default 7 days', { now: NOW }],
    ['30 days', { from: NOW - 30 * DAY, to: NOW }],
    ['a period of one day', { from: NOW - 3 * DAY, to: NOW - 2 * DAY }],
    ['a period with nothing in it', { from: NOW + 10 * DAY, to: NOW + 11 * DAY }],
    ['everything, previous period empty', { from: NOW - 60 * DAY, to: NOW + 5 * DAY }],
  ];

  it.each(periods)('overview over %s equals the in-memory count', async (_, options) => {
    const expected = await referenceOverview(store.db, projectId, options);
    const actual = await themesOverview(store.db, projectId, options);
    expect(actual).toEqual(expected);
    // Key order too (evidence kinds in order of first appearance; themes, examples, concentrations).
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  });

  it('covers the planted edges', async () => {
    const overview = await themesOverview(store.db, projectId, { now: NOW });
    const byId = new Map(overview.themes.map((t) => [t.id, t]));
    expect(byId.get('th_a')?.examples.map((e) => e.interactionId)).toEqual(['A_1', 'B 4', 'a-2']);
    const ties = byId.get('th_b')?.concentrations.filter((c) => c.members === 6);
    expect(ties?.map((c) => `${c.dimension}=${c.value}`)).toEqual([
      'tenant=x-late',
      'tenant=a-early',
      'language=l9',
      'language=l1',
    ]);
    expect(Object.keys(byId.get('th_b')?.evidence ?? {})).toEqual(
      expect.arrayContaining(['regenerate', 'comment', 'thumbs-down']),
    );
    expect(byId.get('th_d')?.size).toBe(0);
    expect(byId.get('th_d')?.previousShare.successes).toBeGreaterThan(0);
    expect(byId.get('th_e')).toMatchObject({ size: 0, examples: [], concentrations: [], evidence: {} });
    expect(overview.noise).toBeGreaterThan(0);
    expect(overview.run?.id).toBe(RUN);
  });

  it.each([
    [8, NOW],
    [2, NOW - 1],
    [1, NOW + 3 * DAY],
    [52, NOW],
  ])('trends over %i weeks equal the in-memory count', async (weeks, now) => {
    const expected = await referenceTrends(store.db, projectId, { weeks, now });
    const actual = await themeTrends(store.db, projectId, { weeks, now });
    expect(actual).toEqual(expected);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  });

  it('answers without a run', async () => {
    const none = (await createProject(store.db, { name: 'no run' })).id;
    expect(await themesOverview(store.db, none, { now: NOW })).toEqual(
      await referenceOverview(store.db, none, { now: NOW }),
    );
    expect(await themeTrends(store.db, none, { now: NOW })).toEqual({ runId: null, themes: [], weeks: [] });
  });

  it('reads whole days from the day counts and partial days from the members', async () => {
    const options = { from: NOW - 30 * DAY, to: NOW };
    const before = await themesOverview(store.db, projectId, options);
    // A whole day inside the period: an extra 1,000 noise members there show up only if it is read.
    const wholeDay = NOW - (NOW % DAY) - 5 * DAY;
    const planted = {
      project_id: projectId,
      run_id: RUN,
      facet: 'evidence',
      theme_id: '',
      value: '["planted"]',
      members: 1000,
      first_id: 'zzz',
    };
    await store.db
      .insertInto('theme_member_days')
      .values({ ...planted, day_start: wholeDay })
      .execute();
    // The period's last, partial day (NOW is 15:00): read from the members, so the same row there is not.
    await store.db
      .insertInto('theme_member_days')
      .values({ ...planted, day_start: NOW - (NOW % DAY) })
      .execute();
    const tampered = await themesOverview(store.db, projectId, options);
    expect(tampered.poolSize).toBe(before.poolSize + 1000);
    expect(tampered.noise).toBe(before.noise + 1000);
    await store.db.transaction().execute((trx) => recountMemberDays(trx, projectId, RUN));
    expect(JSON.stringify(await themesOverview(store.db, projectId, options))).toBe(JSON.stringify(before));
  });

  if (backend.name === 'sqlite') {
    const planOf = async (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const compiled = query.compile();
      const { rows } = await store.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]),
      );
      return rows.map((r) => r.detail).join('\n');
    };

    it('sums whole days in key order and counts partial days from an index alone, without sorting', async () => {
      for (const facets of ['evidence', 'dimensions'] as const) {
        const days = await planOf(dayFacetsQuery(store.db, projectId, RUN, facets, { from: NOW - 30 * DAY, to: NOW }));
        expect(days).toContain('theme_member_days');
        expect(days).not.toContain('TEMP B-TREE');
        const edge = await planOf(edgeFacetsQuery(store.db, projectId, RUN, facets, { from: NOW - DAY, to: NOW }));
        expect(edge).toContain('USING COVERING INDEX theme_members_run_time_facets');
      }
    });
  }

  it('keeps the day counts equal to the members when members are added and a user is forgotten', async () => {
    const options = { from: NOW - 30 * DAY, to: NOW };
    const added = Array.from({ length: 40 }, (_, i) => ({
      project_id: projectId,
      run_id: RUN,
      interaction_id: `added-${i}`,
      theme_id: i % 3 === 0 ? '' : 'th_c',
      similarity: 0.4,
      text: `added ${i}`,
      text_source: 'comment',
      evidence: JSON.stringify(['comment']),
      // Across day boundaries: whole days of the period and the partial day at its end.
      interaction_created_at: NOW - 3 * DAY + i * 7_200_000,
      assigned_by: 'incremental',
      assigned_at: NOW,
      tenant: i % 2 === 0 ? 'umbrella' : null,
      feature: 'chat',
      language: 'en',
      model: 'm1',
      model_version: null,
      prompt_template: null,
      prompt_version: null,
    }));
    await store.db
      .insertInto('interactions')
      .values(
        added.map((m) => ({
          project_id: projectId,
          id: m.interaction_id,
          tenant: m.tenant,
          feature: m.feature,
          language: m.language,
          model: m.model,
          input: JSON.stringify([{ role: 'user', content: `prompt of ${m.interaction_id}` }]),
          output: `answer to ${m.interaction_id}`,
          created_at: m.interaction_created_at,
          received_at: m.interaction_created_at,
        })),
      )
      .execute();
    const before = await themesOverview(store.db, projectId, options);
    await store.exclusive(projectLock(projectId), (trx) => insertMembers(trx, added));
    const grown = await themesOverview(store.db, projectId, options);
    expect(grown.poolSize).toBe(before.poolSize + added.filter((m) => m.interaction_created_at < NOW).length);
    expect(JSON.stringify(grown)).toBe(JSON.stringify(await referenceOverview(store.db, projectId, options)));

    // A user whose interactions are members of both runs, on several days.
    const owned = await store.db
      .selectFrom('theme_members')
      .select('interaction_id')
      .where('project_id', '=', projectId)
      .where('run_id', '=', RUN)
      .where('theme_id', '=', 'th_a')
      .orderBy('interaction_id')
      .limit(25)
      .execute();
    const ids = owned.map((m) => m.interaction_id);
    await store.db
      .updateTable('interactions')
      .set({ user_id: 'leaving-user' })
      .where('project_id', '=', projectId)
      .where('id', 'in', ids)
      .execute();
    const report = await forgetUser(store, { projectId, userId: 'leaving-user', actor: 'test' });
    expect(report.removed.themeMembers).toBeGreaterThanOrEqual(ids.length);
    const after = await themesOverview(store.db, projectId, options);
    expect(after.poolSize).toBeLessThan(grown.poolSize);
    expect(JSON.stringify(after)).toBe(JSON.stringify(await referenceOverview(store.db, projectId, options)));
    for (const [weeks, now] of [
      [8, NOW],
      [2, NOW - 1],
    ] as const) {
      expect(await themeTrends(store.db, projectId, { weeks, now })).toEqual(
        await referenceTrends(store.db, projectId, { weeks, now }),
      );
    }
  });

  // Last: it takes the schema back and forth.
  it('gives the same overview on a database upgraded by 015 (dimensions onto members) and 017 (day counts)', async () => {
    const options = { from: NOW - 30 * DAY, to: NOW };
    const before = await themesOverview(store.db, projectId, options);
    const trendsBefore = await themeTrends(store.db, projectId, { weeks: 8, now: NOW });
    expect(before.themes.some((t) => t.concentrations.length > 0)).toBe(true);
    const undone = await migrateDownTo(store.db as unknown as Kysely<unknown>, '014-day-pairs');
    expect(undone.error).toBeUndefined();
    expect(await store.migrate()).toEqual({
      applied: ['015-member-dimensions', '016-capture-index', '017-theme-member-days', '018-signal-type-index'],
    });
    const copied = await store.db
      .selectFrom('theme_members')
      .select(sql<number>`COUNT(tenant)`.as('n'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(Number(copied.n)).toBeGreaterThan(0);
    const counted = await store.db
      .selectFrom('theme_member_days')
      .select(sql<number>`COUNT(DISTINCT run_id)`.as('runs'))
      .where('project_id', '=', projectId)
      .executeTakeFirstOrThrow();
    expect(Number(counted.runs)).toBe(2);
    expect(JSON.stringify(await themesOverview(store.db, projectId, options))).toBe(JSON.stringify(before));
    expect(await themeTrends(store.db, projectId, { weeks: 8, now: NOW })).toEqual(trendsBefore);
    expect(await themesOverview(store.db, projectId, options)).toEqual(
      await referenceOverview(store.db, projectId, options),
    );
  });
});
