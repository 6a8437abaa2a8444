import type { FeedbackState } from '@feedloop/browser';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useFeedloop } from './provider.js';

const EMPTY: FeedbackState = { thumb: 0, rating: null, commented: false };

const same = (a: FeedbackState, b: FeedbackState) =>
  a.thumb === b.thumb && a.rating === b.rating && a.commented === b.commented;

/**
 * What the user has said about one interaction in this page, kept in step with the SDK (and every widget).
 * `useSyncExternalStore` re-renders forever if a snapshot is a new object each time; the SDK keeps
 * snapshots stable, and the last one is reused here when equal by value, so that holds even if it did not.
 */
export function useFeedbackState(interactionId: string): FeedbackState {
  const { getState, subscribe } = useFeedloop();
  const last = useRef<FeedbackState>(EMPTY);
  const snapshot = useCallback(() => {
    const next = getState(interactionId);
    if (!same(next, last.current)) last.current = next;
    return last.current;
  }, [getState, interactionId]);
  const listen = useCallback((onChange: () => void) => subscribe(onChange), [subscribe]);
  // On the server there is no feedback yet.
  return useSyncExternalStore(listen, snapshot, () => EMPTY);
}
