/** The items waiting to be sent, oldest first. */

export type ItemKind = 'interaction' | 'signal';

/** One logged item, already serialised so later changes to the caller's object cannot alter it. */
export interface QueueEntry {
  /** Position in logging order; flush waiters use it to know which items they cover. */
  seq: number;
  kind: ItemKind;
  id: string;
  json: string;
}

export class PendingQueue {
  private items: QueueEntry[] = [];

  get length(): number {
    return this.items.length;
  }

  /** The oldest entry's seq, or Infinity when empty. */
  get headSeq(): number {
    return this.items[0]?.seq ?? Number.POSITIVE_INFINITY;
  }

  push(entry: QueueEntry): void {
    this.items.push(entry);
  }

  take(max: number): QueueEntry[] {
    return this.items.splice(0, max);
  }

  /** Returns entries that could not be delivered to the front, so order is kept across retries. */
  putBack(entries: readonly QueueEntry[]): void {
    this.items = [...entries, ...this.items];
  }
}
