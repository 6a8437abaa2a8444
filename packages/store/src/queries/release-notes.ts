/** Release notes: drafted by the loop, decided by the team, read by the app. */
import type { Kysely } from 'kysely';
import type { Database, ReleaseNoteTable } from '../schema.js';

export interface ReleaseNote {
  id: string;
  status: ReleaseNoteTable['status'];
  title: string;
  body: string;
  evidence: unknown;
  createdAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
}

const toNote = (row: ReleaseNoteTable): ReleaseNote => ({
  id: row.id,
  status: row.status,
  title: row.title,
  body: row.body,
  evidence: JSON.parse(row.evidence),
  createdAt: row.created_at,
  decidedAt: row.decided_at,
  decidedBy: row.decided_by,
});

/** Inserts a draft unless a note for the same subject exists (whatever its status); true when inserted. */
export async function insertDraftNote(
  db: Kysely<Database>,
  note: Omit<ReleaseNoteTable, 'status' | 'decided_at' | 'decided_by'>,
): Promise<boolean> {
  const inserted = await db
    .insertInto('release_notes')
    .values({ ...note, status: 'draft', decided_at: null, decided_by: null })
    .onConflict((oc) => oc.columns(['project_id', 'subject_key']).doNothing())
    .returning('id')
    .execute();
  return inserted.length > 0;
}

export async function listReleaseNotes(
  db: Kysely<Database>,
  projectId: string,
  status?: ReleaseNoteTable['status'],
  limit = 100,
): Promise<ReleaseNote[]> {
  const rows = await db
    .selectFrom('release_notes')
    .selectAll()
    .where('project_id', '=', projectId)
    .$if(status !== undefined, (q) => q.where('status', '=', status ?? 'draft'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toNote);
}

export async function findReleaseNote(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<ReleaseNote | undefined> {
  const row = await db
    .selectFrom('release_notes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toNote(row) : undefined;
}

/** Approves (optionally with an edited title and body) or dismisses a note; undefined when there is none. */
export async function decideReleaseNote(
  db: Kysely<Database>,
  projectId: string,
  id: string,
  decision: { status: 'approved' | 'dismissed'; title?: string; body?: string; by: string; at: number },
): Promise<ReleaseNote | undefined> {
  await db
    .updateTable('release_notes')
    .set({
      status: decision.status,
      decided_at: decision.at,
      decided_by: decision.by,
      ...(decision.title === undefined ? {} : { title: decision.title }),
      ...(decision.body === undefined ? {} : { body: decision.body }),
    })
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .execute();
  return findReleaseNote(db, projectId, id);
}
