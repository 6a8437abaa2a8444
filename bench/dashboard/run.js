/**
 * `npm run bench:dashboard [-- --scale 1] [-- --runs 7] [-- --quick]`
 *
 * How long each dashboard page takes to show its data with a million interactions, measured in Chromium
 * against the real server. The data is bench/query's workload (1,000,000 interactions, 10,000,000 signals
 * over 60 days at scale 1): its cached SQLite file is copied when there is one, else generated (data.js).
 * Opening it runs the pending migrations, then screening, a themes run and release-note drafting, all
 * timed and cached with the database. Each page is opened with the last 30 days of the history, signed in
 * with a secret key like a user, and timed from navigation start until every API request it made has
 * finished and its content is rendered (pages.js). The same page is timed, in the same round, against a
 * small dataset (the baseline): the ratio of the two is what this machine's noise cannot fake.
 *
 * Flags:
 *   --scale S            data size (1 = 1M interactions, 10M signals; default 1)
 *   --baseline-scale S   the small dataset (default 0.01: 10,000 interactions)
 *   --runs N             measured loads per page and dataset (default 7), after --warmups N (default 1)
 *   --quick              --scale 0.01 --baseline-scale 0.001 --runs 3: a small version in about a minute
 *   --pages a,b          only the pages whose name starts with one of these
 *   --screen-seconds N   time budget of the screening pass when preparing (default 900)
 *   --themes-days N      days of history the themes run clusters (default 28, the product's default window)
 *   --query-data DIR     where the query benchmark keeps its loaded data (its --data-dir; default
 *                        bench/query/.data), to copy a database from
 *   --timeout-seconds N  give up on one load after this long (default 300)
 *   --fresh              prepare the databases again
 *   --no-wait            do not wait for other benchmarks (by default, at scale ≥ 0.1, it waits until no
 *                        `bench/<name>/run.js` of another benchmark runs, polling every 30 s)
 *
 * Prints a table and, as its very last line, one JSON object with every figure. Imports the BUILT
 * packages (and the built dashboard): run `npm run build` first.
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../cli-args.js';
import { historyEnd, PROJECT_ID, prepareDatabase } from './data.js';
import { openSession, pagesFor, timePage } from './pages.js';

const runStarted = performance.now();
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);

const { option, flag, numberOption } = benchArgs(args);

const quick = flag('quick');
const scale = numberOption('scale', quick ? 0.01 : 1);
const baselineScale = numberOption('baseline-scale', quick ? 0.001 : 0.01);
const runs = Math.round(numberOption('runs', quick ? 3 : 7));
const warmups = Math.round(option('warmups') === '0' ? 0 : numberOption('warmups', 1));
const screenSeconds = numberOption('screen-seconds', 900);
const themesDays = numberOption('themes-days', 28);
const timeoutMs = numberOption('timeout-seconds', 300) * 1000;
const fresh = flag('fresh');
const wait = !flag('no-wait') && scale >= 0.1;
const only = option('pages')
  ?.split(',')
  .map((p) => p.trim())
  .filter(Boolean);
const TARGET_MS = 1000;

for (const pkg of ['core', 'store', 'services', 'server']) {
  if (!existsSync(join(root, 'packages', pkg, 'dist', 'index.js'))) {
    console.error(`packages/${pkg}/dist is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
if (!existsSync(join(root, 'packages', 'dashboard', 'dist', 'index.html'))) {
  console.error('The dashboard is not built: run `npm run build` first.');
  process.exit(1);
}
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`No Chromium at ${chromiumPath} (set CHROMIUM_PATH).`);
  process.exit(1);
}

const log = (line) => process.stderr.write(`${line}\n`);
const fmt = (n, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';
const ms = (n) => (n >= 100 ? fmt(n) : n >= 10 ? fmt(n, 1) : fmt(n, 2));

// ---- waiting for other benchmarks ---------------------------------------------------------------------

/** Command lines of other benchmarks running now: node processes running `bench/<name>/run.js`, not this one. */
function otherBenchmarks() {
  let lines;
  try {
    lines = execFileSync('pgrep', ['-a', 'node'], { encoding: 'utf8' }).split('\n');
  } catch {
    return []; // pgrep exits 1 when nothing matches.
  }
  return lines.filter((line) => {
    const [pid, command, ...rest] = line.trim().split(/\s+/);
    if (!pid || Number(pid) === process.pid || !command || !/(^|\/)node$/.test(command)) return false;
    return rest.some((arg) => /(^|\/)bench\/[a-z-]+\/run\.js$/.test(arg) && !arg.includes('bench/dashboard/'));
  });
}

async function waitForOtherBenchmarks() {
  let waited = 0;
  for (;;) {
    const others = otherBenchmarks();
    if (others.length === 0) return waited;
    if (waited === 0) log(`waiting for other benchmarks to finish (polling every 30 s): ${others.join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    waited += 30;
  }
}

// ---- CPU accounting: how much of the machine others used while we measured -----------------------------

const CLOCK_TICKS = 100;

function machineBusySeconds() {
  const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
}

/** CPU seconds of this process and all its descendants (servers, Chromium and its helpers). */
function treeSeconds(rootPid) {
  const stats = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
      });
    } catch {
      // The process ended meanwhile.
    }
  }
  const inTree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!inTree.has(pid) && inTree.has(s.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of inTree) total += stats.get(pid)?.seconds ?? 0;
  return total;
}

const cpuSnapshot = () => ({ at: performance.now(), machine: machineBusySeconds(), ours: treeSeconds(process.pid) });

function cpuBetween(a, b) {
  const wall = (b.at - a.at) / 1000;
  const machine = (b.machine - a.machine) / wall;
  const ours = (b.ours - a.ours) / wall;
  return { machineCores: machine, benchCores: ours, othersCores: Math.max(0, machine - ours) };
}

// ---- servers --------------------------------------------------------------------------------------------

/** Forks server.js on a prepared file; resolves once it listens. */
function startServer(file) {
  const child = fork(join(here, 'server.js'), [JSON.stringify({ file, projectId: PROJECT_ID })], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters = [];
  child.on('message', (message) => waiters.shift()?.(message));
  const next = () => new Promise((resolve) => waiters.push(resolve));
  const ready = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before listening`)));
    next().then(resolve);
  });
  return ready.then((message) => ({
    url: message.url,
    secretKey: message.secretKey,
    /** Server-side times of the requests answered since the last call. */
    async timings() {
      const answer = next();
      child.send({ type: 'timings' });
      return answer;
    },
    async close() {
      const answer = next();
      child.send({ type: 'close' });
      await Promise.race([answer, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill();
    },
  }));
}

// ---- measuring ----------------------------------------------------------------------------------------

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}
const sortedOf = (values) => [...values].filter(Number.isFinite).sort((a, b) => a - b);
const median = (values) => percentile(sortedOf(values), 50);

/** One load of a page on one dataset, with the server's own time for each of its API requests. */
async function loadOnce(dataset, entry) {
  const result = await timePage(dataset.session, entry, { timeoutMs });
  const { timings } = await dataset.server.timings();
  const serverMs = new Map();
  for (const t of timings) {
    if (!t.url.startsWith('/v1/')) continue;
    const list = serverMs.get(t.url) ?? [];
    list.push(t.ms);
    serverMs.set(t.url, list);
  }
  for (const r of result.requests) {
    const u = new URL(r.url);
    r.serverMs = serverMs.get(`${u.pathname}${u.search}`)?.shift() ?? Number.NaN;
  }
  return result;
}

function summarise(loads) {
  const times = sortedOf(loads.map((l) => (l.error ? Number.NaN : l.ms)));
  const byLabel = new Map();
  for (const load of loads) {
    for (const r of load.requests) {
      const entry = byLabel.get(r.label) ?? { label: r.label, browser: [], server: [] };
      entry.browser.push(r.ms);
      entry.server.push(r.serverMs);
      byLabel.set(r.label, entry);
    }
  }
  const requests = [...byLabel.values()]
    .map((e) => ({ label: e.label, p50Ms: median(e.browser), serverP50Ms: median(e.server), n: e.browser.length }))
    .sort((a, b) => b.p50Ms - a.p50Ms);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? Number.NaN,
    min: times[0] ?? Number.NaN,
    runs: loads.length,
    errors: loads.filter((l) => l.error).map((l) => l.error),
    firstApiP50: median(loads.map((l) => l.firstApiMs)),
    requestsPerLoad: median(loads.map((l) => l.requests.length)),
    serverMsPerLoad: median(loads.map((l) => l.requests.reduce((sum, r) => sum + (r.serverMs || 0), 0))),
    requests,
  };
}

// ---- run ---------------------------------------------------------------------------------------------

let waitedSeconds = wait ? await waitForOtherBenchmarks() : 0;
const dataRoot = join(here, '.data');
const queryDataRoot = resolve(option('query-data') ?? join(root, 'bench', 'query', '.data'));
const prepare = (s) => prepareDatabase({ scale: s, dataRoot, queryDataRoot, screenSeconds, themesDays, fresh, log });
const prepared = { big: await prepare(scale), small: await prepare(baselineScale) };
if (wait) waitedSeconds += await waitForOtherBenchmarks();

const { chromium } = await import('playwright-core');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const datasets = {};
const servers = [];
let browser;
let measured;
try {
  for (const [name, p] of Object.entries(prepared)) {
    log(`starting a server on the ${name} dataset (${fmt(p.params.interactions)} interactions)…`);
    const s0 = performance.now();
    const server = await startServer(p.file);
    servers.push(server);
    datasets[name] = { name, prepared: p, server, startSeconds: (performance.now() - s0) / 1000 };
  }
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  for (const d of Object.values(datasets)) d.session = await openSession(browser, d.server);

  const big = datasets.big;
  const small = datasets.small;
  const pagesOf = (d) =>
    pagesFor({ end: historyEnd(d.prepared.params), detailInteractionId: d.prepared.meta.detailInteractionId }).filter(
      (p) => !only || only.some((o) => p.name.startsWith(o)),
    );
  const bigPages = pagesOf(big);
  const smallPages = new Map(pagesOf(small).map((p) => [p.name, p]));
  const loads = new Map(bigPages.map((p) => [p.name, { big: [], small: [], ratios: [] }]));
  const rounds = warmups + runs;
  log(`${warmups} warm-up and ${runs} measured rounds of ${bigPages.length} pages on both datasets…`);
  const load0 = loadavg();
  let cpu0 = cpuSnapshot();
  for (let round = 0; round < rounds; round++) {
    if (round === warmups) cpu0 = cpuSnapshot();
    const r0 = performance.now();
    for (let k = 0; k < bigPages.length; k++) {
      const entry = bigPages[(k + round) % bigPages.length];
      const smallEntry = smallPages.get(entry.name) ?? entry;
      // Alternate which dataset goes first, so neither always finds the machine in the other's wake.
      const order = round % 2 === 0 ? ['big', 'small'] : ['small', 'big'];
      const result = {};
      for (const which of order) {
        result[which] = await loadOnce(datasets[which], which === 'big' ? entry : smallEntry);
      }
      if (round < warmups) continue;
      const bucket = loads.get(entry.name);
      bucket.big.push(result.big);
      bucket.small.push(result.small);
      if (!result.big.error && !result.small.error) bucket.ratios.push(result.big.ms / result.small.ms);
    }
    log(
      `  round ${round + 1}/${rounds}${round < warmups ? ' (warm-up)' : ''} in ${fmt((performance.now() - r0) / 1000, 1)} s`,
    );
  }
  const cpu = cpuBetween(cpu0, cpuSnapshot());
  measured = {
    cpu,
    loadavg: { before: load0, after: loadavg() },
    pages: bigPages.map((p) => {
      const bucket = loads.get(p.name);
      return {
        name: p.name,
        path: p.path,
        action: p.action?.button ?? null,
        big: summarise(bucket.big),
        small: summarise(bucket.small),
        ratio: median(bucket.ratios),
      };
    }),
    chromium: browser.version(),
  };
} finally {
  await browser?.close();
  for (const s of servers) await s.close();
}

// ---- report --------------------------------------------------------------------------------------------

function table(header, rows, leftColumns = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (i < leftColumns ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 1024 ** 3, 1)} GiB, Node ${process.version}, Chromium ${measured.chromium}`;
const totalSeconds = (performance.now() - runStarted) / 1000;
const out = [];
out.push(`Dashboard benchmark — ${machine}`);
out.push(`command: npm run bench:dashboard -- ${args.join(' ')}`.trimEnd());
if (waitedSeconds > 0) out.push(`waited ${fmt(waitedSeconds)} s for other benchmarks to finish`);
for (const d of Object.values(datasets)) {
  const m = d.prepared.meta;
  const data =
    m.data.source === 'copied'
      ? `copied from bench/query (${fmt(m.data.megabytes)} MB in ${fmt(m.data.copySeconds, 1)} s)`
      : `generated (${fmt(m.data.items)} items in ${fmt(m.data.loadSeconds, 1)} s, ${fmt(m.data.itemsPerSecond)} items/s)`;
  out.push(
    `\n${d.name}: ${fmt(m.interactions)} interactions, ${fmt(m.signals)} signals, ${fmt(m.bytes / 1024 ** 2)} MB; ${data}${d.prepared.cached ? ' — prepared in an earlier run, figures from then' : ''}`,
  );
  out.push(
    `  migrations on opening: ${m.migration.applied.length ? m.migration.applied.join(', ') : 'none pending'} in ${fmt(m.migration.seconds, 1)} s`,
  );
  const s = m.screening;
  out.push(
    `  screening: the pass screened ${fmt(s.screened)} signals in ${fmt(s.passSeconds, 1)} s${s.finished ? '' : `, then ${fmt(s.markedByUpdate)} were marked screened by one UPDATE in ${fmt(s.markSeconds, 1)} s`}`,
  );
  const t = m.themes;
  out.push(
    `  themes run (last ${t.days} days): ${t.runId ? `${fmt(t.poolSize)} items, ${t.k} themes, ${fmt(t.noise)} noise` : `none stored: ${t.skipped}`} in ${fmt(t.seconds, 1)} s (${t.steps.map((x) => `${x.step} @${fmt(x.at, 1)} s`).join(', ')})`,
  );
  out.push(
    `  release notes: ${m.releaseNotes.drafted} drafted of ${m.releaseNotes.tests} tests in ${fmt(m.releaseNotes.seconds, 1)} s; server started in ${fmt(d.startSeconds, 1)} s`,
  );
}
const bigLabel = fmt(datasets.big.prepared.params.interactions);
const smallLabel = fmt(datasets.small.prepared.params.interactions);
out.push(
  `\n${runs} loads per page and dataset after ${warmups} warm-up; p95 is nearest-rank${runs < 20 ? ` (with ${runs} runs, the slowest)` : ''}; ratio = median of per-round ratios;\n"app start" = when the page sent its first API request (loading and starting the app); "server ms" = the server's own time for the page's requests, summed (they run one after another on its event loop).`,
);
out.push(
  table(
    [
      'page',
      `${bigLabel} p50`,
      'p95',
      'max',
      `${smallLabel} p50`,
      'ratio',
      '< 1 s (p95)',
      'app start',
      'API calls',
      'server ms',
      'slowest API request: p50 ms (server ms)',
    ],
    measured.pages.map((p) => {
      const slow = p.big.requests[0];
      const failed = p.big.errors.length > 0;
      return [
        p.name,
        ms(p.big.p50),
        ms(p.big.p95),
        ms(p.big.max),
        ms(p.small.p50),
        fmt(p.ratio, 1),
        failed ? `${p.big.errors.length} failed` : p.big.p95 < TARGET_MS ? 'yes' : 'NO',
        ms(p.big.firstApiP50),
        fmt(p.big.requestsPerLoad),
        fmt(p.big.serverMsPerLoad),
        slow ? `${slow.label}: ${ms(slow.p50Ms)} (${ms(slow.serverP50Ms)})` : '—',
      ];
    }),
  ),
);
out.push('\nAPI requests per page (large dataset; p50 in Chromium, p50 on the server):');
for (const p of measured.pages) {
  out.push(
    `  ${p.name}: ${p.big.requests.map((r) => `${r.label} ${ms(r.p50Ms)} (${ms(r.serverP50Ms)})`).join('; ') || 'none'}`,
  );
  for (const e of new Set([...p.big.errors, ...p.small.errors])) out.push(`    error: ${e}`);
}
out.push(
  `\nCPU while measuring: machine ${fmt(measured.cpu.machineCores, 2)} cores busy, this benchmark (servers + Chromium + driver) ${fmt(measured.cpu.benchCores, 2)}, others ${fmt(measured.cpu.othersCores, 2)}; load average ${measured.loadavg.before.map((x) => x.toFixed(2)).join(' ')} → ${measured.loadavg.after.map((x) => x.toFixed(2)).join(' ')}`,
);
out.push(`total runtime: ${fmt(totalSeconds, 1)} s`);
console.log(out.join('\n'));

const round = (n, d = 1) => (Number.isFinite(n) ? Number(n.toFixed(d)) : null);
const pageJson = (s) => ({
  p50Ms: round(s.p50),
  p95Ms: round(s.p95),
  maxMs: round(s.max),
  minMs: round(s.min),
  runs: s.runs,
  errors: s.errors,
  firstApiP50Ms: round(s.firstApiP50),
  requestsPerLoad: s.requestsPerLoad,
  serverMsPerLoad: round(s.serverMsPerLoad),
  requests: s.requests.map((r) => ({ ...r, p50Ms: round(r.p50Ms), serverP50Ms: round(r.serverP50Ms) })),
});
console.log(
  JSON.stringify({
    bench: 'dashboard',
    quick,
    machine,
    runs,
    warmups,
    totalSeconds: round(totalSeconds),
    waitedSeconds,
    datasets: Object.values(datasets).map((d) => ({
      name: d.name,
      scale: d.name === 'big' ? scale : baselineScale,
      cached: d.prepared.cached,
      ...d.prepared.meta,
    })),
    cpu: Object.fromEntries(Object.entries(measured.cpu).map(([k, v]) => [k, round(v, 2)])),
    pages: measured.pages.map((p) => ({
      name: p.name,
      path: p.path,
      action: p.action,
      meetsTarget: p.big.errors.length === 0 && p.big.p95 < TARGET_MS,
      ratio: round(p.ratio, 2),
      big: pageJson(p.big),
      small: pageJson(p.small),
    })),
  }),
);
