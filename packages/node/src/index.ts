/**
 * @feedloop/node — the server-side Feedloop SDK: log AI interactions, outcomes and signals from Node.
 * Each export carries its JSDoc and an example where it is declared.
 */

/** The client. @example const feedloop = new Feedloop({ endpoint, secretKey }); */
export { Feedloop } from './client.js';
/** The SDK's one error type, and its codes. @example if (err instanceof FeedloopError && err.code === 'QUEUE_FULL') alert(); */
export { FEEDLOOP_ERROR_CODES, FeedloopError, type FeedloopErrorCode, type FieldError } from './errors.js';
/** Options of `feedbackToken`. @example feedloop.feedbackToken(id, { ttlSeconds: 600 } satisfies FeedbackTokenOptions); */
export type { FeedbackTokenOptions } from './feedback-token.js';
/** Time-ordered ids. @example const id = uuidv7(); */
export { uuidv7 } from './ids.js';
/** The client's options. @example const options: FeedloopOptions = { endpoint, secretKey, flushAt: 50 }; */
export type { FeedloopOptions } from './options.js';
/** What can be logged. @example const signal: Signal = { interactionId: id, type: 'copy' }; */
export type {
  BuiltinSignalType,
  ChatMessage,
  ContextDocument,
  Interaction,
  Metadata,
  Outcome,
  Rating,
  Signal,
  SignalKind,
  SignalOptions,
  SignalType,
  Thumb,
  Timestamp,
} from './types.js';
