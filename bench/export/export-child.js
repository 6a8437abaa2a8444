/**
 * One export in its own process, so its memory is measured alone: opens the SQLite file, runs
 * `exportToFile`, samples resident memory on every page and every 50 ms, and reports over IPC. Started
 * with --expose-gc, it also forces a collection at 10%, 50% and the end and records the live JS heap
 * then: resident memory includes garbage not yet collected and SQLite's page cache (bounded by its
 * cache_size), the live heap after a collection is what the export actually retains.
 * argv: <db file> <project id> <kind> <format> <out file>
 */
import { exportToFile } from '@feedloop/services';
import { SqliteStore } from '@feedloop/store';

const [dbFile, projectId, kind, format, out] = process.argv.slice(2);
const mb = (bytes) => bytes / 1024 / 1024;

const store = new SqliteStore({ filename: dbFile });
await store.migrate();
const samples = []; // [fraction done, rss MB]
let total = 1;
let done = 0;
const sample = () => samples.push([done / total, mb(process.memoryUsage.rss())]);
/** Live JS heap (MB) after a forced collection, at 10%, 50% and the end. */
const liveHeap = {};
const checkpoint = (name) => {
  if (typeof globalThis.gc !== 'function' || name in liveHeap) return;
  globalThis.gc();
  liveHeap[name] = mb(process.memoryUsage().heapUsed);
};
const timer = setInterval(sample, 50);
const startRss = mb(process.memoryUsage.rss());
const started = performance.now();
const manifest = await exportToFile(
  store,
  {
    projectId,
    kind,
    format,
    filters: {},
    maxPerUser: null,
    dedupe: true,
    asOf: Date.now(),
    invocation: { command: `bench export ${kind} ${format}` },
  },
  out,
  {
    onTotal: (n) => {
      total = Math.max(1, n);
    },
    onProgress: ({ scanned }) => {
      done = scanned;
      sample();
      if (scanned >= total * 0.1) checkpoint('at10');
      if (scanned >= total * 0.5) checkpoint('at50');
    },
  },
);
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
sample();
checkpoint('end');
await store.close();

/** The highest RSS seen up to a fraction of the export. */
const rssAt = (fraction) => Math.max(...samples.filter(([f]) => f <= fraction).map(([, r]) => r), startRss);
process.send?.({
  op: 'result',
  kind,
  format,
  interactions: manifest.counts.interactionsScanned,
  lines: manifest.counts.written,
  seconds,
  startRss,
  rssAt10: rssAt(0.1),
  rssAt50: rssAt(0.5),
  peakRss: Math.max(startRss, ...samples.map(([, r]) => r)),
  liveHeap,
  redactions: manifest.redaction.total,
  bySource: Object.fromEntries(Object.entries(manifest.counts.bySource).map(([s, c]) => [s, c.written])),
  skipped: manifest.counts.skippedByReason,
});
