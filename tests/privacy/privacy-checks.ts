/**
 * Checks the privacy tests share: every table of the database searched for ids, and the aggregates
 * recounted from the events that remain.
 */
import { TABLE_PRIVACY } from '@feedloop/services';
import {
  buildDayPairs,
  captureBitsExpression,
  type Database,
  DIMENSION_COLUMNS,
  dayPairRowsOf,
  dimensionsOfRow,
  hourMarginalRowsOf,
  marginalRowsOf,
  ROLLUP_KEY_COLUMNS,
  RollupAccumulator,
  type RollupRow,
  type Store,
} from '@feedloop/store';
import { type Kysely, sql } from 'kysely';

const MIGRATION_TABLES = new Set(['feedloop_migrations', 'feedloop_migrations_lock']);

/** Every table the database really has (from its catalog), except the migrator's own. */
export async function catalogTables(store: Store): Promise<string[]> {
  const query =
    store.backend === 'sqlite'
      ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
      : sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  const { rows } = await query.execute(store.db);
  return rows
    .map((r) => r.name)
    .filter((name) => !MIGRATION_TABLES.has(name))
    .sort();
}

/** The tables of the `Database` type: `TABLE_PRIVACY` must name each one, or the build fails. */
export const TYPED_TABLES = Object.keys(TABLE_PRIVACY).sort() as Array<keyof Database>;

function mentions(value: unknown, ids: ReadonlySet<string>): boolean {
  if (typeof value === 'string') {
    if (ids.has(value)) return true;
    const trimmed = value.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return mentions(JSON.parse(value) as unknown, ids);
      } catch {
        return false;
      }
    }
    return false;
  }
  if (Array.isArray(value)) return value.some((v) => mentions(v, ids));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([k, v]) => ids.has(k) || mentions(v, ids));
  }
  return false;
}

export type Row = Record<string, unknown>;

/** Whether any column of the row holds one of the ids, as a value or anywhere inside JSON text. */
export const rowMentions = (row: Row, ids: ReadonlySet<string>): boolean =>
  Object.values(row).some((v) => mentions(v, ids));

export async function allRows(store: Store, table: string): Promise<Row[]> {
  const { rows } = await sql<Row>`SELECT * FROM ${sql.table(table)}`.execute(store.db);
  // PostgreSQL answers int8 as numbers already; SQLite answers bigints as numbers too.
  return rows;
}

/**
 * Per table, the project's rows that hold one of the ids (a user id means nothing outside its project).
 * Rows of a table without `project_id` are all searched.
 */
export async function findMentions(
  store: Store,
  projectId: string,
  ids: ReadonlySet<string>,
): Promise<Record<string, Row[]>> {
  const found: Record<string, Row[]> = {};
  for (const table of await catalogTables(store)) {
    const rows = (await allRows(store, table)).filter((row) => !('project_id' in row) || row.project_id === projectId);
    const hits = rows.filter((row) => rowMentions(row, ids));
    if (hits.length > 0) found[table] = hits;
  }
  return found;
}

export interface CellValue {
  count: number;
  valueSum: number;
}

const keyOf = (row: RollupRow, reason?: string) =>
  JSON.stringify([...ROLLUP_KEY_COLUMNS.map((c) => row[c]), ...(reason === undefined ? [] : [reason])]);

function cellsOf(rows: Iterable<RollupRow & { reason?: string }>): Map<string, CellValue> {
  const cells = new Map<string, CellValue>();
  for (const row of rows) {
    const count = Number(row.count);
    const valueSum = Number(row.value_sum);
    // A cell that counts nothing is the same as no cell.
    if (count === 0 && Math.abs(valueSum) < 1e-9) continue;
    const key = keyOf(row, row.reason);
    const cell = cells.get(key) ?? { count: 0, valueSum: 0 };
    cell.count += count;
    cell.valueSum += valueSum;
    cells.set(key, cell);
  }
  return cells;
}

export async function storedRollups(db: Kysely<Database>, projectId: string): Promise<Map<string, CellValue>> {
  return cellsOf(await db.selectFrom('rollups').selectAll().where('project_id', '=', projectId).execute());
}

export async function storedAdjustments(db: Kysely<Database>, projectId: string): Promise<Map<string, CellValue>> {
  return cellsOf(await db.selectFrom('rollup_adjustments').selectAll().where('project_id', '=', projectId).execute());
}

async function interactionDimensions(db: Kysely<Database>, projectId: string) {
  const rows = await db
    .selectFrom('interactions')
    .select(['id', 'created_at', ...DIMENSION_COLUMNS])
    .where('project_id', '=', projectId)
    .execute();
  return new Map(rows.map((r) => [r.id, { createdAt: Number(r.created_at), dimensions: dimensionsOfRow(r) }]));
}

/** The rollups recounted from scratch: every interaction, and every signal counted (rolled up). */
export async function recountRollups(db: Kysely<Database>, projectId: string): Promise<Map<string, CellValue>> {
  const interactions = await interactionDimensions(db, projectId);
  const acc = new RollupAccumulator(projectId);
  for (const i of interactions.values()) acc.addInteraction(i.createdAt, i.dimensions);
  const signals = await db
    .selectFrom('signals')
    .select(['interaction_id', 'type', 'value_num', 'created_at'])
    .where('project_id', '=', projectId)
    .where('rolled_up', '=', 1)
    .execute();
  for (const s of signals) {
    const dims = s.interaction_id === null ? null : interactions.get(s.interaction_id)?.dimensions;
    if (dims === undefined) throw new Error(`counted signal about a missing interaction ${s.interaction_id}`);
    acc.addSignal({ type: s.type, valueNum: s.value_num, createdAt: Number(s.created_at) }, dims);
  }
  return cellsOf(acc.rows());
}

/** The adjustments recounted from the flags: each flagged signal's cell under its reason. */
export async function recountAdjustments(db: Kysely<Database>, projectId: string): Promise<Map<string, CellValue>> {
  const interactions = await interactionDimensions(db, projectId);
  const flagged = await db
    .selectFrom('signal_flags')
    .innerJoin('signals', (j) =>
      j.onRef('signals.project_id', '=', 'signal_flags.project_id').onRef('signals.id', '=', 'signal_flags.signal_id'),
    )
    .select([
      'signal_flags.reason',
      'signals.interaction_id',
      'signals.type',
      'signals.value_num',
      'signals.created_at',
    ])
    .where('signal_flags.project_id', '=', projectId)
    .execute();
  const byReason = new Map<string, RollupAccumulator>();
  for (const f of flagged) {
    const acc = byReason.get(f.reason) ?? new RollupAccumulator(projectId);
    byReason.set(f.reason, acc);
    const dims = f.interaction_id === null ? null : (interactions.get(f.interaction_id)?.dimensions ?? null);
    acc.addSignal({ type: f.type, valueNum: f.value_num, createdAt: Number(f.created_at) }, dims);
  }
  return cellsOf([...byReason].flatMap(([reason, acc]) => acc.rows().map((row) => ({ ...row, reason }))));
}

/** The daily and hourly marginals as stored, and as the stored hourly rollups add up to (without empty cells). */
export async function marginalsAndTheirRecount(
  db: Kysely<Database>,
  projectId: string,
): Promise<{ stored: Map<string, CellValue>; recount: Map<string, CellValue> }> {
  const of = (rows: Iterable<Record<string, unknown>>) => {
    const cells = new Map<string, CellValue>();
    for (const row of rows) {
      const start = row.day_start === undefined ? `hour ${row.hour_start}` : `day ${row.day_start}`;
      const key = JSON.stringify([start, row.dimension, row.value, row.metric, row.value_key].map(String));
      const cell = cells.get(key) ?? { count: 0, valueSum: 0 };
      cell.count += Number(row.count);
      cell.valueSum += Number(row.value_sum);
      cells.set(key, cell);
    }
    for (const [key, cell] of cells) if (cell.count === 0 && Math.abs(cell.valueSum) < 1e-9) cells.delete(key);
    return cells;
  };
  const hourly = await db.selectFrom('rollups').selectAll().where('project_id', '=', projectId).execute();
  const daily = await db.selectFrom('rollup_marginals').selectAll().where('project_id', '=', projectId).execute();
  const hours = await db.selectFrom('rollup_hour_marginals').selectAll().where('project_id', '=', projectId).execute();
  const recount = [...marginalRowsOf(hourly), ...hourMarginalRowsOf(hourly)];
  return {
    stored: of([...daily, ...hours] as unknown as Array<Record<string, unknown>>),
    recount: of(recount as unknown as Array<Record<string, unknown>>),
  };
}

/**
 * The daily pair rollups after the background job has caught up (every changed day rebuilt), and as the
 * stored hourly rollups add up to. A day the job did not see change would keep pairs that differ.
 */
export async function dayPairsAndTheirRecount(
  store: Store,
  projectId: string,
): Promise<{ stored: Map<string, CellValue>; recount: Map<string, CellValue> }> {
  await buildDayPairs(store, projectId, { maxDays: 10_000, now: Date.parse('2100-01-01T00:00:00Z') });
  const of = (rows: Iterable<Record<string, unknown>>) => {
    const cells = new Map<string, CellValue>();
    for (const row of rows) {
      const key = JSON.stringify(
        [row.dim_a, row.dim_b, row.day_start, row.value_a, row.value_b, row.metric, row.value_key].map(String),
      );
      cells.set(key, { count: Number(row.count), valueSum: Number(row.value_sum) });
    }
    return cells;
  };
  const hourly = await store.db.selectFrom('rollups').selectAll().where('project_id', '=', projectId).execute();
  const stored = await store.db
    .selectFrom('rollup_day_pairs')
    .selectAll()
    .where('project_id', '=', projectId)
    .execute();
  const numeric = hourly.map((r) => ({ ...r, count: Number(r.count), value_sum: Number(r.value_sum) }));
  return {
    stored: of(stored as unknown as Array<Record<string, unknown>>),
    recount: of(dayPairRowsOf(numeric) as unknown as Array<Record<string, unknown>>),
  };
}

/** Each interaction's capture bits as stored, and as its remaining screened signals and flags give them. */
export async function captureAndItsRecount(
  db: Kysely<Database>,
  projectId: string,
): Promise<{ stored: string[]; recount: string[] }> {
  const rows = await db
    .selectFrom('interactions as i')
    .select(['i.id', 'i.capture', captureBitsExpression.as('recount')])
    .where('i.project_id', '=', projectId)
    .orderBy('i.id')
    .execute();
  return {
    stored: rows.map((r) => `${r.id}:${Number(r.capture)}`),
    recount: rows.map((r) => `${r.id}:${Number(r.recount)}`),
  };
}

/** The two sets of cells as sorted, rounded lists, so a mismatch shows which cells differ. */
export function comparable(cells: Map<string, CellValue>): Array<[string, number, number]> {
  return [...cells]
    .map(([key, c]): [string, number, number] => [key, c.count, Math.round(c.valueSum * 1e6) / 1e6 + 0])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
