/** Reading eval sets: the list, one set with its draft, one published version with its cases. */
import { FeedloopError } from '@feedloop/core';
import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { type EvalFieldNames, FieldChecks, HTTP_EVAL_FIELDS } from './eval-set-fields.js';
import { caseView, iso, publishedCase, versionSummary } from './eval-set-rows.js';
import type { EvalSetDetail, EvalSetSummary, EvalVersionDetail } from './eval-set-types.js';

type SetRow = Database['eval_sets'];

async function summaries(db: Kysely<Database>, projectId: string, sets: readonly SetRow[]): Promise<EvalSetSummary[]> {
  if (sets.length === 0) return [];
  const names = sets.map((s) => s.name);
  const versions = await db
    .selectFrom('eval_versions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('set_name', 'in', names)
    .orderBy('set_name')
    .orderBy('version')
    .execute();
  const counts = await db
    .selectFrom('eval_cases')
    .select(['set_name', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('project_id', '=', projectId)
    .where('set_name', 'in', names)
    .groupBy(['set_name', 'status'])
    .execute();
  return sets.map((s) => {
    const own = versions.filter((v) => v.set_name === s.name);
    const count = (status: string) => Number(counts.find((c) => c.set_name === s.name && c.status === status)?.n ?? 0);
    const latest = own[own.length - 1];
    return {
      name: s.name,
      createdAt: iso(s.created_at),
      updatedAt: iso(s.updated_at),
      draft: { accepted: count('accepted'), rejected: count('rejected') },
      latestVersion: latest === undefined ? null : Number(latest.version),
      unpublishedChanges: latest === undefined || Number(s.updated_at) > Number(latest.published_at),
      versions: own.map(versionSummary),
    };
  });
}

/** Every eval set of the project, by name. */
export async function listEvalSets(db: Kysely<Database>, projectId: string): Promise<EvalSetSummary[]> {
  const sets = await db
    .selectFrom('eval_sets')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('name')
    .execute();
  return summaries(db, projectId, sets);
}

async function findSet(db: Kysely<Database>, projectId: string, name: string, field: string): Promise<SetRow> {
  const checks = new FieldChecks();
  checks.setName(name, field);
  checks.check('The set name is malformed.');
  const row = await db
    .selectFrom('eval_sets')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) throw new FeedloopError('FL_NOT_FOUND', `No eval set "${name}" in this project.`);
  return row;
}

/** One set with its draft: every decision, accepted first, each in the order it was decided. */
export async function getEvalSet(
  db: Kysely<Database>,
  projectId: string,
  name: string,
  fields: EvalFieldNames = HTTP_EVAL_FIELDS,
): Promise<EvalSetDetail> {
  const set = await findSet(db, projectId, name, fields.set);
  const [summary] = await summaries(db, projectId, [set]);
  const cases = await db
    .selectFrom('eval_cases')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('set_name', '=', name)
    .orderBy('status')
    .orderBy('decided_at')
    .orderBy('interaction_id')
    .execute();
  return { ...(summary as EvalSetSummary), cases: cases.map(caseView) };
}

/** A published version with its cases, as they were copied when it was published. */
export async function getEvalVersion(
  db: Kysely<Database>,
  projectId: string,
  name: string,
  version: number | 'latest',
  fields: EvalFieldNames = HTTP_EVAL_FIELDS,
): Promise<EvalVersionDetail> {
  const set = await findSet(db, projectId, name, fields.set);
  const wanted = version === 'latest' ? Number(set.latest_version) : version;
  const row = await db
    .selectFrom('eval_versions')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('set_name', '=', name)
    .where('version', '=', wanted)
    .executeTakeFirst();
  if (!row) {
    throw new FeedloopError(
      'FL_NOT_FOUND',
      version === 'latest'
        ? `Eval set "${name}" has no published version yet.`
        : `Eval set "${name}" has no version ${version}.`,
    );
  }
  const cases = await db
    .selectFrom('eval_version_cases')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('set_name', '=', name)
    .where('version', '=', wanted)
    .orderBy('position')
    .execute();
  const { version: number, publishedAt, redaction } = versionSummary(row);
  const at = Number(row.published_at);
  return { set: name, version: number, publishedAt, redaction, cases: cases.map((c) => publishedCase(c, at)) };
}

/**
 * What any attempt to change a published version answers: FL_CONFLICT when it exists (versions are
 * immutable), FL_NOT_FOUND when it does not.
 */
export async function refuseVersionChange(
  db: Kysely<Database>,
  projectId: string,
  name: string,
  version: number | 'latest',
): Promise<never> {
  const found = await getEvalVersion(db, projectId, name, version);
  throw new FeedloopError(
    'FL_CONFLICT',
    `Version ${found.version} of eval set "${name}" is published and cannot be changed. Edit the draft and publish a new version.`,
  );
}
