/**
 * `npm run bench:export [-- --quick] [-- --interactions=N]`
 *
 * Generates N interactions (default 1,000,000; 100,000 with --quick) with their signals into a fresh
 * SQLite store through `store.ingest` in large batches, then runs SFT (openai), DPO (trl) and KTO (trl)
 * exports, each in its own process, and reports for each: interactions scanned per second, lines
 * written per second, and resident memory — at the start, by 10% and 50% of the export, and the peak.
 * Constant memory means the peak does not grow with the size of the export: compare the growth from
 * 50% to the end (should be ~0) and the peak of a --quick run with a full one.
 *
 * Prints a table, then, as its very last line, one JSON object with every figure. Imports the BUILT
 * packages: run `npm run build` first.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeBatch } from './workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const requested = args.find((a) => a.startsWith('--interactions='))?.slice('--interactions='.length);
const N = requested ? Number(requested) : quick ? 100_000 : 1_000_000;
const BATCH = 5_000;
const EXPORTS = [
  ['sft', 'openai'],
  ['dpo', 'trl'],
  ['kto', 'trl'],
];

for (const pkg of ['core', 'store', 'services']) {
  if (!existsSync(join(root, 'packages', pkg, 'dist', 'index.js'))) {
    console.error(`packages/${pkg}/dist is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

const { SqliteStore, createProject } = await import('@feedloop/store');

const dir = mkdtempSync(join(tmpdir(), 'feedloop-bench-export-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const dbFile = join(dir, 'feedloop.db');

// 1. Generate.
const store = new SqliteStore({ filename: dbFile });
await store.migrate();
const { id: projectId } = await createProject(store.db, { name: 'bench' });
const prompts = Math.max(10, Math.floor(N / 5)); // each prompt asked ~5 times
let signalCount = 0;
const genStart = performance.now();
for (let from = 0; from < N; from += BATCH) {
  const batch = makeBatch(from, Math.min(N, from + BATCH), prompts);
  signalCount += batch.signals.length;
  await store.ingest(projectId, batch, Date.now());
  if (process.stderr.isTTY) process.stderr.write(`\rgenerating ${Math.min(N, from + BATCH)}/${N}`);
}
const genSeconds = (performance.now() - genStart) / 1000;
await store.close();
if (process.stderr.isTTY) process.stderr.write('\n');
const dbMb = statSync(dbFile).size / 1024 / 1024;

// 2. Export, one process per export.
function runExport(kind, format) {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'export-child.js'), [dbFile, projectId, kind, format, join(dir, `${kind}.jsonl`)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--expose-gc'],
    });
    let result;
    child.on('message', (m) => {
      if (m.op === 'result') result = m;
    });
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`${kind} export exited with ${code}`))));
  });
}
const results = [];
for (const [kind, format] of EXPORTS) results.push(await runExport(kind, format));

// 3. Report.
const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 1024 ** 3, 1)} GiB, Node ${process.version}`;
console.log(`\nExport benchmark — ${fmt(N)} interactions, ${fmt(signalCount)} signals (SQLite, ${fmt(dbMb)} MB)`);
console.log(`machine: ${machine}`);
console.log(
  `generated in ${fmt(genSeconds, 1)} s (${fmt((N + signalCount) / genSeconds)} items/s through store.ingest)\n`,
);
const header = [
  'export',
  'lines',
  'seconds',
  'interactions/s',
  'lines/s',
  'RSS start',
  'RSS @10%',
  'RSS @50%',
  'RSS peak',
  '50%→end',
  'live heap 10%/50%/end',
];
const rows = results.map((r) => [
  `${r.kind} ${r.format}`,
  fmt(r.lines),
  fmt(r.seconds, 1),
  fmt(r.interactions / r.seconds),
  fmt(r.lines / r.seconds),
  `${fmt(r.startRss)} MB`,
  `${fmt(r.rssAt10)} MB`,
  `${fmt(r.rssAt50)} MB`,
  `${fmt(r.peakRss)} MB`,
  `${r.peakRss - r.rssAt50 >= 0 ? '+' : ''}${fmt(r.peakRss - r.rssAt50, 1)} MB`,
  `${fmt(r.liveHeap.at10 ?? 0, 1)} / ${fmt(r.liveHeap.at50 ?? 0, 1)} / ${fmt(r.liveHeap.end ?? 0, 1)} MB`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
for (const r of results) {
  console.log(
    `  ${r.kind}: by source ${JSON.stringify(r.bySource)}; skipped ${JSON.stringify(r.skipped)}; ${fmt(r.redactions)} redactions`,
  );
}
console.log(
  JSON.stringify({
    bench: 'export',
    quick,
    interactions: N,
    signals: signalCount,
    machine,
    generateSeconds: Number(genSeconds.toFixed(2)),
    exports: results.map((r) => ({
      kind: r.kind,
      format: r.format,
      lines: r.lines,
      seconds: Number(r.seconds.toFixed(2)),
      interactionsPerSecond: Math.round(r.interactions / r.seconds),
      linesPerSecond: Math.round(r.lines / r.seconds),
      rssStartMb: Math.round(r.startRss),
      rssAt10Mb: Math.round(r.rssAt10),
      rssAt50Mb: Math.round(r.rssAt50),
      rssPeakMb: Math.round(r.peakRss),
      rssGrowthAfterHalfMb: Number((r.peakRss - r.rssAt50).toFixed(1)),
      liveHeapMb: Object.fromEntries(Object.entries(r.liveHeap).map(([k, v]) => [k, Number(v.toFixed(1))])),
    })),
  }),
);
