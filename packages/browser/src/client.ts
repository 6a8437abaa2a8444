import { backoff } from './backoff.js';
import { FeedloopError } from './errors.js';
import { createQueue } from './queue.js';
import type { InitOptions, Platform, SignalKind, WireSignal } from './types.js';
import { uuidv7 } from './uuid.js';

/** The most signals kept while they wait for an acknowledgement; the oldest go first. */
export const MAX_QUEUE = 500;
/** A batch this size is sent at once instead of waiting for the interval. */
export const BATCH_SIZE = 20;
/** Signals per request; also keeps a beacon under the browsers' 64 KiB in-flight limit. */
const MAX_PER_REQUEST = 50;

interface ItemResult {
  id: string;
  status: string;
}

export interface Client {
  track(kind: SignalKind | undefined, type: string, id: string, value?: unknown, meta?: Record<string, unknown>): void;
  engaged(interactionId: string): boolean;
  /** Sends everything queued; rejects with a FeedloopError when something could not be delivered. */
  flush(): Promise<void>;
  /** The page is going away: hand the queue to the browser (beacon), keep it persisted until acknowledged. */
  beacon(): void;
  /** Back online: retry now rather than after the backoff. */
  retryNow(): void;
  /** Consent withdrawn: forget everything queued. */
  drop(): void;
  update(options: Partial<InitOptions>): void;
}

export function createClient(
  platform: Platform,
  options: InitOptions,
  tokens: Record<string, string>,
  report: (error: FeedloopError) => void,
): Client {
  const url = `${options.endpoint.replace(/\/+$/, '')}/v1/batch`;
  let user = options.user;
  let session = options.session ?? uuidv7(platform.now());
  const interval = options.flushIntervalMs ?? 2000;
  const engaged = new Set<string>();
  const queue = createQueue(platform, MAX_QUEUE, (n) => report(new FeedloopError('QUEUE_FULL', `dropped ${n} oldest`)));
  const body = (signals: readonly WireSignal[]) => JSON.stringify({ publicKey: options.publicKey, signals });
  let timer: unknown;
  let attempt = 0;
  let inflight: Promise<void> | undefined;

  const stopTimer = () => {
    platform.clearTimeout(timer);
    timer = undefined;
  };
  const later = (ms: number) => {
    if (timer === undefined && queue.items.length) {
      timer = platform.setTimeout(() => {
        timer = undefined;
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
    const batch = queue.items.slice(0, MAX_PER_REQUEST);
    let response: Awaited<ReturnType<Platform['post']>>;
    try {
      response = await platform.post(url, body(batch));
    } catch (cause) {
      throw retry('network', cause);
    }
    const { status } = response;
    if (status === 408 || status === 429 || status >= 500) throw retry(`HTTP ${status}`);
    if (status >= 300) {
      queue.remove(new Set(batch.map((s) => s.id)));
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
    queue.remove(done);
  }

  async function flush(): Promise<void> {
    stopTimer();
    while (queue.items.length) {
      inflight ??= deliver().finally(() => {
        inflight = undefined;
      });
      await inflight;
    }
  }

  // Whatever an earlier page left behind goes out soon.
  later(0);

  return {
    track(kind, type, interactionId, value, metadata) {
      const now = platform.now();
      const signal: WireSignal = {
        id: uuidv7(now),
        interactionId,
        kind,
        type,
        value,
        userId: user,
        sessionId: session,
        createdAt: new Date(now).toISOString(),
        metadata,
        token: tokens[interactionId],
      };
      if (type !== 'dwell' && type !== 'abandon') engaged.add(interactionId);
      queue.push(signal);
      // A full batch goes now, unless a retry is already waiting for the server to recover.
      const urgent = queue.items.length >= BATCH_SIZE && !attempt;
      if (urgent) stopTimer();
      later(urgent ? 0 : interval);
    },
    engaged: (id) => engaged.has(id),
    flush,
    beacon() {
      const items = queue.items;
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
      queue.clear();
    },
    update(next) {
      user = next.user ?? user;
      session = next.session ?? session;
    },
  };
}
