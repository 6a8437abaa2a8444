/**
 * EXPERIMENT ONLY — store variants for `npm run bench:ingest -- --variant=<name>`, to measure proposed
 * changes to the write path side by side with the real one, without editing the store. Every variant but
 * `no-write` runs the experimental copy of the writer (writer.js) on its own connection to the same file,
 * with the store's pragmas; `control` is that copy unchanged, the baseline for the others.
 *
 *   control          the copied writer as it is (should match the real store)
 *   dimension-cache  interaction dimensions remembered across requests
 *   checkpoint-10k   wal_autocheckpoint = 10000 pages instead of SQLite's 1000
 *   checkpoint-50k   wal_autocheckpoint = 50000 pages
 *   checkpoint-thread  no checkpoint in any COMMIT: a thread checkpoints (PASSIVE) every 200 ms (checkpointer.js)
 *   checkpoint-10k+cache  checkpoint-10k and dimension-cache together
 *   worker           the copied writer in a worker thread (worker-writer.js): fsync no longer blocks HTTP
 *   worker+cache     worker and dimension-cache together
 *   sync-normal      synchronous = NORMAL: NOT a proposal (it breaks "2xx = on disk"); measures fsync's share
 *   no-write         ingest answers `created` without writing: the HTTP/validation ceiling (no durability check)
 */
import { SqliteStore } from '@feedloop/store';
import BetterSqlite3 from 'better-sqlite3';
import { startCheckpointer } from './checkpointer.js';
import { WorkerWriter } from './worker-writer.js';
import { ExperimentalWriter } from './writer.js';

/**
 * @type {Record<string, { writer?: { dimensionCache?: boolean }, pragmas?: string[], noWrite?: boolean,
 *   worker?: boolean, checkpointThread?: boolean }>}
 */
export const VARIANTS = {
  control: {},
  'dimension-cache': { writer: { dimensionCache: true } },
  worker: { worker: true },
  'worker+cache': { worker: true, writer: { dimensionCache: true } },
  'checkpoint-10k': { pragmas: ['wal_autocheckpoint = 10000'] },
  'checkpoint-50k': { pragmas: ['wal_autocheckpoint = 50000'] },
  'checkpoint-thread': { pragmas: ['wal_autocheckpoint = 0'], checkpointThread: true },
  'checkpoint-10k+cache': { pragmas: ['wal_autocheckpoint = 10000'], writer: { dimensionCache: true } },
  'sync-normal': { pragmas: ['synchronous = NORMAL'] },
  'no-write': { noWrite: true },
};

/**
 * @param {string} name
 * @param {string} filename
 */
export function createStore(name, filename) {
  const variant = VARIANTS[name];
  if (!variant) throw new Error(`unknown variant ${name}; one of ${Object.keys(VARIANTS).join(', ')}`);
  const store = new SqliteStore({ filename });
  /** @type {ExperimentalWriter | WorkerWriter | undefined} */
  let writer;
  const pragmas = [
    'journal_mode = WAL',
    'synchronous = FULL',
    'busy_timeout = 5000',
    'cache_size = -131072',
    'temp_store = MEMORY',
    ...(variant.pragmas ?? []),
  ];
  /** @type {import('@feedloop/store').Store['ingest']} */
  store.ingest = (projectId, batch, receivedAt) => {
    if (variant.noWrite) {
      return Promise.resolve({
        interactions: batch.interactions.map(() => 'created'),
        signals: batch.signals.map(() => 'created'),
      });
    }
    if (!writer && variant.worker) {
      writer = new WorkerWriter(filename, pragmas, variant.writer ?? {});
    } else if (!writer) {
      const db = new BetterSqlite3(filename);
      for (const pragma of pragmas) db.pragma(pragma);
      writer = new ExperimentalWriter(db, variant.writer);
      if (variant.checkpointThread) startCheckpointer(filename, 200);
    }
    return writer.write(projectId, batch, receivedAt);
  };
  return { store, stats: () => (writer?.stats ? { ...writer.stats } : null) };
}
