/** Writes the synthetic demo history into a project through the same `store.ingest` the API uses. */
import type { Store } from '@feedloop/store';
import { type DemoHistoryOptions, demoRange, generateDemoHistory } from './demo-history.js';

export interface DemoLoadProgress {
  interactions: number;
  signals: number;
  /** How far through the history's time range the load is, 0 to 1. */
  fraction: number;
}

export interface DemoLoadSummary {
  interactions: number;
  signals: number;
  /** The time range the history covers (epoch ms, `to` exclusive). */
  from: number;
  to: number;
  elapsedMs: number;
}

/**
 * Generates the demo history and ingests it batch by batch, each batch one durable transaction.
 *
 * @example
 * const summary = await loadDemoHistory(store, project.id, { scale: 0.5 }, (p) => console.log(p.fraction));
 */
export async function loadDemoHistory(
  store: Store,
  projectId: string,
  options: DemoHistoryOptions = {},
  onProgress?: (progress: DemoLoadProgress) => void,
): Promise<DemoLoadSummary> {
  const started = Date.now();
  const { from, to } = demoRange(options);
  // Pin `now` so the range reported is the range generated, however long the load takes.
  const pinned = { ...options, now: to };
  const done = { interactions: 0, signals: 0, fraction: 0 };
  for (const batch of generateDemoHistory(pinned)) {
    await store.ingest(projectId, batch, Date.now());
    done.interactions += batch.interactions.length;
    done.signals += batch.signals.length;
    const latest = batch.interactions.reduce((max, i) => Math.max(max, i.createdAt), from);
    done.fraction = Math.max(done.fraction, Math.min(1, (latest - from) / (to - from)));
    onProgress?.({ ...done });
  }
  onProgress?.({ ...done, fraction: 1 });
  return { interactions: done.interactions, signals: done.signals, from, to, elapsedMs: Date.now() - started };
}
