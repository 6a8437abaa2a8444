import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, ProjectTable } from '../schema.js';

export interface Project {
  id: string;
  name: string;
  createdAt: number;
}

const toProject = (row: ProjectTable): Project => ({ id: row.id, name: row.name, createdAt: Number(row.created_at) });

export async function createProject(db: Kysely<Database>, input: { name: string; id?: string }): Promise<Project> {
  const row: ProjectTable = {
    id: input.id ?? `proj_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    name: input.name,
    created_at: Date.now(),
    settings: '{}',
  };
  await db.insertInto('projects').values(row).execute();
  return toProject(row);
}

export async function listProjects(db: Kysely<Database>): Promise<Project[]> {
  const rows = await db.selectFrom('projects').selectAll().orderBy('created_at').execute();
  return rows.map(toProject);
}

/** A project by id, or by name when no id matches. */
export async function findProject(db: Kysely<Database>, idOrName: string): Promise<Project | undefined> {
  const row =
    (await db.selectFrom('projects').selectAll().where('id', '=', idOrName).executeTakeFirst()) ??
    (await db.selectFrom('projects').selectAll().where('name', '=', idOrName).orderBy('created_at').executeTakeFirst());
  return row ? toProject(row) : undefined;
}
