/**
 * Version deltas: for a prompt template (its prompt versions) or a model (its model versions), each
 * version against the one before it, in the order they first appeared — satisfaction, ratings,
 * regenerate and correction rates, with the comparison's honest statistics.
 */

import { twoProportionTest } from '@feedloop/core';
import type { Database } from '@feedloop/store';
import { type Kysely, sql } from 'kysely';
import { compare, DEFAULT_ALPHA } from '../analysis/comparison.js';
import { rate } from '../analysis/tally.js';
import type { AnalysisDimension, AnalysisFilter, ArmComparison, Measures, Rate } from '../analysis/types.js';
import { latestRun } from '../themes/theme-store.js';

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

/** A failure category's share of the negatives of each version (from the latest themes run). */
export interface ThemeShareDelta {
  category: string;
  before: Rate;
  after: Rate;
  difference: number;
  pValue: number;
  significant: boolean;
}

export interface VersionDelta {
  kind: VersionedKind;
  subject: string;
  from: VersionSeen;
  to: VersionSeen;
  before: Measures;
  after: Measures;
  comparison: ArmComparison;
  /** Empty before the first themes run. */
  themeShares: ThemeShareDelta[];
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
    const themeShares = await themeShareDeltas(db, scoped, version, from.version, to.version, alpha);
    deltas.push({ kind, subject, from, to, before: before.measures, after: after.measures, comparison, themeShares });
  }
  return deltas;
}

/** Per failure category: its share of each version's failure pool (items of the latest themes run). */
async function themeShareDeltas(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  versionColumn: AnalysisDimension,
  from: string,
  to: string,
  alpha: number,
): Promise<ThemeShareDelta[]> {
  const run = await latestRun(db, filter.projectId);
  if (!run) return [];
  let query = db
    .selectFrom('theme_members as m')
    .innerJoin('interactions as i', (j) =>
      j.onRef('i.project_id', '=', 'm.project_id').onRef('i.id', '=', 'm.interaction_id'),
    )
    .leftJoin('themes as t', (j) => j.onRef('t.project_id', '=', 'm.project_id').onRef('t.id', '=', 'm.theme_id'))
    .select([sql.ref<string>(`i.${versionColumn}`).as('version'), 't.category', sql<number>`COUNT(*)`.as('n')])
    .where('m.project_id', '=', filter.projectId)
    .where('m.run_id', '=', run.id)
    .where('i.created_at', '>=', filter.from)
    .where('i.created_at', '<', filter.to)
    .where(sql.ref(`i.${versionColumn}`), 'in', [from, to]);
  for (const [dimension, value] of Object.entries(filter.where ?? {})) {
    if (value !== undefined) query = query.where(sql.ref(`i.${dimension}`), '=', value);
  }
  const rows = await query.groupBy([sql.ref(`i.${versionColumn}`), 't.category']).execute();
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.version, (totals.get(r.version) ?? 0) + Number(r.n));
  const categories = [...new Set(rows.flatMap((r) => (r.category ? [r.category] : [])))].sort();
  const countOf = (version: string, category: string) =>
    Number(rows.find((r) => r.version === version && r.category === category)?.n ?? 0);
  return categories.map((category) => {
    const before = rate(countOf(from, category), totals.get(from) ?? 0);
    const after = rate(countOf(to, category), totals.get(to) ?? 0);
    if (before.trials === 0 || after.trials === 0) {
      return { category, before, after, difference: 0, pValue: 1, significant: false };
    }
    const test = twoProportionTest(before, after);
    return {
      category,
      before,
      after,
      difference: test.difference,
      pValue: test.pValue,
      significant: test.pValue < alpha,
    };
  });
}
