/** Reading and writing theme runs, themes and memberships (the tables of migration 008). */
import type { Database, ThemeMemberTable, ThemeRunTable, ThemeTable } from '@feedloop/store';
import type { Kysely, Transaction } from 'kysely';

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
