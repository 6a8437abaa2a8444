/**
 * Version deltas: for a prompt template (its prompt versions) or a model (its model versions), each
 * version against the one before it, in the order they first appeared — satisfaction, ratings,
 * regenerate and correction rates, with the comparison's honest statistics.
 */
import type { Database } from '@feedloop/store';
import { type Kysely, sql } from 'kysely';
import { compare, DEFAULT_ALPHA } from '../analysis/comparison.js';
import type { AnalysisDimension, AnalysisFilter, ArmComparison, Measures } from '../analysis/types.js';

export type VersionedKind = 'prompt' | 'model';

/** Which rollup column names the subject and which holds its versions. */
const COLUMNS: Record<VersionedKind, { subject: AnalysisDimension; version: AnalysisDimension }> = {
  prompt: { subject: 'prompt_template', version: 'prompt_version' },
  model: { subject: 'model', version: 'model_version' },
};

export interface VersionSeen {
  version: string;
  firstSeen: number;
}

export interface VersionDelta {
  kind: VersionedKind;
  subject: string;
  from: VersionSeen;
  to: VersionSeen;
  before: Measures;
  after: Measures;
  comparison: ArmComparison;
}

/** The subject's versions in the order they first appeared (from the rollups, so cheap). */
export async function versionsOf(
  db: Kysely<Database>,
  projectId: string,
  kind: VersionedKind,
  subject: string,
): Promise<VersionSeen[]> {
  const { subject: subjectColumn, version } = COLUMNS[kind];
  const rows = await db
    .selectFrom('rollups')
    .select([sql.ref<string>(version).as('version'), sql<number>`MIN(bucket_start)`.as('first_seen')])
    .where('project_id', '=', projectId)
    .where(subjectColumn, '=', subject)
    .where(version, '!=', '')
    .where('metric', '=', '$interaction')
    .groupBy(version)
    .execute();
  return rows
    .map((r) => ({ version: r.version, firstSeen: Number(r.first_seen) }))
    .sort((a, b) => a.firstSeen - b.firstSeen || (a.version < b.version ? -1 : 1));
}

/** Subjects (templates or models) that have two or more versions. */
export async function versionedSubjects(
  db: Kysely<Database>,
  projectId: string,
  kind: VersionedKind,
): Promise<string[]> {
  const { subject, version } = COLUMNS[kind];
  const rows = await db
    .selectFrom('rollups')
    .select(sql.ref<string>(subject).as('subject'))
    .where('project_id', '=', projectId)
    .where(subject, '!=', '')
    .where(version, '!=', '')
    .where('metric', '=', '$interaction')
    .groupBy(subject)
    .having(sql`COUNT(DISTINCT ${sql.ref(version)})`, '>=', 2)
    .execute();
  return rows.map((r) => r.subject).sort();
}

/** Each version of the subject against the previous one, within the filter's range and dimensions. */
export async function versionDeltas(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  kind: VersionedKind,
  subject: string,
  alpha = DEFAULT_ALPHA,
): Promise<VersionDelta[]> {
  const { subject: subjectColumn, version } = COLUMNS[kind];
  const versions = await versionsOf(db, filter.projectId, kind, subject);
  const deltas: VersionDelta[] = [];
  for (let i = 1; i < versions.length; i++) {
    const from = versions[i - 1] as VersionSeen;
    const to = versions[i] as VersionSeen;
    const scoped: AnalysisFilter = { ...filter, where: { ...filter.where, [subjectColumn]: subject } };
    const result = await compare(db, scoped, version, [from.version, to.version], alpha);
    const [before, after] = result.arms;
    const [comparison] = result.comparisons;
    if (!before || !after || !comparison) continue;
    deltas.push({ kind, subject, from, to, before: before.measures, after: after.measures, comparison });
  }
  return deltas;
}
