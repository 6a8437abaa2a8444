/**
 * `npm run bench:query [-- --scale 0.1] [-- --backend sqlite|postgres|both] [-- --quick]`
 *
 * Generates a realistic feedback history (workload.js: 1,000,000 interactions and 10,000,000 signals over
 * 60 days at scale 1) through `store.ingest` into the embedded default (SQLite) and into PostgreSQL, then
 * times the dashboard analyses (time series, cohorts, comparison) with the real @feedloop/services
 * functions, side by side with a baseline that computes the day series from the raw tables in one
 * GROUP BY, and with "what if" rollup shapes. Reports p50 and p99 per query, the rollup rows each one
 * reads, load times and the shape of the rollups.
 *
 * Flags (`--name value` or `--name=value`):
 *   --scale S            data size (1 = 1M interactions, 10M signals; default 1)
 *   --pg-scale S         PostgreSQL's data size (default: --scale)
 *   --backend B          sqlite | postgres | both (default both)
 *   --runs N             measured rounds (default 30); --warmups N (default 3)
 *   --screen-seconds N   time budget of the screening pass after loading (default 300; what it has not
 *                        reached by then is marked screened with one UPDATE)
 *   --quick              --scale 0.01 --runs 10 --screen-seconds 20: a small version in under a minute
 *   --fresh              regenerate even if the data is cached
 *   --no-what-if         skip the what-if rollup shapes
 *   --data-dir DIR       where loaded data is cached (default bench/query/.data, gitignored)
 *
 * A re-run with the same data parameters only runs the queries. Every query runs once per round, all
 * queries in each round (rotating the order), so noise hits them alike; a ratio is the median of
 * per-round ratios. Prints a table per backend and, as its very last line, one JSON object with every
 * figure. Imports the BUILT packages: run `npm run build` first.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../cli-args.js';
import { openPostgres, openSqlite } from './backends.js';
import {
  buildAllDayPairs,
  buildQueries,
  buildWhatIfs,
  checkRawAgainstRollups,
  describe,
  dropWhatIfs,
  explainDaySeries,
  NOW_BEFORE_END_MS,
  rollupShape,
} from './queries.js';
import { parameters, START } from './workload.js';

const runStarted = performance.now();
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);

const { option, flag, numberOption } = benchArgs(args);

const quick = flag('quick');
const scale = numberOption('scale', quick ? 0.01 : 1);
const pgScale = numberOption('pg-scale', scale);
const runs = Math.round(numberOption('runs', quick ? 10 : 30));
const warmups = Math.round(numberOption('warmups', 3));
const screenSeconds = numberOption('screen-seconds', quick ? 20 : 300);
const backendArg = option('backend') ?? 'both';
const fresh = flag('fresh');
const whatIf = !flag('no-what-if');
const dataRoot = resolve(option('data-dir') ?? join(here, '.data'));
if (!['sqlite', 'postgres', 'both'].includes(backendArg)) {
  console.error(`--backend expects sqlite, postgres or both, got ${backendArg}`);
  process.exit(1);
}
const backends = backendArg === 'both' ? ['sqlite', 'postgres'] : [backendArg];
const TARGET_P50_MS = 100;

for (const pkg of ['core', 'store', 'services']) {
  if (!existsSync(join(root, 'packages', pkg, 'dist', 'index.js'))) {
    console.error(`packages/${pkg}/dist is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const log = (line) => process.stderr.write(`${line}\n`);
const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (n) => (n >= 100 ? fmt(n) : n >= 10 ? fmt(n, 1) : fmt(n, 2));

// ---- CPU accounting: how much of the machine others used while we measured ------------------------------

const CLOCK_TICKS = 100;

function machineBusySeconds() {
  const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
}

/** CPU seconds of a process and its direct children (the PostgreSQL server and its backends). */
function processTreeSeconds(rootPid) {
  if (!rootPid) return 0;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      if (Number(entry) !== rootPid && ppid !== rootPid) continue;
      total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

function cpuSnapshot(serverPid) {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    machine: machineBusySeconds(),
    own: (own.user + own.system) / 1e6,
    server: processTreeSeconds(serverPid),
  };
}

function cpuBetween(a, b) {
  const wall = (b.at - a.at) / 1000;
  const machine = (b.machine - a.machine) / wall;
  const own = (b.own - a.own) / wall;
  const server = (b.server - a.server) / wall;
  return {
    machineCores: machine,
    benchCores: own + server,
    othersCores: Math.max(0, machine - own - server),
  };
}

// ---- measuring -----------------------------------------------------------------------------------------

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

async function measure(queries, serverPid) {
  for (let w = 0; w < warmups; w++) for (const q of queries) await q.run();
  const times = new Map(queries.map((q) => [q.name, []]));
  const loadBefore = loadavg();
  const cpu0 = cpuSnapshot(serverPid);
  const last = new Map();
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < queries.length; k++) {
      const q = queries[(k + round) % queries.length];
      const t0 = performance.now();
      const result = await q.run();
      times.get(q.name)?.push(performance.now() - t0);
      if (round === runs - 1) last.set(q.name, result);
    }
    if ((round + 1) % Math.max(1, Math.floor(runs / 5)) === 0) log(`  round ${round + 1}/${runs}`);
  }
  const cpu = cpuBetween(cpu0, cpuSnapshot(serverPid));
  return { times, last, cpu, loadBefore, loadAfter: loadavg() };
}

async function benchBackend(name) {
  const backendScale = name === 'postgres' ? pgScale : scale;
  const params = parameters(backendScale);
  const end = START + params.days * 86_400_000;
  const open = name === 'sqlite' ? openSqlite : openPostgres;
  const opened = await open({ dataRoot, params, screenSeconds, fresh, log });
  const { store } = opened;
  try {
    log(`${name}: building the daily pair rollups of finished days (the server's background job)…`);
    const dayPairs = await buildAllDayPairs(store, end - NOW_BEFORE_END_MS);
    log(
      `  ${fmt(dayPairs.days)} days built in ${fmt(dayPairs.seconds, 1)} s; ${fmt(dayPairs.rows)} rows for ${fmt(dayPairs.daysWithPairs)} days`,
    );
    log(`${name}: reading the shape of the rollups…`);
    const shape = await rollupShape(store.db, end);
    const check = await checkRawAgainstRollups(store.db, end - 30 * 86_400_000, end);
    if (check.differ > 0 || check.marginalDiffer > 0) {
      throw new Error(
        `raw baseline disagrees with the rollups on ${check.differ} and with the daily marginals on ${check.marginalDiffer} of ${check.cells} cells`,
      );
    }
    const plan = await explainDaySeries(store, end);
    const queries = await buildQueries(store, end);
    let whatIfs = { built: {}, queries: [] };
    if (whatIf) {
      log(`${name}: building the what-if rollup tables…`);
      const scratch = join(dirname(opened.file), 'whatif.db');
      rmSync(scratch, { force: true });
      whatIfs = await buildWhatIfs(store, end, scratch);
    }
    const all = [...queries, ...whatIfs.queries];
    log(`${name}: ${warmups} warm-up and ${runs} measured rounds of ${all.length} queries…`);
    const measured = await measure(all, opened.serverPid);
    if (whatIf) await dropWhatIfs(store);
    const rows = all.map((q) => {
      const sorted = [...(measured.times.get(q.name) ?? [])].sort((a, b) => a - b);
      return {
        name: q.name,
        label: q.label,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        min: sorted[0] ?? Number.NaN,
        max: sorted.at(-1) ?? Number.NaN,
        runs: sorted.length,
        rows: q.rows ?? null,
        result: describe(q.name, measured.last.get(q.name)),
        baseline: q.baseline === true,
      };
    });
    // Rollup over raw for the day series, per round, then the median.
    const rollupTimes = measured.times.get('ts-day-30d') ?? [];
    const rawTimes = measured.times.get('raw-day-30d') ?? [];
    const ratio = median(rollupTimes.map((t, i) => t / (rawTimes[i] ?? Number.NaN)));
    return {
      backend: name,
      scale: backendScale,
      params,
      cached: opened.cached,
      location: opened.file,
      sizeMb: opened.sizeMb,
      load: opened.load,
      shape,
      dayPairs,
      check,
      plan,
      whatIfTables: whatIfs.built,
      rows,
      rollupOverRaw: ratio,
      cpu: measured.cpu,
      loadavg: { before: measured.loadBefore, after: measured.loadAfter },
    };
  } finally {
    await opened.close();
  }
}

// ---- report --------------------------------------------------------------------------------------------

function table(header, rows, leftColumns = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i < leftColumns ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function report(r) {
  const { load, shape } = r;
  const out = [];
  out.push(
    `\n== ${r.backend}: ${fmt(r.params.interactions)} interactions, ${fmt(r.params.signals)} signals over ${r.params.days} days (scale ${r.scale}), ${fmt(r.sizeMb)} MB`,
  );
  out.push(
    `load${r.cached ? ' (cached; figures from the run that generated it)' : ''}: ${fmt(load.loadSeconds, 1)} s (${fmt(load.itemsPerSecond)} items/s; ${fmt(load.ingestSeconds, 1)} s in store.ingest = ${fmt(load.ingestItemsPerSecond)} items/s, ${fmt(load.generateSeconds, 1)} s generating), ${fmt(load.batches)} batches; load average meanwhile ${fmt(load.loadAverageDuringLoad ?? Number.NaN, 1)}`,
  );
  const s = load.screening;
  out.push(
    `screening: the pass screened ${fmt(s.screenedByPass)} signals in ${fmt(s.passSeconds, 1)} s (${fmt(s.signalsPerSecond)}/s)${s.finished ? ', all of them' : `, then ${fmt(s.markedByUpdate)} were marked screened by one UPDATE in ${fmt(s.markSeconds, 1)} s`}${load.vacuumAnalyzeSeconds ? `; VACUUM ANALYZE ${fmt(load.vacuumAnalyzeSeconds, 1)} s` : ''}`,
  );
  out.push(
    `rollups: ${fmt(shape.rollups)} hourly rows (${fmt(shape.rollupsLast30Days)} in the last 30 days = ${fmt(shape.rollupsLast30Days / 30)}/day, ${fmt(shape.rollupsLast30Days / 720)}/hour); ${fmt(shape.marginals)} daily marginal rows (${fmt(shape.marginalsLast30Days / 30)}/day); ${fmt(shape.adjustments)} adjustment rows; ${fmt(shape.signalFlags)} flags`,
  );
  out.push(
    `daily pairs: ${fmt(r.dayPairs.days)} days built by this run in ${fmt(r.dayPairs.seconds, 1)} s; the table holds ${fmt(r.dayPairs.rows)} rows for ${fmt(r.dayPairs.daysWithPairs)} days (all but the last, which "now" falls in; ${fmt(r.dayPairs.rows / Math.max(1, r.dayPairs.daysWithPairs))}/day)`,
  );
  out.push(
    `last 30 days: ${fmt(shape.interactionsLast30Days)} interactions, ${fmt(shape.signalsLast30Days)} signals; ${fmt(shape.hourCombosLast30Days / 720)} dimension combinations per hour, ${fmt(shape.dayCombosLast30Days / 30)} per day; ${shape.metricKeys} metric/value keys`,
  );
  out.push(
    `check: raw GROUP BY = hourly rollup sums = daily marginal totals on all ${fmt(r.check.cells)} day cells (${fmt(r.check.events)} events)`,
  );
  out.push(`plan, daily marginals: ${r.plan.marginal.join(' | ')}`);
  out.push(`plan, hourly rollups (one day): ${r.plan.hourly.join(' | ')}`);
  const baseline = r.rows.find((x) => x.baseline);
  out.push(
    `\n${table(
      [
        'query',
        'p50 ms',
        'p99 ms',
        'min',
        'max',
        'daily marginal rows',
        'hourly marginal rows',
        'daily pair rows',
        'hourly rows read',
        'hourly matching',
        'adj. rows',
        'p50 vs 100 ms',
        'x raw',
      ],
      r.rows.map((x) => [
        x.label,
        ms(x.p50),
        ms(x.p99),
        ms(x.min),
        ms(x.max),
        x.rows ? fmt(x.rows.marginal) : '—',
        x.rows ? fmt(x.rows.hourMarginal ?? 0) : '—',
        x.rows ? fmt(x.rows.pairs ?? 0) : '—',
        x.rows ? fmt(x.rows.hourly) : '—',
        x.rows ? fmt(x.rows.hourlyMatching) : '—',
        x.rows ? fmt(x.rows.adjustments) : '—',
        x.p50 < TARGET_P50_MS ? 'met' : `missed ×${fmt(x.p50 / TARGET_P50_MS, 1)}`,
        baseline ? fmt(x.p50 / baseline.p50, 3) : '—',
      ]),
    )}`,
  );
  out.push(`\nrollup / raw for the day series (median of per-round ratios): ${fmt(r.rollupOverRaw, 3)}`);
  for (const [name, b] of Object.entries(r.whatIfTables)) {
    out.push(`what-if table ${name}: ${fmt(b.rows)} rows, built in ${fmt(b.buildSeconds, 1)} s`);
  }
  out.push(
    `CPU while measuring: machine ${fmt(r.cpu.machineCores, 2)} cores busy, this bench ${fmt(r.cpu.benchCores, 2)}, others ${fmt(r.cpu.othersCores, 2)}; load average ${r.loadavg.before.map((x) => x.toFixed(2)).join(' ')} → ${r.loadavg.after.map((x) => x.toFixed(2)).join(' ')}`,
  );
  out.push('results of the last round:');
  for (const x of r.rows) if (x.result) out.push(`  ${x.name}: ${x.result}`);
  return out.join('\n');
}

const results = [];
for (const name of backends) results.push(await benchBackend(name));
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 1024 ** 3, 1)} GiB, Node ${process.version}`;
console.log(`Query benchmark — ${machine}`);
console.log(`command: npm run bench:query -- ${args.join(' ')}`.trimEnd());
for (const r of results) console.log(report(r));
const totalSeconds = (performance.now() - runStarted) / 1000;
console.log(`\ntotal runtime: ${fmt(totalSeconds, 1)} s`);
const round = (n, d = 2) => (Number.isFinite(n) ? Number(n.toFixed(d)) : null);
console.log(
  JSON.stringify({
    bench: 'query',
    quick,
    machine,
    runs,
    warmups,
    totalSeconds: round(totalSeconds, 1),
    backends: results.map((r) => ({
      backend: r.backend,
      scale: r.scale,
      interactions: r.params.interactions,
      signals: r.params.signals,
      cached: r.cached,
      sizeMb: Math.round(r.sizeMb),
      load: {
        seconds: round(r.load.loadSeconds, 1),
        itemsPerSecond: Math.round(r.load.itemsPerSecond),
        ingestSeconds: round(r.load.ingestSeconds, 1),
        ingestItemsPerSecond: Math.round(r.load.ingestItemsPerSecond),
        generateSeconds: round(r.load.generateSeconds, 1),
        loadAverage: round(r.load.loadAverageDuringLoad ?? Number.NaN, 1),
        screening: r.load.screening,
        vacuumAnalyzeSeconds: r.load.vacuumAnalyzeSeconds ?? null,
      },
      shape: r.shape,
      dayPairs: r.dayPairs,
      check: r.check,
      plan: r.plan,
      whatIfTables: r.whatIfTables,
      rollupOverRaw: round(r.rollupOverRaw, 4),
      cpu: Object.fromEntries(Object.entries(r.cpu).map(([k, v]) => [k, round(v, 2)])),
      queries: r.rows.map((x) => ({
        name: x.name,
        p50Ms: round(x.p50),
        p99Ms: round(x.p99),
        minMs: round(x.min),
        maxMs: round(x.max),
        runs: x.runs,
        rows: x.rows,
        meetsTarget: x.p50 < TARGET_P50_MS,
      })),
    })),
  }),
);
