/**
 * Reads rollup cells for an analysis: sums of `rollups` and of `rollup_adjustments` (per reason) over the
 * filter, grouped by time bucket or by one dimension. Every analysis starts here, so its cost follows the
 * number of rollup rows in range, not the number of events.
 */
import type { Database } from '@feedloop/store';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { AnalysisDimension, AnalysisFilter, Granularity } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** The Unix epoch fell on a Thursday: Mondays are 4 days after a multiple of 7 days. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

/** The start of the bucket `at` falls in (UTC; weeks start on Monday). */
export function bucketStart(at: number, granularity: Granularity): number {
  if (granularity === 'hour') return Math.floor(at / HOUR_MS) * HOUR_MS;
  if (granularity === 'day') return Math.floor(at / DAY_MS) * DAY_MS;
  return Math.floor((at - MONDAY_OFFSET_MS) / WEEK_MS) * WEEK_MS + MONDAY_OFFSET_MS;
}

export function nextBucket(start: number, granularity: Granularity): number {
  return start + (granularity === 'hour' ? HOUR_MS : granularity === 'day' ? DAY_MS : WEEK_MS);
}

function bucketExpression(granularity: Granularity): RawBuilder<number> {
  if (granularity === 'hour') return sql<number>`bucket_start`;
  if (granularity === 'day') return sql<number>`bucket_start - (bucket_start % ${sql.lit(DAY_MS)})`;
  return sql<number>`bucket_start - ((bucket_start - ${sql.lit(MONDAY_OFFSET_MS)}) % ${sql.lit(WEEK_MS)})`;
}

export type CellGrouping =
  | { by: 'none' }
  | { by: 'bucket'; granularity: Granularity }
  | { by: 'dimension'; dimension: AnalysisDimension; only?: readonly string[] };

/** One summed cell: a group (bucket start, dimension value, or ''), a metric and a value key. */
export interface Cell {
  group: string;
  metric: string;
  valueKey: string;
  count: number;
  valueSum: number;
}

export interface AdjustmentCell extends Cell {
  reason: string;
}

function groupExpression(grouping: CellGrouping): RawBuilder<string | number> {
  if (grouping.by === 'none') return sql<string>`''`;
  if (grouping.by === 'bucket') return bucketExpression(grouping.granularity);
  return sql<string>`${sql.ref(grouping.dimension)}`;
}

/** Rows of both tables share the rollup key columns, so one filter serves both. */
function filtered<T extends 'rollups' | 'rollup_adjustments'>(
  db: Kysely<Database>,
  table: T,
  filter: AnalysisFilter,
  grouping: CellGrouping,
) {
  let query = db
    .selectFrom(table as 'rollups')
    .where('project_id', '=', filter.projectId)
    .where('bucket_start', '>=', filter.from)
    .where('bucket_start', '<', filter.to);
  for (const [dimension, value] of Object.entries(filter.where ?? {})) {
    if (value !== undefined) query = query.where(dimension as AnalysisDimension, '=', value);
  }
  if (grouping.by === 'dimension' && grouping.only) query = query.where(grouping.dimension, 'in', [...grouping.only]);
  return query;
}

export async function readCells(db: Kysely<Database>, filter: AnalysisFilter, grouping: CellGrouping): Promise<Cell[]> {
  const group = groupExpression(grouping);
  const rows = await filtered(db, 'rollups', filter, grouping)
    .select([
      group.as('grp'),
      'metric',
      'value_key',
      sql<number>`SUM(count)`.as('count'),
      sql<number>`SUM(value_sum)`.as('value_sum'),
    ])
    .groupBy([group, 'metric', 'value_key'])
    .execute();
  return rows.map((r) => ({
    group: String(r.grp),
    metric: r.metric,
    valueKey: r.value_key,
    count: Number(r.count),
    valueSum: Number(r.value_sum),
  }));
}

export async function readAdjustments(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  grouping: CellGrouping,
): Promise<AdjustmentCell[]> {
  const group = groupExpression(grouping);
  const rows = await filtered(db, 'rollup_adjustments', filter, grouping)
    .select([
      group.as('grp'),
      'metric',
      'value_key',
      sql<string>`reason`.as('reason'),
      sql<number>`SUM(count)`.as('count'),
      sql<number>`SUM(value_sum)`.as('value_sum'),
    ])
    .groupBy([group, 'metric', 'value_key', sql`reason`])
    .execute();
  return rows
    .map((r) => ({
      group: String(r.grp),
      metric: r.metric,
      valueKey: r.value_key,
      reason: String(r.reason),
      count: Number(r.count),
      valueSum: Number(r.value_sum),
    }))
    .filter((r) => r.count !== 0);
}
