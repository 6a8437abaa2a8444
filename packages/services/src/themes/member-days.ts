/**
 * Theme members counted per run, UTC day, theme and facet — each evidence set and each dimension value —
 * in `theme_member_days` (migration 017). The themes overview and trends read a period's whole days from
 * here and only its partial first and last day from `theme_members`, so a page load no longer counts every
 * member of a 30-day period (143,775 at 1M interactions, bench/README.md "Dashboard").
 *
 * The counts are recounted from `theme_members` by whoever writes or deletes members, in the same
 * transaction and under the project's lock (`projectLock`), so they are never stale: a new run
 * (theme-store.ts `insertRun`), incremental assignment (`insertMembers`) and forgetting a user
 * (privacy/forget-user.ts). Retention only clears members' text, which is not counted.
 */
import { DAY_MS, type Database, DIMENSION_COLUMNS } from '@feedloop/store';
import { type Kysely, PostgresAdapter, type RawBuilder, sql, type Transaction } from 'kysely';
import { bucketStart } from '../analysis/rollup-cells.js';

type Db = Kysely<Database> | Transaction<Database>;
type Dimension = (typeof DIMENSION_COLUMNS)[number];

/** A facet is the members' evidence set or one of their dimensions. */
export type Facet = 'evidence' | Dimension;

/** What a read counts: the evidence sets, or the values of every dimension. */
export type FacetGroup = 'evidence' | 'dimensions';

export interface FacetCount {
  themeId: string;
  facet: Facet;
  /** The evidence JSON exactly as stored, or the dimension's value ('' when absent). */
  value: string;
  members: number;
  /** The smallest interaction id (byte order) among those members. */
  firstId: string;
}

export interface Period {
  from: number;
  to: number;
}

/** PostgreSQL compares text by the database's collation; byte order is what SQLite (and JS `<`) use. */
export function byteOrdered(db: Db, expression: RawBuilder<string | null>): RawBuilder<string> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string>`(${expression}) collate "C"`
    : sql<string>`${expression}`;
}

/** A whole number from a count or sum (PostgreSQL returns bigint and numeric as strings). */
const whole = (n: number | string | bigint) => Number(n);

const memberDay = sql<number>`interaction_created_at - (interaction_created_at % ${sql.lit(DAY_MS)})`;

const FACET_VALUES: ReadonlyArray<{ facet: Facet; value: RawBuilder<string> }> = [
  { facet: 'evidence', value: sql<string>`evidence` },
  ...DIMENSION_COLUMNS.map((c) => ({ facet: c, value: sql<string>`coalesce(${sql.ref(c)}, '')` })),
];

/**
 * Recounts a run's day rows from its members: every day, or only the days the given interaction times fall
 * on (those of the members added or removed). Call it in the transaction that changed the members, under
 * the project's lock.
 */
export async function recountMemberDays(
  db: Db,
  projectId: string,
  runId: string,
  changedAt?: Iterable<number>,
): Promise<void> {
  const periods: Array<Period | undefined> = changedAt
    ? [...new Set([...changedAt].map((at) => bucketStart(at, 'day')))].map((d) => ({ from: d, to: d + DAY_MS }))
    : [undefined];
  for (const period of periods) {
    await db
      .deleteFrom('theme_member_days')
      .where('project_id', '=', projectId)
      .where('run_id', '=', runId)
      .$if(period !== undefined, (q) => q.where('day_start', '=', period?.from ?? 0))
      .execute();
    for (const { facet, value } of FACET_VALUES) {
      await db
        .insertInto('theme_member_days')
        .columns(['project_id', 'run_id', 'facet', 'theme_id', 'value', 'day_start', 'members', 'first_id'])
        .expression(
          db
            .selectFrom('theme_members')
            .select([
              'project_id',
              'run_id',
              sql.lit(facet).as('facet'),
              'theme_id',
              value.as('value'),
              memberDay.as('day_start'),
              (eb) => eb.fn.countAll<number>().as('members'),
              sql<string>`min(${byteOrdered(db, sql.ref('interaction_id'))})`.as('first_id'),
            ])
            .where('project_id', '=', projectId)
            .where('run_id', '=', runId)
            .$if(period !== undefined, (q) =>
              q
                .where('interaction_created_at', '>=', period?.from ?? 0)
                .where('interaction_created_at', '<', period?.to ?? 0),
            )
            .groupBy(['project_id', 'run_id', 'theme_id', value, memberDay]),
        )
        .execute();
    }
  }
}

/** `[from, to)` as the whole UTC days inside it and the partial days at either end. */
export function splitByDays(period: Period): { days: Period | undefined; edges: Period[] } {
  const first = Math.ceil(period.from / DAY_MS) * DAY_MS;
  const end = bucketStart(period.to, 'day');
  if (first >= end) return { days: undefined, edges: period.from < period.to ? [period] : [] };
  const edges = [
    { from: period.from, to: first },
    { from: end, to: period.to },
  ].filter((p) => p.from < p.to);
  return { days: { from: first, to: end }, edges };
}

/** Whole days: one pass over the run's rows of those facets in key order, summing the days (exported for a plan test). */
export function dayFacetsQuery(db: Db, projectId: string, runId: string, facets: FacetGroup, days: Period) {
  return db
    .selectFrom('theme_member_days')
    .select([
      'facet',
      'theme_id',
      'value',
      (eb) => eb.fn.sum<number | string>('members').as('members'),
      sql<string>`min(${byteOrdered(db, sql.ref('first_id'))})`.as('first_id'),
    ])
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .where('facet', facets === 'evidence' ? '=' : '<>', 'evidence')
    .where('day_start', '>=', days.from)
    .where('day_start', '<', days.to)
    .groupBy(['facet', 'theme_id', 'value']);
}

const edgeValues = (facets: FacetGroup) => (facets === 'evidence' ? (['evidence'] as const) : DIMENSION_COLUMNS);

/**
 * A partial day (or a period shorter than a day): the members per theme and combination of the facets'
 * values, from a range of `theme_members_run_time_facets` alone (exported for a plan test).
 */
export function edgeFacetsQuery(db: Db, projectId: string, runId: string, facets: FacetGroup, edge: Period) {
  const values = edgeValues(facets);
  return db
    .selectFrom('theme_members')
    .select([
      'theme_id',
      ...values,
      (eb) => eb.fn.countAll<number | string>().as('members'),
      sql<string>`min(${byteOrdered(db, sql.ref('interaction_id'))})`.as('first_id'),
    ])
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .where('interaction_created_at', '>=', edge.from)
    .where('interaction_created_at', '<', edge.to)
    .groupBy(['theme_id', ...values]);
}

async function dayFacetCounts(db: Db, projectId: string, runId: string, facets: FacetGroup, days: Period) {
  const rows = await dayFacetsQuery(db, projectId, runId, facets, days).execute();
  return rows.map(
    (r): FacetCount => ({
      themeId: r.theme_id,
      facet: r.facet as Facet,
      value: r.value,
      members: whole(r.members),
      firstId: r.first_id,
    }),
  );
}

async function edgeFacetCounts(db: Db, projectId: string, runId: string, facets: FacetGroup, edge: Period) {
  const rows = await edgeFacetsQuery(db, projectId, runId, facets, edge).execute();
  // One row per combination: each contributes to one value of every facet selected. The row's columns
  // depend on `facets`, which Kysely cannot follow, hence the lookup by name.
  return rows.flatMap((r) =>
    edgeValues(facets).map(
      (facet): FacetCount => ({
        themeId: r.theme_id,
        facet,
        value: ((r as Record<string, unknown>)[facet] as string | null) ?? '',
        members: whole(r.members),
        firstId: r.first_id,
      }),
    ),
  );
}

/**
 * A run's members in a period per theme, facet and value: the evidence sets, or the values of every
 * dimension. Whole days come from `theme_member_days`, partial days from the members themselves.
 */
export async function facetCounts(
  db: Db,
  projectId: string,
  runId: string,
  facets: FacetGroup,
  period: Period,
): Promise<FacetCount[]> {
  const { days, edges } = splitByDays(period);
  const parts = days ? [await dayFacetCounts(db, projectId, runId, facets, days)] : [];
  for (const edge of edges) parts.push(await edgeFacetCounts(db, projectId, runId, facets, edge));
  // An edge gives one row per member combination, so even a single part can repeat a facet value.
  const merged = new Map<string, FacetCount>();
  for (const count of parts.flat()) {
    const key = `${count.themeId}\u0000${count.facet}\u0000${count.value}`;
    const entry = merged.get(key);
    if (!entry) merged.set(key, { ...count });
    else {
      entry.members += count.members;
      if (count.firstId < entry.firstId) entry.firstId = count.firstId;
    }
  }
  return [...merged.values()];
}
