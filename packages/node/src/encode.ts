/**
 * Turns what a caller logged into a queue-ready JSON string: fills `id` and `createdAt`, checks what the
 * SDK itself depends on, and serialises once, so a value JSON cannot hold (a cycle, a BigInt) is refused
 * at the call that logged it instead of poisoning every batch it would later ride in.
 */
import { FeedloopError } from './errors.js';
import { uuidv7 } from './ids.js';
import type { ItemKind } from './queue.js';

const KINDS: readonly unknown[] = ['explicit', 'implicit', 'correction', 'outcome'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The caller's id when it gave a usable one, otherwise a new UUIDv7. */
export function pickId(item: unknown): string {
  return isRecord(item) && typeof item.id === 'string' && item.id.length > 0 ? item.id : uuidv7();
}

function invalid(kind: ItemKind, field: string, reason: string, itemId?: string): FeedloopError {
  const details = [itemId === undefined ? { field, reason } : { itemId, field, reason }];
  return new FeedloopError('INVALID_ARGUMENT', `${kind} ${field} ${reason}`, {
    details,
    itemIds: itemId === undefined ? [] : [itemId],
  });
}

function timestamp(kind: ItemKind, value: unknown, id: string): string {
  if (value == null) return new Date().toISOString();
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(kind, 'createdAt', 'is an invalid Date', id);
    return value.toISOString();
  }
  if (typeof value === 'string') return value;
  throw invalid(kind, 'createdAt', 'must be a Date or an ISO 8601 string', id);
}

/** Serialises one item; throws `FeedloopError` (INVALID_ARGUMENT) when it cannot be sent. */
export function encodeItem(kind: ItemKind, item: unknown, id: string): string {
  if (!isRecord(item)) throw invalid(kind, '(item)', 'must be an object');
  if (item.id != null && (typeof item.id !== 'string' || item.id.length === 0)) {
    throw invalid(kind, 'id', 'must be a non-empty string');
  }
  if (kind === 'signal') checkSignal(item, id);
  const body = { ...item, id, createdAt: timestamp(kind, item.createdAt, id) };
  try {
    return JSON.stringify(body);
  } catch (cause) {
    throw new FeedloopError('INVALID_ARGUMENT', `${kind} ${id} cannot be serialised to JSON`, {
      itemIds: [id],
      cause,
    });
  }
}

function checkSignal(item: Record<string, unknown>, id: string): void {
  if (typeof item.type !== 'string' || item.type.length === 0) {
    throw invalid('signal', 'type', 'must be a non-empty string', id);
  }
  if (item.kind !== undefined && !KINDS.includes(item.kind)) {
    throw invalid('signal', 'kind', 'must be explicit, implicit, correction or outcome', id);
  }
  if (item.interactionId == null && item.sessionId == null) {
    throw invalid('signal', 'interactionId', 'is required (or a sessionId, for a signal about a whole session)', id);
  }
}
