import type { FeedbackState } from './types.js';

/** What nobody has said anything about yet. */
export const EMPTY: FeedbackState = { thumb: 0, rating: null, commented: false };

/**
 * Calls every listener with `args`, over a copy (a listener may unsubscribe), each on its own: a
 * broken listener must not stop the others or reach the caller.
 */
export const notify = <A extends unknown[]>(listeners: Set<(...args: A) => void>, ...args: A): void => {
  for (const listener of [...listeners]) {
    try {
      listener(...args);
    } catch {}
  }
};

/** Adds a listener to a set; returns a function that removes it. */
export const listen =
  <L>(listeners: Set<L>) =>
  (listener: L): (() => boolean) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
