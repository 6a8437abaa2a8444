/**
 * The SDK's one error type. Logging calls never throw it: they hand it to `onError`. Only `flush()` and
 * `shutdown()` reject with it, and the constructor throws it for unusable options.
 */

/**
 * Every code a `FeedloopError` can carry; branch on `code`, show `message` to people.
 * @example if (FEEDLOOP_ERROR_CODES.includes(err.code)) console.log(err.code);
 */
export const FEEDLOOP_ERROR_CODES = [
  /** The constructor got options it cannot work with. */
  'INVALID_OPTIONS',
  /** A logging call got something that cannot be sent; the item was not queued. */
  'INVALID_ARGUMENT',
  /** An item was logged after `shutdown()`; it was not queued. */
  'SHUT_DOWN',
  /** The queue held `maxQueueSize` items, so the newest one was dropped. */
  'QUEUE_FULL',
  /** The server answered `invalid` for items; they were dropped, as retrying cannot fix them. */
  'ITEM_INVALID',
  /** The server refused a whole request (400, 401, 403, …); its items were dropped. */
  'REQUEST_REJECTED',
  /** The server answered 413; the batch is being split in halves and re-sent. */
  'PAYLOAD_TOO_LARGE',
  /** The request never got an HTTP answer (connection refused, reset, timed out). Retried. */
  'NETWORK_ERROR',
  /** The server answered 5xx, 429 or 408. Retried. */
  'SERVER_UNAVAILABLE',
  /** The server answered 2xx with a body that does not match the batch. Retried. */
  'BAD_RESPONSE',
  /** Items were not delivered: retries ran out (they stay queued) or the server refused them. */
  'DELIVERY_FAILED',
] as const;

/**
 * One of `FEEDLOOP_ERROR_CODES`.
 * @example const code: FeedloopErrorCode = 'QUEUE_FULL';
 */
export type FeedloopErrorCode = (typeof FEEDLOOP_ERROR_CODES)[number];

/**
 * A field-level problem; `itemId` names the item when the error concerns several.
 * @example const problem: FieldError = { itemId: 'sig_1', field: 'signals[0].value', reason: 'expected 1 to 5' };
 */
export interface FieldError {
  itemId?: string;
  field: string;
  reason: string;
}

interface FeedloopErrorOptions {
  status?: number;
  itemIds?: readonly string[];
  details?: readonly FieldError[];
  count?: number;
  cause?: unknown;
}

/**
 * What the SDK reports through `onError` and rejects `flush()` / `shutdown()` with.
 * @example
 * const feedloop = new Feedloop({ endpoint, secretKey, onError: (err) => log.warn(err.code, err.itemIds) });
 * await feedloop.flush().catch((err: FeedloopError) => log.error(err.message, err.details));
 */
export class FeedloopError extends Error {
  override readonly name = 'FeedloopError';
  readonly code: FeedloopErrorCode;
  /** The HTTP status, when the server's answer caused the error. */
  readonly status: number | undefined;
  /** The items this error is about. */
  readonly itemIds: readonly string[];
  /** Field-level problems, when known. */
  readonly details: readonly FieldError[];
  /** How many items this error is about; for `QUEUE_FULL`, how many this client has dropped so far. */
  readonly count: number;

  constructor(code: FeedloopErrorCode, message: string, options: FeedloopErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.itemIds = options.itemIds ?? [];
    this.details = options.details ?? [];
    this.count = options.count ?? this.itemIds.length;
  }
}

/** Anything caught inside the SDK, as a `FeedloopError` with the original kept as `cause`. */
export function toFeedloopError(error: unknown, code: FeedloopErrorCode, itemIds?: readonly string[]): FeedloopError {
  if (error instanceof FeedloopError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FeedloopError(code, message, { cause: error, itemIds });
}
