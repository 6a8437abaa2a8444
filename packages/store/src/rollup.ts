/**
 * Rollups: hourly counts and sums per project, interaction dimensions, metric (a signal type, or
 * `$interaction`) and value key (the thumb, the star, success/failure). Built in memory for one write,
 * then added to the table in the same transaction as the events they count.
 */
import type { Dimensions } from '@feedloop/core';
import type { RollupDayPairTable, RollupHourMarginalTable, RollupMarginalTable, RollupTable } from './schema.js';

/** A map's values sorted by key (code-unit order), so concurrent writers lock rows in the same order. */
function valuesInKeyOrder<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** The metric under which interactions themselves are counted. */
export const INTERACTION_METRIC = '$interaction';

export type RollupRow = RollupTable;

/** The columns that identify one rollup row (its primary key); the rest are the count and the sum. */
export const ROLLUP_KEY_COLUMNS = [
  'project_id',
  'bucket_start',
  'tenant',
  'feature',
  'language',
  'model',
  'model_version',
  'prompt_template',
  'prompt_version',
  'metric',
  'value_key',
] as const satisfies ReadonlyArray<keyof RollupTable>;

/** The part of a signal a rollup needs; holds for a fresh record and for a row read back alike. */
export interface RollupSignal {
  type: string;
  valueNum: number | null;
  createdAt: number;
}

const NO_DIMENSIONS: Dimensions = {
  tenant: null,
  feature: null,
  language: null,
  model: null,
  modelVersion: null,
  promptTemplate: null,
  promptVersion: null,
};

/** Which distribution bucket a value falls in, for the types whose distribution matters. */
export function rollupValueKey(type: string, valueNum: number | null): string {
  if (valueNum === null) return '';
  if (type === 'thumbs' || type === 'rating') return String(valueNum);
  if (type === 'outcome') return valueNum === 1 ? 'success' : 'failure';
  return '';
}

export class RollupAccumulator {
  readonly #rows = new Map<string, RollupRow>();

  constructor(private readonly projectId: string) {}

  get size(): number {
    return this.#rows.size;
  }

  /** `weight` −1 takes an interaction back out (forgetting a user). */
  addInteraction(createdAt: number, dimensions: Dimensions, weight: 1 | -1 = 1): void {
    this.#add(createdAt, dimensions, INTERACTION_METRIC, '', 0, weight);
  }

  /**
   * `dimensions` are the interaction's; null for a signal about a whole session. `weight` −1 takes a
   * signal back out (rollup adjustments move a signal from one reason to another).
   */
  addSignal(signal: RollupSignal, dimensions: Dimensions | null, weight: 1 | -1 = 1): void {
    const valueKey = rollupValueKey(signal.type, signal.valueNum);
    this.#add(signal.createdAt, dimensions ?? NO_DIMENSIONS, signal.type, valueKey, signal.valueNum ?? 0, weight);
  }

  /** Rows in a fixed order, so concurrent writers lock rollup rows in the same sequence. */
  rows(): RollupRow[] {
    return valuesInKeyOrder(this.#rows);
  }

  #add(at: number, d: Dimensions, metric: string, valueKey: string, value: number, weight: 1 | -1 = 1): void {
    const bucket = Math.floor(at / HOUR_MS) * HOUR_MS;
    const row: RollupRow = {
      project_id: this.projectId,
      bucket_start: bucket,
      tenant: d.tenant ?? '',
      feature: d.feature ?? '',
      language: d.language ?? '',
      model: d.model ?? '',
      model_version: d.modelVersion ?? '',
      prompt_template: d.promptTemplate ?? '',
      prompt_version: d.promptVersion ?? '',
      metric,
      value_key: valueKey,
      count: weight,
      value_sum: weight * value,
    };
    const key = JSON.stringify([
      bucket,
      row.tenant,
      row.feature,
      row.language,
      row.model,
      row.model_version,
      row.prompt_template,
      row.prompt_version,
      metric,
      valueKey,
    ]);
    const existing = this.#rows.get(key);
    if (existing) {
      existing.count += weight;
      existing.value_sum += weight * value;
    } else {
      this.#rows.set(key, row);
    }
  }
}

/** The dimensions a daily marginal rollup is kept for, besides the total ('' ). */
export const MARGINAL_DIMENSIONS = [
  'tenant',
  'feature',
  'language',
  'model',
  'model_version',
  'prompt_template',
  'prompt_version',
] as const satisfies ReadonlyArray<keyof RollupTable>;

export type RollupMarginalRow = RollupMarginalTable;

export const MARGINAL_KEY_COLUMNS = [
  'project_id',
  'dimension',
  'day_start',
  'value',
  'metric',
  'value_key',
] as const satisfies ReadonlyArray<keyof RollupMarginalTable>;

export const HOUR_MARGINAL_KEY_COLUMNS = [
  'project_id',
  'dimension',
  'hour_start',
  'value',
  'metric',
  'value_key',
] as const satisfies ReadonlyArray<keyof RollupHourMarginalTable>;

/** Summed cells by key: the first addition under a key makes its row, every addition adds its count and sum. */
class CellSums<T extends { count: number; value_sum: number }> {
  readonly #cells = new Map<string, T>();

  add(key: string, from: { count: number; value_sum: number }, make: () => T): void {
    let cell = this.#cells.get(key);
    if (!cell) {
      cell = make();
      this.#cells.set(key, cell);
    }
    cell.count += from.count;
    cell.value_sum += from.value_sum;
  }

  values(): T[] {
    return [...this.#cells.values()];
  }

  /** Sorted by key, so concurrent writers lock the rows in the same order. */
  inKeyOrder(): T[] {
    return valuesInKeyOrder(this.#cells);
  }
}

/** A marginal row before it is named for its table: `start` is the day's or the hour's. */
interface MarginalCell extends Omit<RollupMarginalTable, 'day_start'> {
  start: number;
}

/**
 * The marginal rows that the given hourly rows add up to, per `span` (a day or an hour): for each, the
 * total and one row per dimension value. Sorted by key, so concurrent writers lock rows in the same order.
 */
function marginalCellsOf(rows: readonly RollupRow[], span: number): MarginalCell[] {
  const out = new CellSums<MarginalCell>();
  const add = (r: RollupRow, start: number, dimension: string, value: string) =>
    out.add(JSON.stringify([r.project_id, dimension, start, value, r.metric, r.value_key]), r, () => ({
      project_id: r.project_id,
      start,
      dimension,
      value,
      metric: r.metric,
      value_key: r.value_key,
      count: 0,
      value_sum: 0,
    }));
  for (const r of rows) {
    const start = Math.floor(r.bucket_start / span) * span;
    add(r, start, '', '');
    for (const dimension of MARGINAL_DIMENSIONS) add(r, start, dimension, r[dimension]);
  }
  return out.inKeyOrder();
}

/**
 * The daily marginal rows the given hourly rows add up to. Every write of hourly rows writes these (and
 * the hourly marginals) too, so the tables always agree.
 */
export function marginalRowsOf(rows: readonly RollupRow[]): RollupMarginalRow[] {
  return marginalCellsOf(rows, DAY_MS).map(({ start, ...cell }) => ({ ...cell, day_start: start }));
}

/** The hourly marginal rows the given hourly rows add up to (see `marginalRowsOf`). */
export function hourMarginalRowsOf(rows: readonly RollupRow[]): RollupHourMarginalTable[] {
  return marginalCellsOf(rows, HOUR_MS).map(({ start, ...cell }) => ({ ...cell, hour_start: start }));
}

/** Every pair of marginal dimensions, each in `MARGINAL_DIMENSIONS` order (21 pairs). */
export const DIMENSION_PAIRS: ReadonlyArray<
  readonly [(typeof MARGINAL_DIMENSIONS)[number], (typeof MARGINAL_DIMENSIONS)[number]]
> = MARGINAL_DIMENSIONS.flatMap((a, i) => MARGINAL_DIMENSIONS.slice(i + 1).map((b) => [a, b] as const));

/**
 * The daily pair rows the given hourly rows add up to: per day and pair of dimensions, one row per value
 * combination, metric and value key. Cells that sum to nothing are left out.
 */
export function dayPairRowsOf(rows: readonly RollupRow[]): RollupDayPairTable[] {
  const out = new CellSums<RollupDayPairTable>();
  for (const r of rows) {
    const day = Math.floor(r.bucket_start / DAY_MS) * DAY_MS;
    for (const [a, b] of DIMENSION_PAIRS) {
      out.add(JSON.stringify([a, b, day, r[a], r[b], r.metric, r.value_key]), r, () => ({
        project_id: r.project_id,
        dim_a: a,
        dim_b: b,
        day_start: day,
        value_a: r[a],
        value_b: r[b],
        metric: r.metric,
        value_key: r.value_key,
        count: 0,
        value_sum: 0,
      }));
    }
  }
  return out.values().filter((r) => r.count !== 0 || r.value_sum !== 0);
}

/** The days (project and day start) the given rollup rows fall in, sorted, so writers lock them in one order. */
export function changedDaysOf(rows: readonly RollupRow[]): Array<{ project_id: string; day_start: number }> {
  const days = new Map<string, { project_id: string; day_start: number }>();
  for (const r of rows) {
    const day = Math.floor(r.bucket_start / DAY_MS) * DAY_MS;
    days.set(JSON.stringify([r.project_id, day]), { project_id: r.project_id, day_start: day });
  }
  return valuesInKeyOrder(days);
}
