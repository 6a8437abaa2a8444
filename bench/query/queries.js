/**
 * What the query benchmark times, on one loaded store:
 * - the dashboard analyses, through the real functions of @feedloop/services (`timeSeries`, `cohorts`,
 *   `compare`), over ranges ending at a realistic "now" (mid-afternoon, not midnight: the API's default
 *   range is `to = now`, `from = to − 30 days`), plus the screening check every analysis request runs
 *   first (`screenProject` with nothing pending);
 * - the baseline: the same day time series straight from the raw `signals` and `interactions` tables in
 *   one GROUP BY query;
 * - "what if" rows (not product code): the day series from rollup tables of another shape, built in the
 *   run from `rollups`, to show what a change of rollup design would buy.
 */
import { sql } from 'kysely';
import { PROJECT_ID } from './backends.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * "Now" for the queries: 14:37 UTC on the last day of the history (the busiest hours), so a 30-day range
 * has partial days at both ends, as a dashboard's default range does.
 */
export const NOW_BEFORE_END_MS = 9 * HOUR + 23 * 60_000;

/** The dimensions filtered on: the largest tenant and the more used model. */
export const FILTER_TENANT = 'acme';
export const FILTER_MODEL = 'gpt-x';
export const COMPARE_MODELS = ['gpt-x', 'local-7b'];

/**
 * The raw baseline: per day, signal type and value key (as the rollups key them), counts and value sums
 * of the signals created in range, plus the interactions per day. No latest-vote-wins and no abuse filter
 * (the rollup figures apply both), which only makes the baseline cheaper than an honest equivalent.
 */
export async function rawDaySeries(db, from, to) {
  const result = await sql`
    SELECT day, metric, k, COUNT(*) AS n, SUM(v) AS value_sum FROM (
      SELECT created_at - (created_at % ${sql.lit(DAY)}) AS day, type AS metric,
             CASE WHEN type IN ('thumbs', 'rating', 'outcome') THEN value_num END AS k,
             COALESCE(value_num, 0) AS v
      FROM signals
      WHERE project_id = ${PROJECT_ID} AND created_at >= ${from} AND created_at < ${to} AND rolled_up = 1
      UNION ALL
      SELECT created_at - (created_at % ${sql.lit(DAY)}), '$interaction', NULL, 0
      FROM interactions
      WHERE project_id = ${PROJECT_ID} AND created_at >= ${from} AND created_at < ${to}
    ) AS t
    GROUP BY day, metric, k`.execute(db);
  return result.rows.map((r) => ({
    day: Number(r.day),
    metric: String(r.metric),
    valueKey: valueKeyOf(String(r.metric), r.k === null ? null : Number(r.k)),
    count: Number(r.n),
    valueSum: Number(r.value_sum),
  }));
}

/** The rollups' value key (see `rollupValueKey` in @feedloop/store). */
function valueKeyOf(type, valueNum) {
  if (valueNum === null) return '';
  if (type === 'thumbs' || type === 'rating') return String(valueNum);
  if (type === 'outcome') return valueNum === 1 ? 'success' : 'failure';
  return '';
}

/**
 * Checks the baseline against the rollups: per day, metric and value key, the raw counts must equal the
 * summed rollup counts. Returns how many cells were compared and how many differ.
 */
export async function checkRawAgainstRollups(db, from, to) {
  const raw = await rawDaySeries(db, from, to);
  const rolled = await sql`
    SELECT bucket_start - (bucket_start % ${sql.lit(DAY)}) AS day, metric, value_key, SUM(count) AS n
    FROM rollups WHERE project_id = ${PROJECT_ID} AND bucket_start >= ${from} AND bucket_start < ${to}
    GROUP BY 1, 2, 3`.execute(db);
  const key = (day, metric, valueKey) => `${day}|${metric}|${valueKey}`;
  const expected = new Map();
  for (const r of raw) {
    const k = key(r.day, r.metric, r.valueKey);
    expected.set(k, (expected.get(k) ?? 0) + r.count);
  }
  let differ = 0;
  let total = 0;
  const seen = new Set();
  for (const r of rolled.rows) {
    const k = key(Number(r.day), String(r.metric), String(r.value_key));
    seen.add(k);
    total += Number(r.n);
    if ((expected.get(k) ?? 0) !== Number(r.n)) differ++;
  }
  for (const k of expected.keys()) if (!seen.has(k)) differ++;
  // The daily marginal totals (dimension '') must hold the same counts.
  const marginal = await sql`
    SELECT day_start AS day, metric, value_key, SUM(count) AS n FROM rollup_marginals
    WHERE project_id = ${PROJECT_ID} AND dimension = '' AND day_start >= ${from} AND day_start < ${to}
    GROUP BY 1, 2, 3`.execute(db);
  let marginalDiffer = 0;
  for (const r of marginal.rows) {
    if ((expected.get(key(Number(r.day), String(r.metric), String(r.value_key))) ?? 0) !== Number(r.n))
      marginalDiffer++;
  }
  if (marginal.rows.length !== expected.size) marginalDiffer += Math.abs(marginal.rows.length - expected.size);
  return { cells: expected.size, differ, marginalDiffer, events: total };
}

const countRollups = async (db, table, from, to, where = {}, only) => {
  if (from >= to) return 0;
  let q = db
    .selectFrom(table)
    .select(sql`COUNT(*)`.as('n'))
    .where('project_id', '=', PROJECT_ID)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to);
  for (const [column, value] of Object.entries(where)) q = q.where(column, '=', value);
  if (only) q = q.where(only.column, 'in', only.values);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
};

/** Marginal rows (daily or hourly table) a plan reads in [from, to). */
const countMarginals = async (db, table, start, plan, from, to) => {
  if (from >= to) return 0;
  let q = db
    .selectFrom(table)
    .select(sql`COUNT(*)`.as('n'))
    .where('project_id', '=', PROJECT_ID)
    .where('dimension', '=', plan.dimension)
    .where(start, '>=', from)
    .where(start, '<', to);
  if (plan.values !== undefined) q = q.where('value', 'in', [...plan.values]);
  return Number((await q.executeTakeFirst())?.n ?? 0);
};

/**
 * The rows a read walks through, following the plan of `readCells` in
 * packages/services/src/analysis/rollup-cells.ts (as of migration 014): with at most one dimension filter,
 * whole days from `rollup_marginals` and hours (hour series, the partial days at the edges) from
 * `rollup_hour_marginals`; with exactly two dimensions involved (and not by hour), whole days whose pairs
 * are built from `rollup_day_pairs` and the rest from the hourly `rollups`; otherwise everything from the
 * hourly `rollups`, whose only index is the primary key (project, bucket, dimensions…), so the filters are
 * applied row by row over the whole time range. Adjustments are always hourly.
 */
async function rowsRead(db, filter, grouping) {
  const where = Object.fromEntries(Object.entries(filter.where ?? {}).filter(([, v]) => v !== undefined));
  const only =
    grouping.by === 'dimension' && grouping.only ? { column: grouping.dimension, values: grouping.only } : undefined;
  const filters = Object.entries(where);
  let plan = null;
  if (filters.length <= 1) {
    const [one] = filters;
    if (grouping.by === 'dimension') {
      if (!one) plan = { dimension: grouping.dimension, values: grouping.only };
      else if (one[0] === grouping.dimension) {
        plan = { dimension: one[0], values: (grouping.only ?? [one[1]]).filter((v) => v === one[1]) };
      }
    } else plan = one ? { dimension: one[0], values: [one[1]] } : { dimension: '', values: [''] };
  }
  const adjustments = await countRollups(db, 'rollup_adjustments', filter.from, filter.to, where, only);
  if (!plan) {
    const pairs = await pairRowsRead(db, filter, grouping, where, only);
    const ranges = pairs?.hourlyRanges ?? [filter];
    let hourly = 0;
    let hourlyMatching = 0;
    for (const range of ranges) {
      hourly += await countRollups(db, 'rollups', range.from, range.to);
      hourlyMatching += await countRollups(db, 'rollups', range.from, range.to, where, only);
    }
    return { marginal: 0, hourMarginal: 0, pairs: pairs?.rows ?? 0, hourly, hourlyMatching, adjustments };
  }
  const hours = (from, to) => countMarginals(db, 'rollup_hour_marginals', 'hour_start', plan, from, to);
  const firstDay = Math.ceil(filter.from / DAY) * DAY;
  const endDay = Math.floor(filter.to / DAY) * DAY;
  const byHour = (grouping.by === 'bucket' && grouping.granularity === 'hour') || firstDay >= endDay;
  return {
    marginal: byHour ? 0 : await countMarginals(db, 'rollup_marginals', 'day_start', plan, firstDay, endDay),
    hourMarginal: byHour
      ? await hours(filter.from, filter.to)
      : (await hours(filter.from, firstDay)) + (await hours(endDay, filter.to)),
    pairs: 0,
    hourly: 0,
    hourlyMatching: 0,
    adjustments,
  };
}

const PAIR_ORDER = ['tenant', 'feature', 'language', 'model', 'model_version', 'prompt_template', 'prompt_version'];

/** For a read with exactly two dimensions involved: the daily pair rows it reads, and its hourly ranges. */
async function pairRowsRead(db, filter, grouping, where, only) {
  const dims = new Set(Object.keys(where));
  if (grouping.by === 'dimension') dims.add(grouping.dimension);
  if (dims.size !== 2 || (grouping.by === 'bucket' && grouping.granularity === 'hour')) return null;
  const firstDay = Math.ceil(filter.from / DAY) * DAY;
  const endDay = Math.floor(filter.to / DAY) * DAY;
  if (firstDay >= endDay) return null;
  const [a, b] = [...dims].sort((x, y) => PAIR_ORDER.indexOf(x) - PAIR_ORDER.indexOf(y));
  const stale = (
    await db
      .selectFrom('rollup_day_changes')
      .select('day_start')
      .where('project_id', '=', PROJECT_ID)
      .where('day_start', '>=', firstDay)
      .where('day_start', '<', endDay)
      .whereRef('built', '<>', 'changes')
      .execute()
  ).map((d) => Number(d.day_start));
  const valuesOf = (dim) => {
    if (where[dim] !== undefined) return [where[dim]];
    return only?.column === dim ? only.values : undefined;
  };
  let q = db
    .selectFrom('rollup_day_pairs')
    .select(sql`COUNT(*)`.as('n'))
    .where('project_id', '=', PROJECT_ID)
    .where('dim_a', '=', a)
    .where('dim_b', '=', b)
    .where('day_start', '>=', firstDay)
    .where('day_start', '<', endDay);
  if (stale.length > 0) q = q.where('day_start', 'not in', stale);
  if (valuesOf(a)) q = q.where('value_a', 'in', valuesOf(a));
  if (valuesOf(b)) q = q.where('value_b', 'in', valuesOf(b));
  const rows = Number((await q.executeTakeFirst())?.n ?? 0);
  const hourlyRanges = [
    { from: filter.from, to: firstDay },
    ...stale.map((day) => ({ from: day, to: day + DAY })),
    { from: endDay, to: filter.to },
  ];
  return { rows, hourlyRanges };
}

/**
 * Builds the daily pair rollups of every day that ended before `now`, as the server's background job
 * would have (`buildDayPairs`), and reports how many days it built and how long that took, and the rows
 * and days the table then holds (a cached file may have them built already).
 */
export async function buildAllDayPairs(store, now) {
  const { buildDayPairs } = await import('@feedloop/store');
  const t0 = performance.now();
  let days = 0;
  for (;;) {
    const progress = await buildDayPairs(store, PROJECT_ID, { maxDays: 10, now });
    days += progress.built;
    if (progress.remaining === 0) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  const row = await store.db
    .selectFrom('rollup_day_pairs')
    .select([sql`COUNT(*)`.as('n'), sql`COUNT(DISTINCT day_start)`.as('days')])
    .where('project_id', '=', PROJECT_ID)
    .executeTakeFirst();
  return { days, seconds, rows: Number(row?.n ?? 0), daysWithPairs: Number(row?.days ?? 0) };
}

/**
 * The queries, each with `run()` and the rollup rows it reads. `end` is the end of the history; the
 * ranges end at `end − NOW_BEFORE_END_MS` ("now"), except the one marked whole days.
 * @param {import('@feedloop/store').Store} store
 */
export async function buildQueries(store, end) {
  const services = await import('@feedloop/services');
  const db = store.db;
  const now = end - NOW_BEFORE_END_MS;
  const base = { projectId: PROJECT_ID, to: now };
  const last30 = { ...base, from: now - 30 * DAY };
  const series = (name, label, filter, granularity) => ({
    name,
    label,
    run: () => services.timeSeries(db, filter, granularity),
    filter,
    grouping: { by: 'bucket', granularity },
  });
  const tenantAndModel = { tenant: FILTER_TENANT, model: FILTER_MODEL };
  const queries = [
    series('ts-day-30d', 'time series, day, last 30 days', last30, 'day'),
    series(
      'ts-day-30d-tenant',
      `time series, day, 30 days, tenant = ${FILTER_TENANT}`,
      { ...last30, where: { tenant: FILTER_TENANT } },
      'day',
    ),
    series(
      'ts-day-30d-model',
      `time series, day, 30 days, model = ${FILTER_MODEL}`,
      { ...last30, where: { model: FILTER_MODEL } },
      'day',
    ),
    series(
      'ts-day-30d-tenant-model',
      `time series, day, 30 days, tenant = ${FILTER_TENANT} and model = ${FILTER_MODEL}`,
      { ...last30, where: tenantAndModel },
      'day',
    ),
    series('ts-week-8w', 'time series, week, last 8 weeks', { ...base, from: now - 56 * DAY }, 'week'),
    series('ts-hour-48h', 'time series, hour, last 48 hours', { ...base, from: now - 48 * HOUR }, 'hour'),
    series(
      'ts-day-30d-whole-days',
      'time series, day, 30 whole days (to = midnight)',
      { projectId: PROJECT_ID, from: end - 30 * DAY, to: end },
      'day',
    ),
    ...['tenant', 'feature', 'model'].map((dimension) => ({
      name: `cohorts-${dimension}-30d`,
      label: `cohorts by ${dimension}, 30 days`,
      run: () => services.cohorts(db, last30, dimension),
      filter: last30,
      grouping: { by: 'dimension', dimension },
    })),
    {
      name: 'compare-model-30d',
      label: `compare ${COMPARE_MODELS.join(' vs ')}, 30 days`,
      run: () => services.compare(db, last30, 'model', COMPARE_MODELS),
      filter: last30,
      grouping: { by: 'dimension', dimension: 'model', only: COMPARE_MODELS },
    },
    {
      name: 'screen-check',
      label: 'screening check, nothing pending',
      run: () => services.screenProject(store, PROJECT_ID),
    },
    {
      name: 'raw-day-30d',
      label: 'BASELINE: raw GROUP BY, day, last 30 days',
      run: () => rawDaySeries(db, last30.from, last30.to),
      baseline: true,
    },
  ];
  for (const q of queries) if (q.filter) q.rows = await rowsRead(db, q.filter, q.grouping);
  return queries;
}

/** A summary of what a query returned, to show it did real work. */
export function describe(name, result) {
  if (name.startsWith('ts-')) {
    return `${result.points.length} points, ${result.total.interactions.toLocaleString('en-US')} interactions, ${result.total.positiveRate.trials.toLocaleString('en-US')} thumbs votes, ${result.filtered.superseded.toLocaleString('en-US')} superseded`;
  }
  if (name.startsWith('cohorts-')) {
    return `${result.cohorts.length} cohorts: ${result.cohorts
      .slice(0, 4)
      .map((c) => `${c.value || "''"} ${((c.measures.positiveRate.estimate ?? 0) * 100).toFixed(1)}%`)
      .join(', ')}${result.cohorts.length > 4 ? ', …' : ''}`;
  }
  if (name.startsWith('compare-')) return result.comparisons[0]?.verdict ?? '';
  if (name === 'screen-check') return `${result.screened} screened`;
  if (Array.isArray(result)) return `${result.length} cells`;
  return '';
}

// ---- what if: other rollup shapes (not product code) ---------------------------------------------------

const KEY = [
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
];
const DIMS = ['tenant', 'feature', 'language', 'model', 'model_version', 'prompt_template', 'prompt_version'];

/**
 * SQLite keeps the what-if tables in a scratch file ATTACHed to the store's connection (file-backed like
 * `rollups`, and the cached database file stays untouched); PostgreSQL in tables dropped at the end.
 */
const tableRef = (store, name) => (store.backend === 'sqlite' ? sql.id('whatif', name) : sql.id(name));

/**
 * Builds a table shaped like `rollups` (same columns and primary key) from it, with coarser buckets or
 * fewer dimensions (the others '').
 */
async function createWhatIf(store, name, { bucket, keep, withoutRowid = false }) {
  const db = store.db;
  const ref = tableRef(store, name);
  await sql`DROP TABLE IF EXISTS ${ref}`.execute(db);
  await sql`CREATE TABLE ${ref} (
    project_id text NOT NULL, bucket_start bigint NOT NULL, tenant text NOT NULL, feature text NOT NULL,
    language text NOT NULL, model text NOT NULL, model_version text NOT NULL, prompt_template text NOT NULL,
    prompt_version text NOT NULL, metric text NOT NULL, value_key text NOT NULL, count bigint NOT NULL,
    value_sum double precision NOT NULL,
    PRIMARY KEY (${sql.raw(KEY.join(', '))}))${sql.raw(withoutRowid ? ' WITHOUT ROWID' : '')}`.execute(db);
  const bucketExpr = bucket === 'day' ? sql.raw(`bucket_start - (bucket_start % ${DAY})`) : sql.raw('bucket_start');
  const dims = DIMS.map((d) => (keep.includes(d) ? sql.raw(d) : sql.raw(`''`)));
  const t0 = performance.now();
  await sql`INSERT INTO ${ref} (${sql.raw(KEY.join(', '))}, count, value_sum)
    SELECT project_id, ${bucketExpr}, ${sql.join(dims)}, metric, value_key, SUM(count), SUM(value_sum)
    FROM rollups GROUP BY ${sql.raw(['1', '2', ...DIMS.map((_, i) => String(i + 3)), '10', '11'].join(', '))}`.execute(
    db,
  );
  if (store.backend === 'postgres') await sql`ANALYZE ${ref}`.execute(db);
  const rows = await sql`SELECT COUNT(*) AS n FROM ${ref}`.execute(db);
  return { rows: Number(rows.rows[0]?.n ?? 0), buildSeconds: (performance.now() - t0) / 1000 };
}

/** The cells `readHourlyCells` would read, from a what-if table: grouped by hour or by day. */
function whatIfCells(store, table, granularity, from, to, where = {}) {
  const group = granularity === 'hour' ? sql`bucket_start` : sql`bucket_start - (bucket_start % ${sql.lit(DAY)})`;
  let q = store.db
    .selectFrom(tableRef(store, table).as('r'))
    .select([group.as('grp'), 'metric', 'value_key', sql`SUM(count)`.as('count'), sql`SUM(value_sum)`.as('value_sum')])
    .where('project_id', '=', PROJECT_ID)
    .where('bucket_start', '>=', from)
    .where('bucket_start', '<', to);
  for (const [column, value] of Object.entries(where)) q = q.where(column, '=', value);
  return q.groupBy([group, 'metric', 'value_key']).execute();
}

/**
 * What still reads the hourly rollups since the daily marginals exist: hour series, partial days at the
 * edges of a range, and combined filters. Two shapes that would make those reads cheaper.
 */
export const WHAT_IF_TABLES = [
  // SQLite only: the same rows as `rollups`, stored in primary-key order (a clustered index), so a range
  // of buckets is read in place instead of one table lookup per index entry.
  { table: 'whatif_clustered', bucket: 'hour', keep: DIMS, withoutRowid: true, only: 'sqlite' },
  // Hourly totals with no dimension: what hourly marginals (the total) would hold.
  { table: 'whatif_hourly_total', bucket: 'hour', keep: [] },
];

/** @param {string} scratchFile SQLite only: the file the what-if tables go to. */
export async function buildWhatIfs(store, end, scratchFile) {
  const now = end - NOW_BEFORE_END_MS;
  const from30 = now - 30 * DAY;
  const from48h = now - 48 * HOUR;
  if (store.backend === 'sqlite') {
    await sql`ATTACH DATABASE ${sql.lit(scratchFile)} AS whatif`.execute(store.db);
    // The same page cache as the store gives its main database.
    await sql`PRAGMA whatif.cache_size = -131072`.execute(store.db);
  }
  const built = {};
  const tables = WHAT_IF_TABLES.filter((t) => !t.only || t.only === store.backend);
  for (const t of tables) built[t.table] = await createWhatIf(store, t.table, t);
  const db = store.db;
  const both = { tenant: FILTER_TENANT, model: FILTER_MODEL };
  const candidates = [
    {
      name: 'whatif-clustered-hour-48h',
      label: 'what if: rollups WITHOUT ROWID, hour, 48 hours (cells)',
      run: () => whatIfCells(store, 'whatif_clustered', 'hour', from48h, now),
      table: 'whatif_clustered',
      from: from48h,
    },
    {
      name: 'whatif-clustered-day-30d-tenant-model',
      label: `what if: rollups WITHOUT ROWID, day, 30 d, tenant and model (cells)`,
      run: () => whatIfCells(store, 'whatif_clustered', 'day', from30, now, both),
      table: 'whatif_clustered',
      from: from30,
      where: both,
    },
    {
      name: 'whatif-total-hour-48h',
      label: 'what if: hourly totals, hour, 48 hours (cells)',
      run: () => whatIfCells(store, 'whatif_hourly_total', 'hour', from48h, now),
      table: 'whatif_hourly_total',
      from: from48h,
    },
  ];
  const queries = candidates.filter((q) => q.table in built);
  for (const q of queries) {
    let c = db
      .selectFrom(tableRef(store, q.table).as('r'))
      .select(sql`COUNT(*)`.as('n'))
      .where('project_id', '=', PROJECT_ID)
      .where('bucket_start', '>=', q.from)
      .where('bucket_start', '<', now);
    const inRange = Number((await c.executeTakeFirst())?.n ?? 0);
    for (const [column, value] of Object.entries(q.where ?? {})) c = c.where(column, '=', value);
    q.rows = {
      marginal: 0,
      hourly: inRange,
      hourlyMatching: Number((await c.executeTakeFirst())?.n ?? 0),
      adjustments: 0,
    };
  }
  return { built, queries };
}

export async function dropWhatIfs(store) {
  if (store.backend === 'sqlite') {
    await sql`DETACH DATABASE whatif`.execute(store.db);
    return;
  }
  for (const t of WHAT_IF_TABLES) await sql`DROP TABLE IF EXISTS ${sql.id(t.table)}`.execute(store.db);
}

// ---- shape of the rollups --------------------------------------------------------------------------------

/** Row counts and how many distinct dimension combinations an hour and a day hold. */
export async function rollupShape(db, end) {
  const scalar = async (query) => Number((await query.execute(db)).rows[0]?.n ?? 0);
  const from = end - 30 * DAY;
  const combos = (bucketExpr) => sql`
    SELECT COUNT(*) AS n FROM (
      SELECT DISTINCT ${bucketExpr} AS b, ${sql.raw(DIMS.join(', '))} FROM rollups
      WHERE project_id = ${PROJECT_ID} AND bucket_start >= ${from} AND bucket_start < ${end}
    ) AS c`;
  return {
    rollups: await scalar(sql`SELECT COUNT(*) AS n FROM rollups`),
    marginals: await scalar(sql`SELECT COUNT(*) AS n FROM rollup_marginals`),
    marginalsLast30Days: await scalar(
      sql`SELECT COUNT(*) AS n FROM rollup_marginals WHERE project_id = ${PROJECT_ID} AND day_start >= ${from} AND day_start < ${end}`,
    ),
    adjustments: await scalar(sql`SELECT COUNT(*) AS n FROM rollup_adjustments`),
    signalFlags: await scalar(sql`SELECT COUNT(*) AS n FROM signal_flags`),
    rollupsLast30Days: await scalar(
      sql`SELECT COUNT(*) AS n FROM rollups WHERE project_id = ${PROJECT_ID} AND bucket_start >= ${from} AND bucket_start < ${end}`,
    ),
    interactionsLast30Days: await scalar(
      sql`SELECT COUNT(*) AS n FROM interactions WHERE project_id = ${PROJECT_ID} AND created_at >= ${from} AND created_at < ${end}`,
    ),
    signalsLast30Days: await scalar(
      sql`SELECT COUNT(*) AS n FROM signals WHERE project_id = ${PROJECT_ID} AND created_at >= ${from} AND created_at < ${end}`,
    ),
    hourCombosLast30Days: await scalar(combos(sql.raw('bucket_start'))),
    dayCombosLast30Days: await scalar(combos(sql.raw(`bucket_start - (bucket_start % ${DAY})`))),
    metricKeys: await scalar(sql`SELECT COUNT(*) AS n FROM (SELECT DISTINCT metric, value_key FROM rollups) AS m`),
  };
}

/** How the backend runs the day series' two reads (EXPLAIN): the daily marginals and the hourly rollups. */
export async function explainDaySeries(store, end) {
  const from = end - 30 * DAY;
  const marginal = sql`SELECT day_start AS grp, metric, value_key, SUM(count) AS count, SUM(value_sum) AS value_sum
    FROM rollup_marginals WHERE project_id = ${PROJECT_ID} AND dimension = '' AND day_start >= ${from}
      AND day_start < ${end} AND value IN ('')
    GROUP BY day_start, metric, value_key`;
  const hourly = sql`SELECT bucket_start - (bucket_start % ${sql.lit(DAY)}) AS grp, metric, value_key,
      SUM(count) AS count, SUM(value_sum) AS value_sum
    FROM rollups WHERE project_id = ${PROJECT_ID} AND bucket_start >= ${end - DAY} AND bucket_start < ${end}
    GROUP BY bucket_start - (bucket_start % ${sql.lit(DAY)}), metric, value_key`;
  const explain = async (select) => {
    if (store.backend === 'sqlite') {
      const plan = await sql`EXPLAIN QUERY PLAN ${select}`.execute(store.db);
      return plan.rows.map((r) => String(r.detail));
    }
    const plan = await sql`EXPLAIN (ANALYZE, BUFFERS) ${select}`.execute(store.db);
    return plan.rows.map((r) => String(r['QUERY PLAN']));
  };
  return { marginal: await explain(marginal), hourly: await explain(hourly) };
}
