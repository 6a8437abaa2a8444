/**
 * A deterministic stream of ingestion batches for end-to-end tests, a ledger of what the server
 * acknowledged, and the rollups the stored data should add up to (computed here, from what was sent,
 * never from the database under test).
 */
import { interaction, signal } from './fixtures.js';

const HOUR_MS = 3_600_000;
const BASE = Date.parse('2026-11-20T08:00:00Z');

export interface WireInteraction extends Record<string, unknown> {
  id: string;
  createdAt: string;
  tenant: string;
  model: string;
}

export interface WireSignal extends Record<string, unknown> {
  id: string;
  interactionId: string;
  type: 'thumbs' | 'rating' | 'copy';
  value?: number;
  createdAt: string;
}

export interface Batch {
  index: number;
  interactions: WireInteraction[];
  signals: WireSignal[];
}

export interface StreamOptions {
  interactionsPerBatch?: number;
  signalsPerBatch?: number;
  /** How many of each batch's signals are about the next batch's first interaction (sent before it). */
  earlySignalsPerBatch?: number;
}

const at = (ms: number) => new Date(ms).toISOString();

/**
 * Batch `k` holds interactions `<prefix>-i-k-j` and signals `<prefix>-s-k-j`: thumbs, ratings and copies
 * about its own interactions, plus a few about batch k+1's first interaction, which arrive before it.
 * Tenants, models and times (over three hourly buckets) vary, so rollups must attribute each signal to
 * its interaction's dimensions.
 */
export function batchStream(prefix: string, options: StreamOptions = {}): (k: number) => Batch {
  const perBatch = options.interactionsPerBatch ?? 3;
  const signalsPerBatch = options.signalsPerBatch ?? 20;
  const early = options.earlySignalsPerBatch ?? 2;
  const interactionId = (k: number, j: number) => `${prefix}-i-${k}-${j}`;
  const cache = new Map<number, Batch>();
  return (k) => {
    const hit = cache.get(k);
    if (hit) return hit;
    const interactions = Array.from({ length: perBatch }, (_, j) => {
      const n = k * perBatch + j;
      return interaction({
        id: interactionId(k, j),
        createdAt: at(BASE + (n % 7) * 25 * 60_000),
        tenant: `tenant-${n % 3}`,
        model: `model-${n % 2}`,
      }) as WireInteraction;
    });
    const signals = Array.from({ length: signalsPerBatch }, (_, j) => {
      const about = j < early ? interactionId(k + 1, 0) : interactionId(k, j % perBatch);
      const createdAt = at(BASE + ((k + j) % 11) * 13 * 60_000);
      const id = `${prefix}-s-${k}-${j}`;
      switch (j % 3) {
        case 0:
          return signal(about, { id, type: 'thumbs', value: [1, -1, 0][(k + j) % 3], createdAt }) as WireSignal;
        case 1:
          return signal(about, { id, type: 'rating', value: 1 + ((k + j) % 5), createdAt }) as WireSignal;
        default:
          return signal(about, { id, type: 'copy', kind: 'implicit', value: undefined, createdAt }) as WireSignal;
      }
    });
    const batch = { index: k, interactions, signals };
    cache.set(k, batch);
    return batch;
  };
}

export type Status = 'created' | 'duplicate';

/** Every answer the server gave, per item id. */
export class Ledger {
  readonly created = new Map<string, number>();
  readonly duplicate = new Map<string, number>();
  /** Problems seen in 200 answers (wrong order, invalid items); a correct server leaves this empty. */
  readonly anomalies: string[] = [];

  /** Records a 200 answer to `sent` (interactions first, then signals, in order). */
  record(sent: { interactions?: Array<{ id: string }>; signals?: Array<{ id: string }> }, body: unknown): void {
    const items = [...(sent.interactions ?? []), ...(sent.signals ?? [])];
    const results = (body as { results?: Array<{ id: string; status: string }> } | undefined)?.results;
    if (!Array.isArray(results) || results.length !== items.length) {
      this.anomalies.push(`expected ${items.length} results, got ${JSON.stringify(body).slice(0, 200)}`);
      return;
    }
    results.forEach((result, i) => {
      const id = items[i]!.id;
      if (result.id !== id) this.anomalies.push(`result ${i} is for ${result.id}, expected ${id}`);
      if (result.status === 'created' || result.status === 'duplicate') {
        const map = result.status === 'created' ? this.created : this.duplicate;
        map.set(id, (map.get(id) ?? 0) + 1);
      } else {
        this.anomalies.push(`${id}: ${result.status} ${JSON.stringify(result)}`);
      }
    });
  }

  acknowledged(id: string): boolean {
    return this.created.has(id) || this.duplicate.has(id);
  }

  /** How many answers for `id` said `status`. */
  count(id: string, status: Status): number {
    return (status === 'created' ? this.created : this.duplicate).get(id) ?? 0;
  }
}

export interface RollupFigure {
  count: number;
  sum: number;
}

/** `bucket|tenant|model|metric|valueKey` → count and value sum, as the rollups table should hold them. */
export type RollupTotals = Record<string, RollupFigure>;

const bucketOf = (iso: string | number) => {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
};

function add(totals: RollupTotals, key: string, value: number): void {
  const figure = totals[key] ?? { count: 0, sum: 0 };
  figure.count += 1;
  figure.sum += value;
  totals[key] = figure;
}

/**
 * What the rollups should say for these stored items: one `$interaction` per interaction, and one count
 * per signal whose interaction is stored, under that interaction's tenant and model.
 */
export function expectedRollups(interactions: WireInteraction[], signals: WireSignal[]): RollupTotals {
  const totals: RollupTotals = {};
  const byId = new Map(interactions.map((i) => [i.id, i]));
  for (const i of interactions) add(totals, `${bucketOf(i.createdAt)}|${i.tenant}|${i.model}|$interaction|`, 0);
  for (const s of signals) {
    const owner = byId.get(s.interactionId);
    if (!owner) continue;
    const valueKey = s.type === 'copy' ? '' : String(s.value);
    add(totals, `${bucketOf(s.createdAt)}|${owner.tenant}|${owner.model}|${s.type}|${valueKey}`, s.value ?? 0);
  }
  return sortKeys(totals);
}

/** The rollups table's rows (any extra dimensions summed over), in the same shape. */
export function rollupTotals(
  rows: Array<{
    bucket_start: number | string;
    tenant: string;
    model: string;
    metric: string;
    value_key: string;
    count: number | string;
    value_sum: number | string;
  }>,
): RollupTotals {
  const totals: RollupTotals = {};
  for (const r of rows) {
    const key = `${Number(r.bucket_start)}|${r.tenant}|${r.model}|${r.metric}|${r.value_key}`;
    const figure = totals[key] ?? { count: 0, sum: 0 };
    figure.count += Number(r.count);
    figure.sum += Number(r.value_sum);
    totals[key] = figure;
  }
  return sortKeys(totals);
}

function sortKeys(totals: RollupTotals): RollupTotals {
  return Object.fromEntries(Object.entries(totals).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}
