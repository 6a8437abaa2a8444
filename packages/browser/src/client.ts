import { backoff } from './backoff.js';
import { FeedloopError } from './errors.js';
import type { InitOptions, Platform, SignalKind, WireSignal } from './types.js';
import { uuidv7 } from './uuid.js';

/** The most signals kept while they wait for an acknowledgement; the oldest go first. */
export const MAX_QUEUE = 500;
/** A batch this size is sent at once instead of waiting for the interval. */
export const BATCH_SIZE = 20;
/** Signals per request; also keeps a beacon under the browsers' 64 KiB in-flight limit. */
const MAX_PER_REQUEST = 50;
/** Signals not yet acknowledged are kept in localStorage under this prefix, one key per page. */
export const QUEUE_PREFIX = 'feedloop:q:';

interface ItemResult {
  id: string;
  status: string;
}

export interface Client {
  track(kind: SignalKind | undefined, type: string, id: string, value?: unknown, meta?: Record<string, unknown>): void;
  /** Sends everything queued; rejects with a FeedloopError when something could not be delivered. */
  flush(): Promise<void>;
  /** The page is going away: hand the queue to the browser (beacon), keep it persisted until acknowledged. */
  beacon(): void;
  /** Back online: retry now rather than after the backoff. */
  retryNow(): void;
  /** Consent withdrawn: forget everything queued. */
  drop(): void;
}

/**
 * Delivery: a bounded queue persisted until the server acknowledges each signal, sent in batches.
 * Each page writes its own key, so tabs never overwrite each other; a new page adopts every key it
 * finds (a reload, a closed or crashed tab) — if that tab is still alive both send, which is safe
 * because the server dedupes by id. `options` is read on every signal, so a second `init` that
 * updates it changes who is speaking.
 */
export function createClient(
  platform: Platform,
  options: InitOptions,
  tokens: Record<string, string>,
  report: (error: FeedloopError) => void,
): Client {
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/batch`;
  const key = QUEUE_PREFIX + uuidv7(platform.now());
  const interval = options.flushIntervalMs ?? 2000;
  const body = (signals: readonly WireSignal[]) => JSON.stringify({ publicKey: options.publicKey, signals });
  let items: WireSignal[] = [];
  /** The pending send or retry; 0 when none (timer handles are positive). */
  let timer: unknown = 0;
  let attempt = 0;
  let inflight: Promise<void> | undefined;

  const save = (next: WireSignal[]) => {
    items = next;
    platform.store(key, next.length ? JSON.stringify(next) : null);
  };
  const add = (list: WireSignal[]) => {
    // One entry per id (a signal restored from two pages' keys), in queue order.
    const next = [...new Map([...items, ...list].map((s) => [s.id, s])).values()];
    const over = next.length - MAX_QUEUE;
    save(next.slice(-MAX_QUEUE));
    if (over > 0) report(new FeedloopError('QUEUE_FULL', `dropped ${over}`));
  };
  const remove = (ids: ReadonlySet<string>) => save(items.filter((s) => !ids.has(s.id)));

  const stopTimer = () => {
    platform.clearTimeout(timer);
    timer = 0;
  };
  const later = (ms: number) => {
    if (!timer && items.length) {
      timer = platform.setTimeout(() => {
        timer = 0;
        // Failures were already turned into a scheduled retry or an error event.
        flush().catch(() => {});
      }, ms);
    }
  };
  const retry = (message: string, detail?: unknown) => {
    stopTimer();
    later(backoff(attempt++, platform.random));
    return new FeedloopError('RETRYING', message, detail);
  };

  async function deliver(): Promise<void> {
    const batch = items.slice(0, MAX_PER_REQUEST);
    const response = await platform.post(url, body(batch)).catch((cause) => {
      throw retry('network', cause);
    });
    const { status } = response;
    if (status === 408 || status === 429 || status >= 500) throw retry(`HTTP ${status}`);
    if (status >= 300) {
      remove(new Set(batch.map((s) => s.id)));
      const error = new FeedloopError('REQUEST_REJECTED', `HTTP ${status}`, batch);
      report(error);
      throw error;
    }
    const done = new Set<string>();
    try {
      for (const r of ((await response.json()) as { results: ItemResult[] }).results) {
        done.add(r.id);
        if (r.status === 'invalid') report(new FeedloopError('ITEM_INVALID', r.id, r));
      }
    } catch {}
    // An answer that acknowledges nothing would make `flush` loop forever: treat it as a failure.
    if (!batch.some((s) => done.has(s.id))) throw retry('no ack');
    attempt = 0;
    remove(done);
  }

  async function flush(): Promise<void> {
    stopTimer();
    while (items.length) {
      inflight ??= deliver().finally(() => {
        inflight = undefined;
      });
      await inflight;
    }
  }

  // Adopt what earlier pages left behind. Their keys are removed only after `add` saved the items under
  // ours, so a crash in between loses nothing; a corrupt entry cannot be delivered, so it is dropped
  // rather than failing every page load.
  for (const [k, v] of platform.entries()) {
    if (k.startsWith(QUEUE_PREFIX)) {
      try {
        add(JSON.parse(v) as WireSignal[]);
      } catch {}
      platform.store(k, null);
    }
  }
  // …and it goes out soon.
  later(0);

  return {
    track(kind, type, interactionId, value, metadata) {
      const now = platform.now();
      // One session per page unless the host names it.
      options.session ??= uuidv7(now);
      add([
        {
          id: uuidv7(now),
          interactionId,
          kind,
          type,
          value,
          userId: options.user,
          sessionId: options.session,
          createdAt: new Date(now).toISOString(),
          metadata,
          token: tokens[interactionId],
        },
      ]);
      // A full batch goes now, unless a retry is already waiting for the server to recover.
      const urgent = items.length >= BATCH_SIZE && !attempt;
      if (urgent) stopTimer();
      later(urgent ? 0 : interval);
    },
    flush,
    beacon() {
      for (let i = 0; i < items.length; i += MAX_PER_REQUEST) {
        const text = body(items.slice(i, i + MAX_PER_REQUEST));
        if (!platform.beacon(url, text)) platform.post(url, text, true).catch(() => {});
      }
      // Still queued and persisted: re-sent (and deduped) here or by the next page until acknowledged.
      later(interval);
    },
    retryNow() {
      attempt = 0;
      stopTimer();
      later(0);
    },
    drop() {
      stopTimer();
      save([]);
    },
  };
}
