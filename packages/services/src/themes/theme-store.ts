/** Reading and writing theme runs, themes and memberships (the tables of migration 008). */
import {
  type Database,
  DIMENSION_COLUMNS,
  type ThemeMemberTable,
  type ThemeRunTable,
  type ThemeTable,
} from '@feedloop/store';
import { type Kysely, PostgresAdapter, type RawBuilder, sql, type Transaction } from 'kysely';

const CHUNK = 500;

export async function insertRun(
  db: Kysely<Database> | Transaction<Database>,
  run: ThemeRunTable,
  themes: ThemeTable[],
  members: ThemeMemberTable[],
): Promise<void> {
  await db.insertInto('theme_runs').values(run).execute();
  for (let i = 0; i < themes.length; i += CHUNK) {
    await db
      .insertInto('themes')
      .values(themes.slice(i, i + CHUNK))
      .execute();
  }
  await insertMembers(db, members);
}

export async function insertMembers(
  db: Kysely<Database> | Transaction<Database>,
  members: ThemeMemberTable[],
): Promise<void> {
  for (let i = 0; i < members.length; i += CHUNK) {
    await db
      .insertInto('theme_members')
      .values(members.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['project_id', 'run_id', 'interaction_id']).doNothing())
      .execute();
  }
}

/** The project's most recent run, or undefined before the first. */
export async function latestRun(db: Kysely<Database>, projectId: string): Promise<ThemeRunTable | undefined> {
  return db
    .selectFrom('theme_runs')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function themesOfRun(db: Kysely<Database>, projectId: string, runId: string): Promise<ThemeTable[]> {
  return db
    .selectFrom('themes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .orderBy('position')
    .execute();
}

export async function membersOfRun(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  range?: { from: number; to: number },
): Promise<ThemeMemberTable[]> {
  return db
    .selectFrom('theme_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .$if(range !== undefined, (q) =>
      q.where('interaction_created_at', '>=', range?.from ?? 0).where('interaction_created_at', '<', range?.to ?? 0),
    )
    .execute();
}

/*
 * Aggregate reads for the overview and the trends: counted in SQL, so a period with 100,000s of members
 * returns a few hundred rows and no text. They rely on two covering indexes of migration 011:
 * `theme_members_run_theme` (run, theme, evidence, similarity, time, id), read in theme order — the tallies
 * stream through it without a sort and each theme's most similar members are found by walking it — and
 * `theme_members_run_time` (run, time, theme, id), read for a period in time order, which is about the order
 * of interaction ids, so the join to `interactions` reads that table in order.
 *
 * Where ties used to be broken by the order the members were read in (SQLite read them by primary key,
 * i.e. by interaction id), groups carry their smallest interaction id, compared byte-wise on both backends.
 */

/** PostgreSQL compares text by the database's collation; byte order is what SQLite (and JS `<`) use. */
function byteOrdered(db: Kysely<Database>, expression: RawBuilder<string | null>): RawBuilder<string> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string>`(${expression}) collate "C"`
    : sql<string>`${expression}`;
}

/** A whole number from a count (PostgreSQL returns bigint counts as strings unless parsed). */
const whole = (n: number | string | bigint) => Number(n);

/**
 * `interaction_created_at + 0`: the same value, but not an index range for SQLite, which then reads the
 * run's members in the order of `theme_members_run_theme` instead of a range of `theme_members_run_time`.
 */
const createdAtNotIndexed = sql<number>`interaction_created_at + 0`;

export interface MemberTally {
  themeId: string;
  /** The evidence JSON exactly as stored. */
  evidence: string;
  /** Members in the current period. */
  current: number;
  /** Members in the previous period. */
  previous: number;
  /** The smallest interaction id (byte order) among the current period's members; null if none. */
  firstId: string | null;
}

/**
 * Members of a run per theme and evidence, in the current period (`split` to `to`) and in the previous one
 * (`from` to `split`): one pass over the run's index entries, no sort, no text.
 */
export async function memberTallies(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  range: { from: number; split: number; to: number },
): Promise<MemberTally[]> {
  const inCurrent = sql<boolean>`interaction_created_at >= ${range.split}`;
  const rows = await db
    .selectFrom('theme_members')
    .select([
      'theme_id',
      'evidence',
      sql<number | string>`count(case when ${inCurrent} then 1 end)`.as('current'),
      sql<number | string>`count(case when ${inCurrent} then null else 1 end)`.as('previous'),
      sql<
        string | null
      >`min(${byteOrdered(db, sql<string | null>`case when ${inCurrent} then interaction_id end`)})`.as('first_id'),
    ])
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .where(createdAtNotIndexed, '>=', range.from)
    .where(createdAtNotIndexed, '<', range.to)
    .groupBy(['theme_id', 'evidence'])
    .execute();
  return rows.map((r) => ({
    themeId: r.theme_id,
    evidence: r.evidence,
    current: whole(r.current),
    previous: whole(r.previous),
    firstId: r.first_id,
  }));
}

export interface MemberCohort {
  themeId: string;
  /** The member's interaction's dimension values (null when absent), as copied onto the member. */
  values: Record<(typeof DIMENSION_COLUMNS)[number], string | null>;
  members: number;
  firstId: string;
}

/**
 * The count of a run's members in a period per theme and combination of dimension values (exported so a
 * test can read its query plan). Members carry their interaction's dimensions (migration 015): no join.
 * The time bounds are written `+column` so SQLite does not pick `theme_members_run_time` for them and then
 * sort 100,000s of members by cohort; it streams `theme_members_run_cohort`, already in group order,
 * instead (half the time at 30 days, bench/README.md "Dashboard"). The unary plus changes no value on
 * either backend.
 */
export function memberCohortsQuery(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  range: { from: number; to: number },
) {
  const dimensions = DIMENSION_COLUMNS.map((c) => `m.${c}` as const);
  const createdAt = sql<number>`+m.interaction_created_at`;
  return db
    .selectFrom('theme_members as m')
    .select([
      'm.theme_id',
      ...dimensions,
      (eb) => eb.fn.countAll<number | string>().as('n'),
      sql<string>`min(${byteOrdered(db, sql.ref('m.interaction_id'))})`.as('first_id'),
    ])
    .where('m.project_id', '=', projectId)
    .where('m.run_id', '=', runId)
    .where(createdAt, '>=', range.from)
    .where(createdAt, '<', range.to)
    .groupBy(['m.theme_id', ...dimensions]);
}

/** Members of a run in a period per theme and combination of their interactions' dimension values. */
export async function memberCohorts(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  range: { from: number; to: number },
): Promise<MemberCohort[]> {
  const rows = await memberCohortsQuery(db, projectId, runId, range).execute();
  return rows.map((r) => {
    const values = {} as MemberCohort['values'];
    for (const c of DIMENSION_COLUMNS) values[c] = r[c];
    return { themeId: r.theme_id, values, members: whole(r.n), firstId: r.first_id };
  });
}

/**
 * A theme's `n` most similar members in a period, ties by interaction id (byte order): ids and similarities
 * only: reads the theme's entries of `theme_members_run_theme`, keeping the best `n` as it goes.
 */
export async function topMembers(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  themeId: string,
  range: { from: number; to: number },
  n: number,
): Promise<Array<{ interactionId: string; similarity: number }>> {
  const rows = await db
    .selectFrom('theme_members')
    .select(['interaction_id', 'similarity'])
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .where('theme_id', '=', themeId)
    .where(createdAtNotIndexed, '>=', range.from)
    .where(createdAtNotIndexed, '<', range.to)
    .orderBy('similarity', 'desc')
    .orderBy(byteOrdered(db, sql.ref('interaction_id')))
    .limit(n)
    .execute();
  return rows.map((r) => ({ interactionId: r.interaction_id, similarity: r.similarity }));
}

/** Members of a run by interaction id, with their text and their interaction's input and output. */
export async function membersWithInteractions(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  interactionIds: readonly string[],
): Promise<
  Array<{ interaction_id: string; text: string; text_source: string; input: string | null; output: string | null }>
> {
  const out = [];
  for (let i = 0; i < interactionIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('theme_members as m')
      .leftJoin('interactions as i', (join) =>
        join.onRef('i.project_id', '=', 'm.project_id').onRef('i.id', '=', 'm.interaction_id'),
      )
      .select(['m.interaction_id', 'm.text', 'm.text_source', 'i.input', 'i.output'])
      .where('m.project_id', '=', projectId)
      .where('m.run_id', '=', runId)
      .where('m.interaction_id', 'in', interactionIds.slice(i, i + CHUNK))
      .execute();
    out.push(...rows);
  }
  return out;
}

/**
 * Members of a run per theme and week from `start` (weeks of `weekMs`, the first starting at `start`) to
 * `end`: `week` is the index of the week.
 */
export async function weeklyMemberCounts(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  range: { start: number; end: number; weekMs: number },
): Promise<Array<{ themeId: string; week: number; members: number }>> {
  // Literals, not parameters: both backends then divide integers (SQLite would divide a bound number as real).
  const week = sql<number>`(interaction_created_at - ${sql.lit(range.start)}) / ${sql.lit(range.weekMs)}`;
  const rows = await db
    .selectFrom('theme_members')
    .select(['theme_id', week.as('week'), (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .where('interaction_created_at', '>=', range.start)
    .where('interaction_created_at', '<', range.end)
    .groupBy(['theme_id', week])
    .execute();
  return rows.map((r) => ({ themeId: r.theme_id, week: whole(r.week), members: whole(r.n) }));
}
