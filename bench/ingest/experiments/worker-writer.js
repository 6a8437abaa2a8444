/**
 * EXPERIMENT ONLY — the write path in a worker thread. The worker owns the write connection and runs the
 * same group commit (experiments/writer.js) on its own event loop; the main thread only parses, validates
 * and answers HTTP. While the worker waits for COMMIT's fsync, the main thread keeps reading requests,
 * so the next group commit is bigger, and parsing/validation use the second core. A 2xx is still sent
 * only after the commit that holds the request's rows.
 *
 * Main side: `new WorkerWriter(filename, pragmas, writerOptions)`, then `write(projectId, batch, receivedAt)`.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export class WorkerWriter {
  #worker;
  #next = 0;
  /** @type {Map<number, { resolve: (v: any) => void, reject: (e: unknown) => void }>} */
  #pending = new Map();
  /** @type {any} */
  stats = null;

  /**
   * @param {string} filename
   * @param {string[]} pragmas
   * @param {{ dimensionCache?: boolean }} writerOptions
   */
  constructor(filename, pragmas, writerOptions) {
    this.#worker = new Worker(new URL(import.meta.url), { workerData: { filename, pragmas, writerOptions } });
    this.#worker.unref();
    this.#worker.on('message', (/** @type {any} */ message) => {
      if (message.stats) {
        this.stats = message.stats;
        return;
      }
      const job = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (!job) return;
      if (message.error) job.reject(new Error(message.error));
      else job.resolve(message.outcome);
    });
  }

  /** @param {string} projectId @param {any} batch @param {number} receivedAt */
  write(projectId, batch, receivedAt) {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, projectId, batch, receivedAt });
    });
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const [{ default: BetterSqlite3 }, { ExperimentalWriter }] = await Promise.all([
    import('better-sqlite3'),
    import('./writer.js'),
  ]);
  const { filename, pragmas, writerOptions } = workerData;
  const db = new BetterSqlite3(filename);
  for (const pragma of pragmas) db.pragma(pragma);
  const writer = new ExperimentalWriter(db, writerOptions);
  port.on('message', (/** @type {any} */ message) => {
    writer.write(message.projectId, message.batch, message.receivedAt).then(
      (outcome) => port.postMessage({ id: message.id, outcome }),
      (error) => port.postMessage({ id: message.id, error: String(error) }),
    );
  });
  setInterval(() => port.postMessage({ stats: { ...writer.stats } }), 100).unref();
}
