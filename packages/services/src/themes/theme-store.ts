/** Reading and writing theme runs, themes and memberships (the tables of migration 008). */
import {
  type Database,
  projectLock,
  type Store,
  type ThemeMemberTable,
  type ThemeRunTable,
  type ThemeTable,
} from '@feedloop/store';
import { type Kysely, sql, type Transaction } from 'kysely';
import { byteOrdered, facetCounts, recountMemberDays } from './member-days.js';

const CHUNK = 500;

/**
 * Writes a new run. Its themes and members go in first, in chunks, so a run of 100,000s of members does not
 * hold the SQLite writer all along; its day counts and the run row go in last, together under the project's
 * lock. Readers find a run by its row, so they only ever see a complete one.
 */
export async function insertRun(
  store: Store,
  run: ThemeRunTable,
  themes: ThemeTable[],
  members: ThemeMemberTable[],
): Promise<void> {
  for (let i = 0; i < themes.length; i += CHUNK) {
    await store.db
      .insertInto('themes')
      .values(themes.slice(i, i + CHUNK))
      .execute();
  }
  await insertMemberRows(store.db, members);
  await store.exclusive(projectLock(run.project_id), async (trx) => {
    await recountMemberDays(trx, run.project_id, run.id);
    await trx.insertInto('theme_runs').values(run).execute();
  });
}

/**
 * Adds members to existing runs (a member already there is kept as it is) and recounts the days they fall
 * on. Call it in a transaction under the project's lock, as every writer of the day counts does.
 */
export async function insertMembers(trx: Transaction<Database>, members: ThemeMemberTable[]): Promise<void> {
  await insertMemberRows(trx, members);
  const runs = new Map<string, { projectId: string; runId: string; times: number[] }>();
  for (const m of members) {
    const key = `${m.project_id}\u0000${m.run_id}`;
    const run = runs.get(key) ?? { projectId: m.project_id, runId: m.run_id, times: [] };
    run.times.push(m.interaction_created_at);
    runs.set(key, run);
  }
  for (const { projectId, runId, times } of runs.values()) {
    await recountMemberDays(trx, projectId, runId, times);
  }
}

async function insertMemberRows(
  db: Kysely<Database> | Transaction<Database>,
  members: readonly ThemeMemberTable[],
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

/** The interaction ids of a run's members (of interactions created from `since` on), without their text. */
export async function memberIdsOfRun(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  since = Number.NEGATIVE_INFINITY,
): Promise<string[]> {
  const rows = await db
    .selectFrom('theme_members')
    .select('interaction_id')
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .$if(Number.isFinite(since), (q) => q.where('interaction_created_at', '>=', since))
    .execute();
  return rows.map((r) => r.interaction_id);
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
 * Aggregate reads for the overview and the trends count members per theme, evidence and cohort from
 * `theme_member_days` (whole days) and the members of a period's partial days (member-days.ts). The examples
 * walk `theme_members_run_theme` (migration 011), a run's members in theme order with evidence, similarity,
 * time and id, so each theme's most similar members come from its index entries alone.
 *
 * Where ties used to be broken by the order the members were read in (SQLite read them by primary key,
 * i.e. by interaction id), groups carry their smallest interaction id, compared byte-wise on both backends.
 */

/**
 * `interaction_created_at + 0`: the same value, but not an index range for SQLite, which then reads the
 * run's members in the order of `theme_members_run_theme` instead of a range of `theme_members_run_time_facets`.
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

/** Members of a run per theme and evidence, in the current period (`split` to `to`) and in the previous one (`from` to `split`). */
export async function memberTallies(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  range: { from: number; split: number; to: number },
): Promise<MemberTally[]> {
  const tallies = new Map<string, MemberTally>();
  const tallyOf = (themeId: string, evidence: string) => {
    const key = `${themeId}\u0000${evidence}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = { themeId, evidence, current: 0, previous: 0, firstId: null };
      tallies.set(key, tally);
    }
    return tally;
  };
  for (const c of await facetCounts(db, projectId, runId, 'evidence', { from: range.split, to: range.to })) {
    const tally = tallyOf(c.themeId, c.value);
    tally.current = c.members;
    tally.firstId = c.firstId;
  }
  for (const c of await facetCounts(db, projectId, runId, 'evidence', { from: range.from, to: range.split })) {
    tallyOf(c.themeId, c.value).previous = c.members;
  }
  return [...tallies.values()];
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
