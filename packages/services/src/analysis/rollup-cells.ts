/**
 * Reads rollup cells for an analysis: sums of `rollups` and of `rollup_adjustments` (per reason) over the
 * filter, grouped by time bucket or by one dimension. Every analysis starts here, so its cost follows the
 * number of rollup rows in range, not the number of events.
 */
import { type Database, MARGINAL_DIMENSIONS } from '@feedloop/store';
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

function bucketExpression(granularity: Granularity, column = 'bucket_start'): RawBuilder<number> {
  const at = sql.ref(column);
  if (granularity === 'hour') return sql<number>`${at}`;
  if (granularity === 'day') return sql<number>`${at} - (${at} % ${sql.lit(DAY_MS)})`;
  return sql<number>`${at} - ((${at} - ${sql.lit(MONDAY_OFFSET_MS)}) % ${sql.lit(WEEK_MS)})`;
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

/** What rows are grouped by; PostgreSQL refuses a constant in GROUP BY, so 'none' is left out of it. */
function groupExpression(grouping: CellGrouping): RawBuilder<string | number> {
  if (grouping.by === 'none') return sql<string>`''`;
  if (grouping.by === 'bucket') return bucketExpression(grouping.granularity);
  return sql<string>`${sql.ref(grouping.dimension)}`;
}

/**
 * What every cell read selects from its table (all have `metric`, `value_key`, `count`, `value_sum`): the
 * sums per group, metric and value key. 'none' leaves the group out of GROUP BY (see `groupExpression`).
 */
function summedColumns(group: RawBuilder<string | number>) {
  return [
    group.as('grp'),
    sql<string>`metric`.as('metric'),
    sql<string>`value_key`.as('value_key'),
    sql<number>`SUM(count)`.as('count'),
    sql<number>`SUM(value_sum)`.as('value_sum'),
  ];
}

function summedGroups(group: RawBuilder<string | number>, grouping: CellGrouping): RawBuilder<unknown>[] {
  return grouping.by === 'none' ? [sql`metric`, sql`value_key`] : [group, sql`metric`, sql`value_key`];
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

/**
 * Reads the cells from the marginal rollups where they can answer — at most one dimension filter, grouped
 * by time or by that same dimension: whole days from the daily marginals, hours and the partial days at
 * the edges of the range from the hourly marginals; from the daily pair rollups where exactly two
 * dimensions are involved (two filters, or a filter and a grouping by another dimension), for the whole
 * days whose pairs are built; and from the hourly rollups, which cross all dimensions, for the rest. All
 * hold the same counts; a bucket belongs to the range when its start does, as in the hourly rollups.
 */
export async function readCells(db: Kysely<Database>, filter: AnalysisFilter, grouping: CellGrouping): Promise<Cell[]> {
  const plan = marginalPlan(filter, grouping);
  if (!plan) {
    const pairs = pairPlan(filter, grouping);
    return pairs ? readWithDayPairs(db, filter, grouping, pairs) : readHourlyCells(db, filter, grouping);
  }
  if (grouping.by === 'bucket' && grouping.granularity === 'hour') {
    return readMarginalCells(db, HOURLY, filter, grouping, plan);
  }
  const firstDay = Math.ceil(filter.from / DAY_MS) * DAY_MS;
  const endDay = Math.floor(filter.to / DAY_MS) * DAY_MS;
  if (firstDay >= endDay) return readMarginalCells(db, HOURLY, filter, grouping, plan);
  const parts = await Promise.all([
    readMarginalCells(db, DAILY, { ...filter, from: firstDay, to: endDay }, grouping, plan),
    filter.from < firstDay ? readMarginalCells(db, HOURLY, { ...filter, to: firstDay }, grouping, plan) : [],
    endDay < filter.to ? readMarginalCells(db, HOURLY, { ...filter, from: endDay }, grouping, plan) : [],
  ]);
  return sumCells(parts.flat());
}

/** Which marginal rows answer this read: a dimension ('' for the total) and the values wanted (all if absent). */
interface MarginalPlan {
  dimension: AnalysisDimension | '';
  values?: readonly string[];
}

function marginalPlan(filter: AnalysisFilter, grouping: CellGrouping): MarginalPlan | null {
  const where = Object.entries(filter.where ?? {}).filter(([, v]) => v !== undefined) as Array<
    [AnalysisDimension, string]
  >;
  if (where.length > 1) return null;
  const [only] = where;
  if (grouping.by === 'dimension') {
    if (!only) return { dimension: grouping.dimension, values: grouping.only };
    if (only[0] !== grouping.dimension) return null;
    const values = grouping.only ? grouping.only.filter((v) => v === only[1]) : [only[1]];
    return { dimension: grouping.dimension, values };
  }
  return only ? { dimension: only[0], values: [only[1]] } : { dimension: '', values: [''] };
}

/** Which daily pair rows answer a read: the pair (in stored order) and the values wanted of each. */
interface PairPlan {
  a: AnalysisDimension;
  b: AnalysisDimension;
  valuesA?: readonly string[];
  valuesB?: readonly string[];
}

/** Reads involving exactly two dimensions, by day, week or none (hours have no pairs). */
function pairPlan(filter: AnalysisFilter, grouping: CellGrouping): PairPlan | null {
  if (grouping.by === 'bucket' && grouping.granularity === 'hour') return null;
  const wanted = new Map<AnalysisDimension, readonly string[] | undefined>();
  for (const [dimension, value] of Object.entries(filter.where ?? {}) as Array<[AnalysisDimension, string]>) {
    if (value !== undefined) wanted.set(dimension, [value]);
  }
  if (grouping.by === 'dimension') {
    const filtered = wanted.get(grouping.dimension);
    const only = grouping.only;
    wanted.set(grouping.dimension, filtered && only ? filtered.filter((v) => only.includes(v)) : (filtered ?? only));
  }
  if (wanted.size !== 2) return null;
  const [a, b] = [...wanted.keys()].sort(
    (x, y) =>
      (MARGINAL_DIMENSIONS as readonly string[]).indexOf(x) - (MARGINAL_DIMENSIONS as readonly string[]).indexOf(y),
  ) as [AnalysisDimension, AnalysisDimension];
  return { a, b, valuesA: wanted.get(a), valuesB: wanted.get(b) };
}

/**
 * Whole days from the daily pairs where they are current, the rest (partial days at the edges, days
 * changed since their pairs were built) from the hourly rollups. The stale days are read first: a write
 * landing between the two reads may be missed by a day read from its pairs, never counted twice.
 */
async function readWithDayPairs(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  grouping: CellGrouping,
  plan: PairPlan,
): Promise<Cell[]> {
  if (plan.valuesA?.length === 0 || plan.valuesB?.length === 0) return [];
  const firstDay = Math.ceil(filter.from / DAY_MS) * DAY_MS;
  const endDay = Math.floor(filter.to / DAY_MS) * DAY_MS;
  if (firstDay >= endDay) return readHourlyCells(db, filter, grouping);
  const stale = (
    await db
      .selectFrom('rollup_day_changes')
      .select('day_start')
      .where('project_id', '=', filter.projectId)
      .where('day_start', '>=', firstDay)
      .where('day_start', '<', endDay)
      .whereRef('built', '<>', 'changes')
      .orderBy('day_start')
      .execute()
  ).map((d) => Number(d.day_start));
  const hourlyRanges = [
    ...(filter.from < firstDay ? [{ from: filter.from, to: firstDay }] : []),
    ...contiguousRanges(stale),
    ...(endDay < filter.to ? [{ from: endDay, to: filter.to }] : []),
  ];
  const group: RawBuilder<string | number> =
    grouping.by === 'dimension'
      ? sql.ref(grouping.dimension === plan.a ? 'value_a' : 'value_b')
      : grouping.by === 'bucket'
        ? bucketExpression(grouping.granularity, 'day_start')
        : sql<string>`''`;
  const pairRows = db
    .selectFrom('rollup_day_pairs')
    .where('project_id', '=', filter.projectId)
    .where('dim_a', '=', plan.a)
    .where('dim_b', '=', plan.b)
    .where('day_start', '>=', firstDay)
    .where('day_start', '<', endDay)
    .$if(stale.length > 0, (q) => q.where('day_start', 'not in', stale))
    .$if(plan.valuesA !== undefined, (q) => q.where('value_a', 'in', [...(plan.valuesA ?? [])]))
    .$if(plan.valuesB !== undefined, (q) => q.where('value_b', 'in', [...(plan.valuesB ?? [])]))
    .select(summedColumns(group))
    .groupBy(summedGroups(group, grouping))
    .execute();
  const parts = await Promise.all([
    pairRows.then((rows) => rows.map(toCell)),
    ...hourlyRanges.map((range) => readHourlyCells(db, { ...filter, ...range }, grouping)),
  ]);
  return sumCells(parts.flat());
}

/** Sorted day starts as ranges of consecutive days. */
function contiguousRanges(days: readonly number[]): Array<{ from: number; to: number }> {
  const ranges: Array<{ from: number; to: number }> = [];
  for (const day of days) {
    const last = ranges.at(-1);
    if (last && last.to === day) last.to = day + DAY_MS;
    else ranges.push({ from: day, to: day + DAY_MS });
  }
  return ranges;
}

/** The two marginal tables: the same columns but the start of their span. */
interface MarginalTable {
  table: 'rollup_marginals' | 'rollup_hour_marginals';
  start: 'day_start' | 'hour_start';
}
const DAILY: MarginalTable = { table: 'rollup_marginals', start: 'day_start' };
const HOURLY: MarginalTable = { table: 'rollup_hour_marginals', start: 'hour_start' };

async function readMarginalCells(
  db: Kysely<Database>,
  { table, start }: MarginalTable,
  filter: AnalysisFilter,
  grouping: CellGrouping,
  plan: MarginalPlan,
): Promise<Cell[]> {
  const group: RawBuilder<string | number> =
    grouping.by === 'dimension'
      ? sql<string>`value`
      : grouping.by === 'bucket'
        ? bucketExpression(grouping.granularity, start)
        : sql<string>`''`;
  const rows = await db
    // Both tables have the daily one's columns but for `start`; the column is always named through `start`.
    .selectFrom(table as 'rollup_marginals')
    .where('project_id', '=', filter.projectId)
    .where('dimension', '=', plan.dimension)
    .where(sql.ref(start), '>=', filter.from)
    .where(sql.ref(start), '<', filter.to)
    .$if(plan.values !== undefined, (q) => q.where('value', 'in', [...(plan.values ?? [])]))
    .select(summedColumns(group))
    .groupBy(summedGroups(group, grouping))
    .execute();
  return rows.map(toCell);
}

function sumCells(cells: readonly Cell[]): Cell[] {
  const sums = new Map<string, Cell>();
  for (const cell of cells) {
    const key = JSON.stringify([cell.group, cell.metric, cell.valueKey]);
    const existing = sums.get(key);
    if (existing) {
      existing.count += cell.count;
      existing.valueSum += cell.valueSum;
    } else {
      sums.set(key, { ...cell });
    }
  }
  return [...sums.values()];
}

const toCell = (r: { grp: unknown; metric: string; value_key: string; count: unknown; value_sum: unknown }): Cell => ({
  group: String(r.grp),
  metric: r.metric,
  valueKey: r.value_key,
  count: Number(r.count),
  valueSum: Number(r.value_sum),
});

/** The hourly rollups: any filter, any grouping. */
export async function readHourlyCells(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  grouping: CellGrouping,
): Promise<Cell[]> {
  const group = groupExpression(grouping);
  const rows = await filtered(db, 'rollups', filter, grouping)
    .select(summedColumns(group))
    .groupBy(summedGroups(group, grouping))
    .execute();
  return rows.map(toCell);
}

export async function readAdjustments(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  grouping: CellGrouping,
): Promise<AdjustmentCell[]> {
  const group = groupExpression(grouping);
  const rows = await filtered(db, 'rollup_adjustments', filter, grouping)
    .select([...summedColumns(group), sql<string>`reason`.as('reason')])
    .groupBy([...summedGroups(group, grouping), sql`reason`])
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
