/**
 * Delivers queued items in the background: one request in flight at a time, at most `maxBatchSize` items
 * each, sent when `flushAt` items wait or `flushIntervalMs` has passed. Failed sends are retried with the
 * same items (and so the same ids) until `maxRetries`; after that the items stay queued for the next round.
 * `flush()` waiters settle once every item logged before them has been acknowledged or refused.
 */
import { FeedloopError } from './errors.js';
import { FlushWaiters } from './flush-waiters.js';
import { PendingQueue, type QueueEntry } from './queue.js';
import { retryDelay } from './retry.js';
import { type BatchEndpoint, invalidItemsError, sendBatch } from './send-batch.js';
import type { ItemResult } from './types.js';

export interface BatcherConfig {
  endpoint: BatchEndpoint;
  flushAt: number;
  flushIntervalMs: number;
  maxBatchSize: number;
  maxRetries: number;
  maxQueueSize: number;
  report: (error: FeedloopError) => void;
}

interface Undelivered {
  entries: QueueEntry[];
  error: FeedloopError;
}

export class Batcher {
  private readonly config: BatcherConfig;
  private readonly queue = new PendingQueue();
  private readonly waiters = new FlushWaiters();
  /** Taken from the queue and neither acknowledged, refused nor put back yet. */
  private inFlight = 0;
  private lastSeq = 0;
  /** Everything up to this seq is due now, whatever `flushAt` says. */
  private dueThrough = 0;
  /** Set when retries ran out: wait for the timer or a flush() instead of hammering a failing server. */
  private paused = false;
  private running = false;
  private closed = false;
  private overflowDrops = 0;
  private intervalTimer: NodeJS.Timeout | undefined;
  private backoffTimer: NodeJS.Timeout | undefined;

  constructor(config: BatcherConfig) {
    this.config = config;
  }

  enqueue(kind: QueueEntry['kind'], id: string, json: string): void {
    if (this.closed) {
      this.config.report(
        new FeedloopError('SHUT_DOWN', `${kind} ${id} was logged after shutdown() and was not queued`, {
          itemIds: [id],
        }),
      );
      return;
    }
    if (this.queue.length + this.inFlight >= this.config.maxQueueSize) {
      this.overflowDrops += 1;
      const message = `The queue is full (${this.config.maxQueueSize} items): dropped the newest, ${kind} ${id} (${this.overflowDrops} dropped so far)`;
      this.config.report(new FeedloopError('QUEUE_FULL', message, { itemIds: [id], count: this.overflowDrops }));
      return;
    }
    this.lastSeq += 1;
    this.queue.push({ seq: this.lastSeq, kind, id, json });
    this.kick();
    this.armInterval();
  }

  flush(): Promise<void> {
    const pending = this.queue.length + this.inFlight;
    if (pending === 0) return Promise.resolve();
    const settled = this.waiters.add(this.lastSeq, pending);
    // Someone is awaiting this retry now, so its timer must keep the process alive.
    this.backoffTimer?.ref();
    this.paused = false;
    this.dueThrough = this.lastSeq;
    this.kick();
    return settled;
  }

  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.intervalTimer);
    this.intervalTimer = undefined;
    return this.flush();
  }

  private shouldSend(): boolean {
    const { length, headSeq } = this.queue;
    return !this.paused && length > 0 && (length >= this.config.flushAt || headSeq <= this.dueThrough);
  }

  private kick(): void {
    if (this.running || !this.shouldSend()) return;
    this.running = true;
    this.drain()
      .catch((error: unknown) =>
        this.config.report(new FeedloopError('DELIVERY_FAILED', String(error), { cause: error })),
      )
      .finally(() => {
        this.running = false;
        this.kick();
        this.armInterval();
      });
  }

  private armInterval(): void {
    if (this.intervalTimer || this.closed || this.queue.length === 0) return;
    this.intervalTimer = setTimeout(() => {
      this.intervalTimer = undefined;
      this.paused = false;
      this.dueThrough = this.lastSeq;
      this.kick();
    }, this.config.flushIntervalMs);
    // A pending batch must never keep the host process alive; flush() or shutdown() is how to wait for it.
    this.intervalTimer.unref();
  }

  private async drain(): Promise<void> {
    while (this.shouldSend()) {
      const batch = this.queue.take(this.config.maxBatchSize);
      this.inFlight += batch.length;
      const undelivered = await this.deliver(batch, 0);
      if (undelivered) {
        this.inFlight -= undelivered.entries.length;
        this.queue.putBack(undelivered.entries);
        this.paused = true;
        this.giveUp(undelivered);
        return;
      }
    }
  }

  private async deliver(batch: QueueEntry[], attempt: number): Promise<Undelivered | undefined> {
    const sent = await sendBatch(this.config.endpoint, batch);
    switch (sent.verdict) {
      case 'acknowledged':
        this.acknowledge(sent.results);
        return undefined;
      case 'rejected':
        this.config.report(sent.error);
        this.settle(batch, sent.error);
        return undefined;
      case 'split':
        return this.split(batch, attempt, sent.error);
      case 'retry':
        if (attempt >= this.config.maxRetries) return { entries: batch, error: sent.error };
        await this.sleep(retryDelay(attempt, sent.retryAfterMs));
        return this.deliver(batch, attempt + 1);
    }
  }

  private async split(batch: QueueEntry[], attempt: number, error: FeedloopError): Promise<Undelivered | undefined> {
    if (batch.length === 1) {
      const id = batch[0]!.id;
      const dropped = new FeedloopError('REQUEST_REJECTED', `Item ${id} alone is too large for the server (413)`, {
        status: 413,
        itemIds: [id],
        cause: error,
      });
      this.config.report(dropped);
      this.settle(batch, dropped);
      return undefined;
    }
    this.config.report(error);
    const half = Math.ceil(batch.length / 2);
    const first = await this.deliver(batch.slice(0, half), attempt);
    if (first) return { entries: [...first.entries, ...batch.slice(half)], error: first.error };
    return this.deliver(batch.slice(half), attempt);
  }

  private acknowledge(results: ReadonlyArray<{ entry: QueueEntry; result: ItemResult }>): void {
    this.settle(
      results.filter(({ result }) => result.status !== 'invalid').map(({ entry }) => entry),
      undefined,
    );
    const refused = results.filter(({ result }) => result.status === 'invalid');
    if (refused.length === 0) return;
    const error = invalidItemsError(refused);
    this.config.report(error);
    this.settle(
      refused.map(({ entry }) => entry),
      error,
    );
  }

  /** Entries are done: acknowledged, or refused with `failure`. */
  private settle(entries: readonly QueueEntry[], failure: FeedloopError | undefined): void {
    this.inFlight -= entries.length;
    this.waiters.settle(entries, failure);
  }

  private giveUp({ entries, error }: Undelivered): void {
    const message = `${entries.length} item(s) were not delivered after ${this.config.maxRetries} retries; they stay queued for the next flush (${error.message})`;
    const failure = new FeedloopError('DELIVERY_FAILED', message, {
      status: error.status,
      itemIds: entries.map((e) => e.id),
      cause: error,
    });
    this.config.report(failure);
    this.waiters.rejectAll(failure);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.backoffTimer = setTimeout(() => {
        this.backoffTimer = undefined;
        resolve();
      }, ms);
      // A retry nobody awaits must not hold the process open; flush() re-refs it.
      if (this.waiters.size === 0) this.backoffTimer.unref();
    });
  }
}
