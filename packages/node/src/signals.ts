/**
 * The convenience signals (thumbs, rating, comment, edit, outcome) as plain wire signals. Arguments are
 * checked here because the server would refuse them anyway, and the caller learns sooner through onError.
 */
import { FeedloopError } from './errors.js';
import type { Outcome, Rating, Signal, SignalOptions, Thumb } from './types.js';

const THUMB_VALUES: Record<Thumb, number> = { up: 1, down: -1, none: 0 };

function argument(field: string, reason: string): FeedloopError {
  return new FeedloopError('INVALID_ARGUMENT', `${field} ${reason}`, { details: [{ field, reason }] });
}

function about(interactionId: unknown, options: SignalOptions | undefined): SignalOptions & { interactionId: string } {
  if (typeof interactionId !== 'string' || interactionId.length === 0) {
    throw argument('interactionId', 'must be a non-empty string');
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw argument('options', 'must be an object');
  }
  return { ...options, interactionId };
}

export function thumbsSignal(interactionId: string, thumb: Thumb, options?: SignalOptions): Signal {
  const value = Object.hasOwn(THUMB_VALUES, thumb) ? THUMB_VALUES[thumb] : undefined;
  if (value === undefined) throw argument('thumb', "must be 'up', 'down' or 'none'");
  return { ...about(interactionId, options), kind: 'explicit', type: 'thumbs', value };
}

export function ratingSignal(interactionId: string, rating: Rating, options?: SignalOptions): Signal {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw argument('rating', 'must be a whole number 1–5');
  return { ...about(interactionId, options), kind: 'explicit', type: 'rating', value: rating };
}

export function commentSignal(interactionId: string, text: string, options?: SignalOptions): Signal {
  if (typeof text !== 'string' || text.trim().length === 0) throw argument('text', 'must be non-empty text');
  return { ...about(interactionId, options), kind: 'explicit', type: 'comment', value: text };
}

export function editSignal(interactionId: string, finalText: string, options?: SignalOptions): Signal {
  if (typeof finalText !== 'string') throw argument('finalText', "must be the user's final text");
  return { ...about(interactionId, options), kind: 'correction', type: 'edit', value: finalText };
}

export function outcomeSignal(outcome: Outcome): Signal {
  if (typeof outcome !== 'object' || outcome === null) throw argument('outcome', 'must be an object');
  const { name, success, value, ...rest } = outcome;
  if (typeof name !== 'string' || name.length === 0) throw argument('name', 'must be a non-empty string');
  if (typeof success !== 'boolean') throw argument('success', 'must be true or false');
  if (rest.interactionId == null && rest.sessionId == null) {
    throw argument('interactionId', 'or sessionId is required');
  }
  const reading = value === undefined ? { name, success } : { name, success, value };
  return { ...rest, kind: 'outcome', type: 'outcome', value: reading };
}
