/** The client's options, their defaults, and the checks that make a misconfiguration fail at startup. */
import { FeedloopError } from './errors.js';

/**
 * How to reach the server and how to batch; every field but `endpoint` and `secretKey` is optional.
 * @example const options: FeedloopOptions = { endpoint: 'https://feedback.example.com', secretKey: 'sk_…', flushAt: 50 };
 */
export interface FeedloopOptions {
  /** The server's base URL; batches go to `{endpoint}/v1/batch`. */
  endpoint: string;
  /** A project's secret key, sent as `Authorization: Bearer <secretKey>`. */
  secretKey: string;
  /** Send as soon as this many items wait. Default 100. */
  flushAt?: number;
  /** Send whatever waits after this long. Default 1000. */
  flushIntervalMs?: number;
  /** The most items in one request. Default 1000. */
  maxBatchSize?: number;
  /** Retries of one batch (network errors, 5xx, 429) before `flush()` gives up on it. Default 10. */
  maxRetries?: number;
  /** The most items held in memory; beyond it the newest is dropped and reported. Default 100 000. */
  maxQueueSize?: number;
  /** How long one request may take before it is abandoned and retried. Default 30 000. */
  requestTimeoutMs?: number;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /** Told about every item that was not, or will not be, delivered. Defaults to a console warning. */
  onError?: (error: FeedloopError) => void;
}

export type ResolvedOptions = Required<Omit<FeedloopOptions, 'endpoint'>> & { batchUrl: string };

const DEFAULTS = {
  flushAt: 100,
  flushIntervalMs: 1000,
  maxBatchSize: 1000,
  maxRetries: 10,
  maxQueueSize: 100_000,
  requestTimeoutMs: 30_000,
} as const;

function invalid(field: string, reason: string): FeedloopError {
  return new FeedloopError('INVALID_OPTIONS', `Feedloop option \`${field}\` ${reason}`, {
    details: [{ field, reason }],
  });
}

function count(options: FeedloopOptions, field: keyof typeof DEFAULTS, min: number): number {
  const value = options[field] ?? DEFAULTS[field];
  if (!Number.isInteger(value) || value < min) throw invalid(field, `must be a whole number >= ${min}`);
  return value;
}

function batchUrl(endpoint: unknown): string {
  if (typeof endpoint !== 'string' || !URL.canParse(endpoint)) throw invalid('endpoint', 'must be an absolute URL');
  const { protocol } = new URL(endpoint);
  if (protocol !== 'http:' && protocol !== 'https:') throw invalid('endpoint', 'must be an http(s) URL');
  return `${endpoint.replace(/\/+$/, '')}/v1/batch`;
}

const warn = (error: FeedloopError): void => console.warn(`[feedloop] ${error.code}: ${error.message}`);

/** Applies defaults; throws `FeedloopError` (INVALID_OPTIONS) for options that could never work. */
export function resolveOptions(options: FeedloopOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  if (typeof options.secretKey !== 'string' || options.secretKey.length === 0) {
    throw invalid('secretKey', 'must be a non-empty string');
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw invalid('fetch', 'must be a function (Node >= 20 has one built in)');
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw invalid('onError', 'must be a function');
  }
  return {
    batchUrl: batchUrl(options.endpoint),
    secretKey: options.secretKey,
    flushAt: count(options, 'flushAt', 1),
    flushIntervalMs: count(options, 'flushIntervalMs', 1),
    maxBatchSize: count(options, 'maxBatchSize', 1),
    maxRetries: count(options, 'maxRetries', 0),
    maxQueueSize: count(options, 'maxQueueSize', 1),
    requestTimeoutMs: count(options, 'requestTimeoutMs', 1),
    fetch: fetchImpl,
    onError: options.onError ?? warn,
  };
}
