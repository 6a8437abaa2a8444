/**
 * The closed catalogue of error codes an API answer can carry. Every code is documented in
 * docs/errors.md (a test keeps the two in step); clients branch on `code`, people read `message`.
 */
export const ERROR_CODES = {
  FL_VALIDATION: { status: 400, summary: 'The request body or a parameter is malformed; `errors` names each field.' },
  FL_UNAUTHENTICATED: { status: 401, summary: 'No API key was sent, or the key is unknown or revoked.' },
  FL_FORBIDDEN: {
    status: 403,
    summary:
      'The key is valid but may not do this (a public key reading or writing interactions, or a token that does not cover the item).',
  },
  FL_ORIGIN_NOT_ALLOWED: {
    status: 403,
    summary: "The request's Origin is not on the public key's list of allowed origins.",
  },
  FL_NOT_FOUND: { status: 404, summary: 'No such resource in this project.' },
  FL_CONFLICT: {
    status: 409,
    summary:
      'The state does not allow it: a published eval-set version is immutable; an empty or unchanged draft cannot be published.',
  },
  FL_PAYLOAD_TOO_LARGE: {
    status: 413,
    summary: 'The body is over the byte limit, or a batch holds more items than allowed.',
  },
  FL_UNSUPPORTED_MEDIA_TYPE: { status: 415, summary: 'Send JSON (`application/json`, or `text/plain` holding JSON).' },
  FL_RATE_LIMITED: { status: 429, summary: 'The key is over its request rate; retry after `Retry-After` seconds.' },
  FL_UNAVAILABLE: {
    status: 503,
    summary: 'The server is shutting down or the database is unavailable; nothing was stored, retry.',
  },
  FL_INTERNAL: { status: 500, summary: 'A bug: nothing in the request caused it. Please report it.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error that maps onto an API answer. `details` carries per-field errors for FL_VALIDATION. */
export class FeedloopError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ReadonlyArray<{ field: string; reason: string }> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { details?: Array<{ field: string; reason: string }>; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedloopError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.details = options?.details;
  }
}
