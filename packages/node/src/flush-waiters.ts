/**
 * Pending `flush()` calls. Each covers the items logged before it (seq <= target) and settles when the last
 * of them is acknowledged or refused: it resolves if all were stored and rejects, naming the rest, if not.
 */
import { FeedloopError } from './errors.js';
import type { QueueEntry } from './queue.js';

interface FlushWaiter {
  target: number;
  /** Covered items not yet acknowledged or refused. */
  remaining: number;
  failures: FeedloopError[];
  failedIds: string[];
  resolve: () => void;
  reject: (error: FeedloopError) => void;
}

export class FlushWaiters {
  private waiters: FlushWaiter[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** A promise for the `pending` items up to seq `target`, all of which must still be unsettled. */
  add(target: number, pending: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ target, remaining: pending, failures: [], failedIds: [], resolve, reject });
    });
  }

  /** Entries are done: stored, or refused with `failure`. */
  settle(entries: readonly QueueEntry[], failure: FeedloopError | undefined): void {
    for (const waiter of [...this.waiters]) {
      const covered = entries.filter((e) => e.seq <= waiter.target);
      if (covered.length === 0) continue;
      waiter.remaining -= covered.length;
      if (failure) {
        waiter.failedIds.push(...covered.map((e) => e.id));
        if (!waiter.failures.includes(failure)) waiter.failures.push(failure);
      }
      if (waiter.remaining === 0) this.finish(waiter);
    }
  }

  /** Retries ran out: no waiter can complete in this round. */
  rejectAll(error: FeedloopError): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private finish(waiter: FlushWaiter): void {
    this.waiters = this.waiters.filter((w) => w !== waiter);
    const { failures, failedIds } = waiter;
    const [first] = failures;
    if (!first) {
      waiter.resolve();
      return;
    }
    const failed = new Set(failedIds);
    const details = failures.flatMap((f) => f.details).filter((d) => d.itemId === undefined || failed.has(d.itemId));
    const cause = failures.length === 1 ? first : new AggregateError(failures, 'several failures');
    const message = `${failedIds.length} item(s) could not be delivered: ${first.message}`;
    waiter.reject(new FeedloopError('DELIVERY_FAILED', message, { itemIds: failedIds, details, cause }));
  }
}
