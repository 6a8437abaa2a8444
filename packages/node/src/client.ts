/**
 * The public client. Logging calls queue an item and return its id at once; they never throw into the host
 * app (problems go to `onError`). Delivery happens in the background, in `Batcher`.
 */
import { Batcher } from './batcher.js';
import { encodeItem, pickId } from './encode.js';
import { type FeedloopError, toFeedloopError } from './errors.js';
import { type FeedbackTokenOptions, mintFeedbackToken } from './feedback-token.js';
import { type FeedloopOptions, resolveOptions } from './options.js';
import type { ItemKind } from './queue.js';
import { commentSignal, editSignal, outcomeSignal, ratingSignal, thumbsSignal } from './signals.js';
import type { Interaction, Outcome, Rating, Signal, SignalOptions, Thumb } from './types.js';

/**
 * Logs AI interactions and the feedback they earn to a Feedloop server, batched and retried in the background.
 * @example
 * const feedloop = new Feedloop({ endpoint: 'https://feedback.example.com', secretKey: process.env.FEEDLOOP_SECRET_KEY! });
 * const id = feedloop.logInteraction({ sessionId: 's_1', model: 'gpt-x', input: question, output: answer });
 * feedloop.outcome({ interactionId: id, name: 'ticket_resolved', success: true });
 * await feedloop.shutdown();
 */
export class Feedloop {
  readonly #batcher: Batcher;
  readonly #onError: (error: FeedloopError) => void;
  readonly #secretKey: string;
  #shutdown: Promise<void> | undefined;

  /** Throws `FeedloopError` (code `INVALID_OPTIONS`) for options that could never deliver anything. */
  constructor(options: FeedloopOptions) {
    const resolved = resolveOptions(options);
    this.#onError = resolved.onError;
    this.#secretKey = resolved.secretKey;
    this.#batcher = new Batcher({
      endpoint: {
        url: resolved.batchUrl,
        secretKey: resolved.secretKey,
        fetch: resolved.fetch,
        timeoutMs: resolved.requestTimeoutMs,
      },
      flushAt: resolved.flushAt,
      flushIntervalMs: resolved.flushIntervalMs,
      maxBatchSize: resolved.maxBatchSize,
      maxRetries: resolved.maxRetries,
      maxQueueSize: resolved.maxQueueSize,
      report: (error) => this.#report(error),
    });
  }

  /** Queues one interaction; returns its id (a new UUIDv7 unless `id` was given). */
  logInteraction(interaction: Interaction): string {
    return this.#log('interaction', interaction);
  }

  /**
   * A feedback token for one interaction, computed locally (no request): hand it to the page, which sends it
   * with its signals when the project requires tokens (docs/feedback-tokens.md). Unlike logging calls it
   * throws `FeedloopError` (INVALID_ARGUMENT) for unusable arguments, since the caller needs its result.
   * @example const token = feedloop.feedbackToken(id, { userId: 'u_1', ttlSeconds: 3600 });
   */
  feedbackToken(interactionId: string, options?: FeedbackTokenOptions): string {
    return mintFeedbackToken(this.#secretKey, interactionId, options);
  }

  /** Queues one signal of any type; returns its id. */
  logSignal(signal: Signal): string {
    return this.#log('signal', signal);
  }

  /** A thumb up (1), down (-1), or taken back (0). */
  thumbs(interactionId: string, thumb: Thumb, options?: SignalOptions): string {
    return this.#logBuilt(options, () => thumbsSignal(interactionId, thumb, options));
  }

  /** A 1–5 rating. */
  rate(interactionId: string, rating: Rating, options?: SignalOptions): string {
    return this.#logBuilt(options, () => ratingSignal(interactionId, rating, options));
  }

  /** A free-text comment. */
  comment(interactionId: string, text: string, options?: SignalOptions): string {
    return this.#logBuilt(options, () => commentSignal(interactionId, text, options));
  }

  /** The text the user ended up with after editing the output: the most valuable signal there is. */
  edit(interactionId: string, finalText: string, options?: SignalOptions): string {
    return this.#logBuilt(options, () => editSignal(interactionId, finalText, options));
  }

  /** Whether the task the AI helped with succeeded, about an interaction or a whole session. */
  outcome(outcome: Outcome): string {
    return this.#logBuilt(outcome, () => outcomeSignal(outcome));
  }

  /**
   * Sends everything logged so far, waiting out retries, and resolves once the server has acknowledged it.
   * Rejects with `FeedloopError` (code `DELIVERY_FAILED`) if any of it was refused or retries ran out.
   */
  flush(): Promise<void> {
    return this.#batcher.flush();
  }

  /** Stops the timer, flushes, and refuses items logged afterwards (reported through `onError`). */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#batcher.close();
    return this.#shutdown;
  }

  #log(kind: ItemKind, item: unknown): string {
    const id = pickId(item);
    try {
      this.#batcher.enqueue(kind, id, encodeItem(kind, item, id));
    } catch (error) {
      this.#report(toFeedloopError(error, 'INVALID_ARGUMENT', [id]));
    }
    return id;
  }

  #logBuilt(options: unknown, build: () => Signal): string {
    let signal: Signal;
    try {
      signal = build();
    } catch (error) {
      const id = pickId(options);
      this.#report(toFeedloopError(error, 'INVALID_ARGUMENT', [id]));
      return id;
    }
    return this.#log('signal', signal);
  }

  #report(error: FeedloopError): void {
    try {
      this.#onError(error);
    } catch (thrown) {
      // onError is the host app's code; its failure must not break delivery, nor vanish unseen.
      console.error('[feedloop] onError threw while handling', error, thrown);
    }
  }
}
