/**
 * EXPERIMENT ONLY — WAL checkpoints on their own thread. The writer connection runs with
 * `wal_autocheckpoint = 0`, so no COMMIT ever pays for a checkpoint; this worker thread opens its own
 * connection to the same file and runs `PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs` (PASSIVE never
 * blocks the writer; it copies what it can and the writer keeps appending). Durability is unchanged: every
 * COMMIT is still fsynced to the WAL (synchronous = FULL) before its 2xx; a checkpoint only moves committed
 * pages from the WAL into the database file.
 *
 * Main side: `startCheckpointer(filename, intervalMs)`.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** @param {string} filename @param {number} intervalMs */
export function startCheckpointer(filename, intervalMs) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { filename, intervalMs } });
  worker.unref();
  return worker;
}

if (!isMainThread && parentPort) {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const { filename, intervalMs } = workerData;
  const db = new BetterSqlite3(filename);
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = FULL');
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  setInterval(() => checkpoint.get(), intervalMs);
}
