/**
 * `npm run bench:ingest [-- --quick] [-- --only=raw,batch100,batch1000,single,bare] [-- --profile]
 *   [-- --variant=<name>] [-- --variants=<name>,<name>…]`
 *
 * Measures, side by side in one run, on 127.0.0.1:
 *   (a) raw better-sqlite3 inserts of signal rows in the store's own schema (the ceiling);
 *   (b) Feedloop `POST /v1/batch` with 100 and 1,000 signals a request;
 *   (c) Feedloop `POST /v1/signals`, one signal a request;
 *   (d) a bare Fastify 5 endpoint answering 204, with the same load as (c);
 * each of (a) and (b) with time-ordered (UUIDv7) and random (UUIDv4) ids.
 *
 * The machines are noisy (±25% within minutes), so the scenarios run interleaved in rounds (3 in a full
 * run, 1 with --quick); a figure is the median over rounds, and a ratio is the median of the ratios
 * measured within each round (a with b, c with d: minutes apart at most).
 *
 * Every HTTP scenario starts a fresh server process on a fresh SQLite file; the load comes from another
 * process (load.js). Afterwards the server is killed with SIGKILL, its file is reopened, and the signals in
 * it must be exactly the ones acknowledged `created` — plus those of the few requests still in flight
 * when the load stopped that the server had committed (their ids are looked up one by one) — and the
 * rollups must count each signal once.
 *
 * Prints a table, then, as its very last line, one JSON object with every figure.
 *   --variant=<name>  runs the Feedloop scenarios on an experimental write path (experiments/variants.js)
 *   --variants=real,<name>,…  runs each Feedloop scenario once per variant, side by side in every round
 *                     (`real` is the store itself), and reports each variant against the first one
 *   --profile         writes a CPU profile of each server during its measured phase to
 *                     bench/results/profiles/<scenario>-<round>.cpuprofile (see profile-summary.js)
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { makeInteractions } from './workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const variant = args.find((a) => a.startsWith('--variant='))?.slice('--variant='.length);
const variants = args
  .find((a) => a.startsWith('--variants='))
  ?.slice('--variants='.length)
  .split(',');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const numberArg = (/** @type {string} */ name) => {
  const value = args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return value === undefined ? undefined : Number(value);
};
const SETTINGS = quick
  ? { rounds: 1, rawSeconds: 2, warmupSeconds: 0.8, seconds: 2.5 }
  : { rounds: 3, rawSeconds: 5, warmupSeconds: 1.5, seconds: 5 };
// For experiments: --rounds=N --seconds=S (HTTP and raw alike).
SETTINGS.rounds = numberArg('rounds') ?? SETTINGS.rounds;
SETTINGS.seconds = numberArg('seconds') ?? SETTINGS.seconds;
SETTINGS.rawSeconds = numberArg('seconds') ?? SETTINGS.rawSeconds;
const INTERACTIONS = 1000;
const TARGETS = { batchSignalsPerSecond: 100_000, batchOverRaw: 1 / 3, singleOverBare: 0.6 };

for (const pkg of ['core', 'store', 'server']) {
  if (!existsSync(join(root, 'packages', pkg, 'dist', 'index.js'))) {
    console.error(`packages/${pkg}/dist is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

// ---- child processes ----------------------------------------------------------------------------------

/** Children still running, so a failure never leaves a server behind. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * @param {string} script
 * @param {string[]} argv
 * @param {Record<string, string>} [env]
 */
function start(script, argv = [], env = {}) {
  const child = fork(join(here, script), argv, {
    env: { ...process.env, ...env },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * The next IPC message with this `op`; fails if the child exits first.
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} op
 * @returns {Promise<any>}
 */
function nextMessage(child, op) {
  return new Promise((resolve, reject) => {
    const onMessage = (/** @type {any} */ message) => {
      if (message?.op !== op) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (/** @type {number | null} */ code) => reject(new Error(`child exited (${code}) awaiting ${op}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** @param {import('node:child_process').ChildProcess} child @param {string} op @param {object} [extra] */
function ask(child, op, extra = {}) {
  const answer = nextMessage(child, op);
  child.send({ op, ...extra });
  return answer;
}

/** @param {import('node:child_process').ChildProcess} child */
function exited(child) {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
const tempDir = () => mkdtempSync(join(tmpdir(), 'feedloop-bench-'));
const round = (/** @type {number} */ n, digits = 0) => Number(n.toFixed(digits));

// ---- scenarios ----------------------------------------------------------------------------------------

/** (a) one round. */
async function rawScenario(/** @type {'v7' | 'v4'} */ idKind) {
  const dir = tempDir();
  try {
    const child = start('raw-sqlite.js', [idKind, String(SETTINGS.rawSeconds), dir]);
    const result = await nextMessage(child, 'raw');
    await exited(child);
    return { rate: result.rowsPerSecond, ...result, ok: result.stored === result.rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Counts what is in the file after the server was killed.
 * @param {string} dbFile
 * @param {string[]} inFlightIds ids of requests nobody got an answer for
 */
function inspectDatabase(dbFile, inFlightIds) {
  const db = new BetterSqlite3(dbFile);
  try {
    const one = (/** @type {string} */ sql) => Number(/** @type {{ n: number }} */ (db.prepare(sql).get()).n ?? 0);
    let inFlightStored = 0;
    for (let i = 0; i < inFlightIds.length; i += 500) {
      const ids = inFlightIds.slice(i, i + 500);
      const sql = `SELECT count(*) AS n FROM signals WHERE id IN (${ids.map(() => '?').join(', ')})`;
      inFlightStored += Number(/** @type {{ n: number }} */ (db.prepare(sql).get(...ids)).n);
    }
    return {
      inFlight: inFlightIds.length,
      inFlightStored,
      signals: one('SELECT count(*) AS n FROM signals'),
      waiting: one('SELECT count(*) AS n FROM signals WHERE rolled_up = 0'),
      rolledUpSignals: one("SELECT sum(count) AS n FROM rollups WHERE metric <> '$interaction'"),
      interactions: one('SELECT count(*) AS n FROM interactions'),
      rolledUpInteractions: one("SELECT sum(count) AS n FROM rollups WHERE metric = '$interaction'"),
    };
  } finally {
    db.close();
  }
}

/**
 * What the experimental writer did during the measured phase.
 * @param {any} a @param {any} b
 */
function writerFigures(a, b) {
  const flushes = b.flushes - a.flushes;
  return {
    flushes,
    requestsPerFlush: round((b.requests - a.requests) / flushes, 1),
    rowsPerFlush: round((b.rows - a.rows) / flushes),
    msPerFlush: round((b.flushMs - a.flushMs) / flushes, 2),
    commitShareOfFlush: round((b.commitMs - a.commitMs) / (b.flushMs - a.flushMs), 2),
    dimensionLookups: b.lookups - a.lookups,
  };
}

/**
 * @typedef {{ name: string, group: string, mode: 'feedloop' | 'bare', path: string, batchSize: number,
 *   idKind: 'v7' | 'v4', connections: number, expect: 'batch' | 'single' | 'bare', variant?: string }} HttpScenario
 */

/**
 * (b), (c) or (d), one round.
 * @param {HttpScenario} s
 * @param {number} roundNo
 */
async function httpScenario(s, roundNo) {
  const dir = tempDir();
  const profileDir = join(root, 'bench', 'results', 'profiles');
  if (profile) mkdirSync(profileDir, { recursive: true });
  const server = start('server.js', [s.mode, dir], s.variant ? { FEEDLOOP_BENCH_VARIANT: s.variant } : {});
  try {
    const ready = await nextMessage(server, 'ready');
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${ready.key ?? 'fl_sk_bare'}`,
    };
    const interactions = makeInteractions(INTERACTIONS);
    if (s.mode === 'feedloop') {
      // The interactions the signals are about, logged first with the secret key, like the Node SDK does.
      const response = await fetch(`http://127.0.0.1:${ready.port}/v1/batch`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ interactions }),
      });
      const answer = /** @type {{ results: Array<{ status: string }> }} */ (await response.json());
      const created = answer.results?.filter((r) => r.status === 'created').length;
      if (response.status !== 200 || created !== INTERACTIONS) {
        throw new Error(`creating interactions failed: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
      }
    }

    const load = start('load.js');
    load.send({
      op: 'run',
      port: ready.port,
      path: s.path,
      headers,
      batchSize: s.batchSize,
      idKind: s.idKind,
      interactions: interactions.map(({ id, sessionId, userId }) => ({ id, sessionId, userId })),
      connections: s.connections,
      warmupSeconds: SETTINGS.warmupSeconds,
      seconds: SETTINGS.seconds,
      expect: s.expect,
    });
    await nextMessage(load, 'primed');
    await sleep(250); // the warm-up's last requests (cut off in flight) settle
    const storedBefore = s.mode === 'feedloop' ? (await ask(server, 'count')).count : 0;
    if (profile) await ask(server, 'profile-start');
    const before = await ask(server, 'cpu');
    load.send({ op: 'go' });
    const result = await nextMessage(load, 'result');
    const after = await ask(server, 'cpu');
    if (profile) await ask(server, 'profile-stop', { file: join(profileDir, `${s.name}-${roundNo}.cpuprofile`) });
    await exited(load);
    const cpuSeconds = (after.usage.user - before.usage.user + after.usage.system - before.usage.system) / 1e6;

    // Durability: kill the server the hard way, reopen its file, and count.
    server.kill('SIGKILL');
    await exited(server);
    let check = null;
    if (s.mode === 'feedloop' && s.variant !== 'no-write') {
      const db = inspectDatabase(ready.dbFile, result.inFlightIds);
      const storedInRun = db.signals - storedBefore - db.inFlightStored;
      check = {
        storedInRun,
        ...db,
        ok:
          storedInRun === result.acknowledged &&
          db.waiting === 0 &&
          db.rolledUpSignals === db.signals &&
          db.interactions === INTERACTIONS &&
          db.rolledUpInteractions === INTERACTIONS,
      };
    }
    const { inFlightIds: _ids, ...figures } = result;
    return {
      ...figures,
      rate: result.itemsPerSecond,
      serverCpuPercent: (100 * cpuSeconds) / result.seconds,
      fileKiBPerItem: (after.fileBytes - before.fileBytes) / 1024 / Math.max(result.acknowledged, 1),
      check,
      ok: check ? check.ok : result.ok === result.responses && result.errors === 0,
      writer: after.writer && writerFigures(before.writer, after.writer),
    };
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** @returns {HttpScenario} */
const batch = (/** @type {number} */ size, /** @type {'v7' | 'v4'} */ idKind) => ({
  name: `batch${size}-${idKind}`,
  group: `batch${size}`,
  mode: 'feedloop',
  path: '/v1/batch',
  batchSize: size,
  idKind,
  connections: size >= 1000 ? 8 : 16,
  expect: 'batch',
});
const SINGLE_CONNECTIONS = 32;
/** @type {Array<HttpScenario | { name: string, group: string, raw: 'v7' | 'v4' }>} */
const SCENARIOS = [
  { name: 'raw-v7', group: 'raw', raw: 'v7' },
  batch(100, 'v7'),
  batch(1000, 'v7'),
  { name: 'raw-v4', group: 'raw', raw: 'v4' },
  batch(100, 'v4'),
  batch(1000, 'v4'),
  {
    name: 'single-v7',
    group: 'single',
    mode: 'feedloop',
    path: '/v1/signals',
    batchSize: 0,
    idKind: 'v7',
    connections: SINGLE_CONNECTIONS,
    expect: 'single',
  },
  {
    name: 'bare-fastify',
    group: 'bare',
    mode: 'bare',
    path: '/v1/signals',
    batchSize: 0,
    idKind: 'v7',
    connections: SINGLE_CONNECTIONS,
    expect: 'bare',
  },
]
  .filter((s) => !only || only.includes(s.group) || only.includes(s.name))
  .flatMap((s) => {
    if ('raw' in s || s.mode !== 'feedloop') return [s];
    if (!variants) return [{ ...s, variant }];
    return variants.map((v) => ({ ...s, name: `${s.name}@${v}`, variant: v === 'real' ? undefined : v }));
  });

// ---- run ----------------------------------------------------------------------------------------------

const startedAt = Date.now();
const loadBefore = loadavg();
/** @type {Record<string, any[]>} */
const runs = Object.fromEntries(SCENARIOS.map((s) => [s.name, []]));
for (let r = 1; r <= SETTINGS.rounds; r++) {
  for (const scenario of SCENARIOS) {
    process.stderr.write(`round ${r}/${SETTINGS.rounds}: ${scenario.name}\n`);
    runs[scenario.name]?.push('raw' in scenario ? await rawScenario(scenario.raw) : await httpScenario(scenario, r));
  }
}
const loadAfter = loadavg();

// ---- figures ------------------------------------------------------------------------------------------

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
const sum = (/** @type {number[]} */ xs) => xs.reduce((a, b) => a + b, 0);
/** @param {Float64Array[]} arrays @param {number[]} ps */
function percentiles(arrays, ps) {
  const all = new Float64Array(sum(arrays.map((a) => a.length)));
  let at = 0;
  for (const a of arrays) {
    all.set(a, at);
    at += a.length;
  }
  all.sort();
  return ps.map((p) => all[Math.min(all.length - 1, Math.max(0, Math.ceil((p / 100) * all.length) - 1))] ?? 0);
}

/** @type {Record<string, any>} */
const figures = {};
for (const s of SCENARIOS) {
  const rs = runs[s.name] ?? [];
  if (rs.length === 0) continue;
  const rates = rs.map((r) => r.rate);
  const base = { eventsPerSecond: median(rates), perRound: rates.map((x) => round(x)), ok: rs.every((r) => r.ok) };
  if ('raw' in s) {
    figures[s.name] = {
      ...base,
      rows: sum(rs.map((r) => r.rows)),
      stored: sum(rs.map((r) => r.stored)),
      fileKiBWrittenPerEvent: median(rs.map((r) => r.fileKiBPerRow)),
    };
    continue;
  }
  const [p50, p90, p99] = percentiles(
    rs.map((r) => r.latencies),
    [50, 90, 99],
  );
  const writers = rs.map((r) => r.writer).filter(Boolean);
  figures[s.name] = {
    ...base,
    requestsPerSecond: median(rs.map((r) => r.requestsPerSecond)),
    p50Ms: p50,
    p90Ms: p90,
    p99Ms: p99,
    connections: s.connections,
    seconds: sum(rs.map((r) => r.seconds)),
    requests: sum(rs.map((r) => r.responses)),
    errors: sum(rs.map((r) => r.errors)),
    acknowledged: sum(rs.map((r) => r.acknowledged)),
    stored: s.mode === 'feedloop' && s.variant !== 'no-write' ? sum(rs.map((r) => r.check.storedInRun)) : null,
    inFlightAtStop:
      s.mode === 'feedloop' && s.variant !== 'no-write'
        ? { items: sum(rs.map((r) => r.check.inFlight)), stored: sum(rs.map((r) => r.check.inFlightStored)) }
        : null,
    serverCpuPercent: median(rs.map((r) => r.serverCpuPercent)),
    fileKiBWrittenPerEvent: s.mode === 'feedloop' ? median(rs.map((r) => r.fileKiBPerItem)) : null,
    loadCpuPercent: median(rs.map((r) => r.loadCpuPercent)),
    bodiesGeneratedDuringRun: sum(rs.map((r) => r.generatedLive)),
    ...(writers.length > 0 ? { writer: writers[writers.length - 1] } : {}),
  };
}

/**
 * The median over rounds of numerator/denominator measured in the same round.
 * @param {string} a @param {string} b
 */
function pairedRatio(a, b) {
  const ra = runs[a];
  const rb = runs[b];
  if (!ra?.length || !rb?.length) return undefined;
  return median(ra.map((r, i) => r.rate / (rb[i]?.rate ?? Number.NaN)).filter(Number.isFinite));
}

/** @type {Record<string, number | null>} */
const ratios = {};
/** @type {Array<{ label: string, value: number, target: number, met: boolean, kind: 'rate' | 'ratio' }>} */
const verdicts = [];
/** @param {string} label @param {number | undefined} value @param {number} target @param {'rate' | 'ratio'} kind */
function verdict(label, value, target, kind) {
  if (value === undefined || Number.isNaN(value)) return;
  verdicts.push({ label, value, target, met: value >= target, kind });
}
for (const size of [100, 1000]) {
  for (const idKind of ['v7', 'v4']) {
    const name = `batch${size}-${idKind}`;
    const bOverA = pairedRatio(name, `raw-${idKind}`);
    ratios[`batch${size}OverRaw_${idKind}`] = bOverA === undefined ? null : round(bOverA, 3);
    verdict(`(b) ×${size} ${idKind} signals/s`, figures[name]?.eventsPerSecond, TARGETS.batchSignalsPerSecond, 'rate');
    verdict(`b/a ×${size} ${idKind}`, bOverA, TARGETS.batchOverRaw, 'ratio');
  }
}
const cOverD = pairedRatio('single-v7', 'bare-fastify');
ratios.singleOverBare = cOverD === undefined ? null : round(cOverD, 3);
verdict('c/d single signal / bare Fastify', cOverD, TARGETS.singleOverBare, 'ratio');
const allOk = Object.values(figures).every((f) => f.ok);

// ---- report -------------------------------------------------------------------------------------------

const fmt = (/** @type {number | null | undefined} */ n) =>
  n === undefined || n === null ? '—' : Math.round(n).toLocaleString('en-US');
const ms = (/** @type {number | undefined} */ n) => (n === undefined ? '—' : n.toFixed(2));
const kib = (/** @type {number | null | undefined} */ n) => (n === undefined || n === null ? '—' : n.toFixed(1));
const LABELS = {
  'raw-v7': '(a) raw SQLite insert, UUIDv7',
  'raw-v4': '(a) raw SQLite insert, UUIDv4',
  'batch100-v7': '(b) POST /v1/batch ×100, UUIDv7',
  'batch100-v4': '(b) POST /v1/batch ×100, UUIDv4',
  'batch1000-v7': '(b) POST /v1/batch ×1000, UUIDv7',
  'batch1000-v4': '(b) POST /v1/batch ×1000, UUIDv4',
  'single-v7': '(c) POST /v1/signals, UUIDv7',
  'bare-fastify': '(d) bare Fastify 204',
};
const mem = Math.round(totalmem() / 2 ** 30);
const cpuModel = cpus()[0]?.model ?? '?';

console.log('');
console.log(
  `Feedloop ingestion benchmark (${quick ? 'quick' : 'full'}${variant ? `, EXPERIMENT variant ${variant}` : ''}) — ${cpus().length} cores (${cpuModel}), ${mem} GiB, Node ${process.version}`,
);
console.log(
  `${SETTINGS.rounds} round(s) of ${SETTINGS.seconds} s per HTTP scenario (${SETTINGS.rawSeconds} s raw), interleaved; events/s is the median over rounds, latency over all requests.`,
);
console.log('');
const widths = [33, 9, 19, 7, 7, 7, 5, 5, 6, 11, 11, 5];
const line = (/** @type {string[]} */ cells) =>
  console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' '));
line([
  'scenario',
  'events/s',
  'rounds (min–max)',
  'req/s',
  'p50 ms',
  'p99 ms',
  'conns',
  'CPU',
  'KiB/ev',
  'acked',
  'stored',
  'check',
]);
line(widths.map((w) => '-'.repeat(w)));
for (const [name, f] of Object.entries(figures)) {
  const range = `${fmt(Math.min(...f.perRound))}–${fmt(Math.max(...f.perRound))}`;
  const label = LABELS[/** @type {keyof typeof LABELS} */ (name)] ?? name;
  if (name.startsWith('raw')) {
    line([
      label,
      fmt(f.eventsPerSecond),
      range,
      '—',
      '—',
      '—',
      '—',
      '—',
      kib(f.fileKiBWrittenPerEvent),
      fmt(f.rows),
      fmt(f.stored),
      f.ok ? 'ok' : 'FAIL',
    ]);
  } else {
    line([
      label,
      fmt(f.eventsPerSecond),
      range,
      fmt(f.requestsPerSecond),
      ms(f.p50Ms),
      ms(f.p99Ms),
      String(f.connections),
      `${Math.round(f.serverCpuPercent)}%`,
      kib(f.fileKiBWrittenPerEvent),
      fmt(f.acknowledged),
      fmt(f.stored),
      f.ok ? 'ok' : 'FAIL',
    ]);
  }
}
console.log('(CPU: the server process, % of one core. KiB/ev: bytes written to the database files (WAL and');
console.log(' checkpoints) per event. acked: items answered `created` (201/204 for single/bare); stored: those found');
console.log(' in the database after SIGKILL.)');

const withWriter = Object.entries(figures).filter(([, f]) => f.writer);
if (withWriter.length > 0) {
  console.log('');
  console.log('Experimental writer (last round): group commits, requests and rows per commit, ms per flush,');
  console.log("COMMIT's share of the flush, SELECTs of interaction dimensions");
  for (const [name, f] of withWriter) {
    const w = f.writer;
    console.log(
      `  ${name.padEnd(14)} ${fmt(w.flushes).padStart(7)} flushes ${String(w.requestsPerFlush).padStart(6)} req ${fmt(w.rowsPerFlush).padStart(7)} rows ${ms(w.msPerFlush).padStart(8)} ms  commit ${Math.round(w.commitShareOfFlush * 100)}%  lookups ${fmt(w.dimensionLookups)}`,
    );
  }
}

if (variants) {
  console.log('');
  console.log(`Variants against ${variants[0]} (median over rounds of the ratio within each round):`);
  for (const s of SCENARIOS) {
    const [base, name] = s.name.split('@');
    if (!name || name === variants[0]) continue;
    const vs = pairedRatio(s.name, `${base}@${variants[0]}`);
    ratios[`${s.name}_vs_${variants[0]}`] = vs === undefined ? null : round(vs, 3);
    console.log(
      `  ${s.name.padEnd(34)} ×${vs?.toFixed(2)}  (rounds: ${runs[s.name]?.map((r, i) => (r.rate / runs[`${base}@${variants[0]}`]?.[i]?.rate).toFixed(2)).join(', ')})`,
    );
  }
}

console.log('');
for (const v of verdicts) {
  const show = v.kind === 'rate' ? fmt : (/** @type {number} */ n) => n.toFixed(2);
  const gap = v.met
    ? 'met'
    : `MISSED by ${((1 - v.value / v.target) * 100).toFixed(0)}% (${show(v.value)} of ${show(v.target)})`;
  console.log(`${v.label.padEnd(34)} ${show(v.value).padStart(9)}   target ≥ ${show(v.target).padEnd(8)} ${gap}`);
}
console.log('');
console.log(
  variant === 'no-write' || variants?.includes('no-write')
    ? `Durability: ${allOk ? 'ok' : 'FAILED'}, except for the no-write variant, which stores nothing.`
    : `Durability: each Feedloop server was SIGKILLed after its run and its file reopened; signals stored = items acknowledged "created", each counted once in the rollups: ${allOk ? 'ok' : 'FAILED'}.`,
);
const showLoad = (/** @type {number[]} */ l) => l.map((n) => n.toFixed(2)).join(' ');
console.log(
  `Total ${((Date.now() - startedAt) / 1000).toFixed(0)} s; load average before ${showLoad(loadBefore)}, after ${showLoad(loadAfter)}.`,
);

const roundAll = (/** @type {any} */ v) =>
  JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isInteger(x) ? round(x, 2) : x)));
console.log(
  JSON.stringify({
    bench: 'ingest',
    quick,
    ...(variant ? { variant } : {}),
    machine: {
      cores: cpus().length,
      cpu: cpuModel,
      memoryGiB: mem,
      node: process.version,
      loadAverageBefore: loadBefore.map((n) => round(n, 2)),
      loadAverageAfter: loadAfter.map((n) => round(n, 2)),
    },
    settings: { ...SETTINGS, interactions: INTERACTIONS },
    results: roundAll(figures),
    ratios,
    targets: roundAll(TARGETS),
    targetsMet: Object.fromEntries(verdicts.map((v) => [v.label, v.met])),
    durable: variant === 'no-write' ? null : allOk,
  }),
);
process.exitCode = allOk ? 0 : 1;
