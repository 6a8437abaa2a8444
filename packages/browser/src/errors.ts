/**
 * The SDK's one error type. Public calls never throw it into the page: they hand it to `on('error')`
 * listeners. Only `flush()` rejects with it.
 */
export type FeedloopErrorCode =
  /** A call got something that cannot be sent; nothing was queued. */
  | 'INVALID_ARGUMENT'
  /** A signal was given before `init`; it was not queued. */
  | 'NOT_INITIALISED'
  /** The persistent queue was full, so the oldest signals were dropped. */
  | 'QUEUE_FULL'
  /** The server answered `invalid` for a signal; it was dropped (retrying cannot fix it). */
  | 'ITEM_INVALID'
  /** The server refused a whole request (400, 401, 403, 413); its signals were dropped. */
  | 'REQUEST_REJECTED'
  /** No answer, 408, 429, 5xx or an unreadable answer: the signals stay queued and are retried. */
  | 'RETRYING'
  /** A bug inside the SDK, caught so that it never reaches the host page. */
  | 'INTERNAL';

/**
 * `message` is terse on purpose (every byte ships to every page): it names the offending field or
 * the HTTP status; `code` says what happened.
 */
export class FeedloopError extends Error {
  // Declared, not initialised: class fields cost bytes in every page (and a helper once downlevelled).
  declare readonly code: FeedloopErrorCode;
  /** The server's item result or the cause, when there is one. */
  declare readonly detail?: unknown;
  constructor(code: FeedloopErrorCode, message: string, detail?: unknown) {
    super(message);
    Object.assign(this, { name: 'FeedloopError', code, detail });
  }
}
