/**
 * The core of every ingestion route: validate each item on its own, store the valid ones in one write,
 * and answer one result per item in the order received (interactions first).
 */
import {
  FeedloopError,
  type InteractionRecord,
  type ItemError,
  type ItemResult,
  type SignalRecord,
  type Validated,
  validateInteraction,
  validateSignal,
} from '@feedloop/core';
import type { Store, WriteStatus } from '@feedloop/store';

function idOf(item: unknown): string | null {
  if (typeof item === 'object' && item !== null && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return null;
}

function validateAll<T>(
  items: unknown[],
  name: string,
  validate: (item: unknown, prefix: string, now: number) => Validated<T>,
  now: number,
): Array<Validated<T>> {
  return items.map((item, index) => validate(item, `${name}[${index}]`, now));
}

function merge<T>(items: unknown[], checked: Array<Validated<T>>, statuses: WriteStatus[]): ItemResult[] {
  let next = 0;
  return checked.map((result, index) => {
    const id = idOf(items[index]);
    if (!result.ok) return { id, status: 'invalid', errors: result.errors };
    return { id, status: statuses[next++] ?? 'duplicate' };
  });
}

/**
 * A per-signal check beyond the item's own shape (feedback tokens, for public keys): returns the error that
 * makes the item `invalid`, or null. The raw item is passed because what it checks (`token`) is never
 * part of the stored record.
 */
export type SignalGate = (item: unknown, record: SignalRecord, field: string, now: number) => Promise<ItemError | null>;

async function applyGate(
  gate: SignalGate,
  items: unknown[],
  checked: Array<Validated<SignalRecord>>,
  now: number,
): Promise<Array<Validated<SignalRecord>>> {
  try {
    return await Promise.all(
      checked.map(async (result, index) => {
        if (!result.ok) return result;
        const error = await gate(items[index], result.record, `signals[${index}].token`, now);
        return error ? { ok: false as const, errors: [error] } : result;
      }),
    );
  } catch (cause) {
    // The gate reads keys and settings (cached); when the database cannot answer, nothing is stored.
    throw new FeedloopError('FL_UNAVAILABLE', 'The database did not answer; nothing from this request was stored.', {
      cause,
    });
  }
}

const valid = <T>(checked: Array<Validated<T>>): T[] => checked.flatMap((r) => (r.ok ? [r.record] : []));

export async function ingestItems(
  store: Store,
  projectId: string,
  interactions: unknown[],
  signals: unknown[],
  gate?: SignalGate,
  /** The browser's User-Agent, for requests made with a public key: the abuse filter reads it. */
  browserUserAgent?: string,
): Promise<ItemResult[]> {
  const now = Date.now();
  const checkedInteractions = validateAll<InteractionRecord>(interactions, 'interactions', validateInteraction, now);
  const shaped = validateAll<SignalRecord>(signals, 'signals', validateSignal, now);
  const checkedSignals = gate ? await applyGate(gate, signals, shaped, now) : shaped;
  const batch = { interactions: valid(checkedInteractions), signals: valid(checkedSignals) };
  if (browserUserAgent) {
    for (const record of batch.signals) {
      if (record.metadata.userAgent === undefined)
        record.metadata = { ...record.metadata, userAgent: browserUserAgent };
    }
  }
  let outcome = { interactions: [] as WriteStatus[], signals: [] as WriteStatus[] };
  if (batch.interactions.length + batch.signals.length > 0) {
    try {
      outcome = await store.ingest(projectId, batch, now);
    } catch (cause) {
      throw new FeedloopError(
        'FL_UNAVAILABLE',
        'The database did not accept the write; nothing from this request was stored. Retry.',
        { cause },
      );
    }
  }
  return [
    ...merge(interactions, checkedInteractions, outcome.interactions),
    ...merge(signals, checkedSignals, outcome.signals),
  ];
}

/** For the single-item routes: a bad item is a bad request, answered 400 with its fields. */
export function throwIfInvalid(result: ItemResult | undefined): ItemResult {
  if (!result) throw new FeedloopError('FL_INTERNAL', 'No result for the item.');
  if (result.status === 'invalid') {
    throw new FeedloopError('FL_VALIDATION', 'The item is malformed.', {
      details: result.errors ? [...result.errors] : [],
    });
  }
  return result;
}
