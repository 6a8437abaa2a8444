import type { FeedbackState } from './types.js';

const EMPTY: FeedbackState = { thumb: 0, rating: null, commented: false };

/**
 * Per-interaction feedback state for UIs. Snapshots are immutable and replaced on change, so the same
 * object comes back until something changes — what React's `useSyncExternalStore` requires.
 */
export function createStates() {
  const states = new Map<string, FeedbackState>();
  const listeners = new Set<() => void>();
  const get = (id: string): FeedbackState => states.get(id) ?? EMPTY;
  return {
    get,
    patch(id: string, change: Partial<FeedbackState>) {
      states.set(id, { ...get(id), ...change });
      for (const listener of [...listeners]) {
        try {
          listener();
        } catch {
          // A broken listener must not stop the others or reach the caller.
        }
      }
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
