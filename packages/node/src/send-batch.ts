/**
 * One `POST {endpoint}/v1/batch`, and what its answer means for the items in it. Never throws: every way
 * a request can end is a verdict the batcher acts on.
 */
import { FeedloopError, type FieldError } from './errors.js';
import type { QueueEntry } from './queue.js';
import { parseRetryAfter } from './retry-after.js';
import type { ItemResult } from './types.js';

export interface BatchEndpoint {
  url: string;
  secretKey: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export type SendVerdict =
  /** Each entry, in the order sent, with the server's result for it. */
  | { verdict: 'acknowledged'; results: Array<{ entry: QueueEntry; result: ItemResult }> }
  | { verdict: 'retry'; retryAfterMs: number | undefined; error: FeedloopError }
  | { verdict: 'split'; error: FeedloopError }
  | { verdict: 'rejected'; error: FeedloopError };

const STATUSES: readonly unknown[] = ['created', 'duplicate', 'invalid'];

/** The server answers interactions first, then signals; sending them in that order lines results up. */
function wireOrder(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries.filter((e) => e.kind === 'interaction'), ...entries.filter((e) => e.kind === 'signal')];
}

function body(ordered: readonly QueueEntry[]): string {
  const list = (kind: QueueEntry['kind']) =>
    ordered
      .filter((e) => e.kind === kind)
      .map((e) => e.json)
      .join(',');
  return `{"interactions":[${list('interaction')}],"signals":[${list('signal')}]}`;
}

export async function sendBatch(endpoint: BatchEndpoint, entries: readonly QueueEntry[]): Promise<SendVerdict> {
  const ordered = wireOrder(entries);
  const itemIds = ordered.map((e) => e.id);
  let response: Response;
  let text: string;
  try {
    response = await endpoint.fetch(endpoint.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoint.secretKey}`, 'content-type': 'application/json' },
      body: body(ordered),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    text = await response.text();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error = new FeedloopError('NETWORK_ERROR', `POST ${endpoint.url} failed: ${reason}`, { itemIds, cause });
    return { verdict: 'retry', retryAfterMs: undefined, error };
  }
  const { status } = response;
  if (response.ok) return readResults(status, text, ordered);
  if (status >= 500 || status === 429 || status === 408) {
    const error = new FeedloopError('SERVER_UNAVAILABLE', `The server answered ${status}: ${excerpt(text)}`, {
      status,
      itemIds,
    });
    return { verdict: 'retry', retryAfterMs: parseRetryAfter(response.headers.get('retry-after')), error };
  }
  if (status === 413) {
    const message = `The server refused a batch of ${entries.length} items as too large (413)`;
    return { verdict: 'split', error: new FeedloopError('PAYLOAD_TOO_LARGE', message, { status, itemIds }) };
  }
  const message = `The server refused ${entries.length} items with ${status}; they were dropped: ${excerpt(text)}`;
  const details = fieldErrors(text);
  return { verdict: 'rejected', error: new FeedloopError('REQUEST_REJECTED', message, { status, itemIds, details }) };
}

function readResults(status: number, text: string, ordered: QueueEntry[]): SendVerdict {
  const results = parseResults(text);
  const lineUp = results?.length === ordered.length && results.every((r, i) => r.id == null || r.id === ordered[i]?.id);
  if (!results || !lineUp) {
    // Safe to retry: the server dedupes by id, so items it did store are answered `duplicate` next time.
    const message = `The server answered ${status} without one result per item: ${excerpt(text)}`;
    const error = new FeedloopError('BAD_RESPONSE', message, { status, itemIds: ordered.map((e) => e.id) });
    return { verdict: 'retry', retryAfterMs: undefined, error };
  }
  return { verdict: 'acknowledged', results: ordered.map((entry, i) => ({ entry, result: results[i]! })) };
}

/** One report for the items a 200 answer refused as `invalid`, each field error tagged with its item. */
export function invalidItemsError(refused: ReadonlyArray<{ entry: QueueEntry; result: ItemResult }>): FeedloopError {
  const details: FieldError[] = refused.flatMap(({ entry, result }) =>
    result.errors && result.errors.length > 0
      ? result.errors.map((e) => ({ itemId: entry.id, field: e.field, reason: e.reason }))
      : [{ itemId: entry.id, field: '(item)', reason: 'refused as invalid' }],
  );
  const summary = details.map((d) => `${d.itemId} ${d.field}: ${d.reason}`).join('; ');
  return new FeedloopError('ITEM_INVALID', `The server refused ${refused.length} item(s) as invalid: ${summary}`, {
    itemIds: refused.map(({ entry }) => entry.id),
    details,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseResults(text: string): ItemResult[] | undefined {
  const parsed = parseJson(text);
  if (!isRecord(parsed) || !Array.isArray(parsed.results)) return undefined;
  const results: unknown[] = parsed.results;
  const valid = results.every((r) => isRecord(r) && STATUSES.includes(r.status));
  return valid ? (results as ItemResult[]) : undefined;
}

/** Field errors from a refused request, wherever a server put them (`errors`, or `error.errors`). */
function fieldErrors(text: string): FieldError[] {
  const parsed = parseJson(text);
  const list = isRecord(parsed) ? (parsed.errors ?? (isRecord(parsed.error) ? parsed.error.errors : undefined)) : [];
  if (!Array.isArray(list)) return [];
  return list
    .filter((e): e is FieldError => isRecord(e) && typeof e.field === 'string' && typeof e.reason === 'string')
    .map(({ field, reason }) => ({ field, reason }));
}

/** The server's `{ error: { code, message } }` when it sent one, else the start of the body. */
function excerpt(text: string): string {
  const parsed = parseJson(text);
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return `${error.code}: ${error.message}`;
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat || '(empty body)';
}
