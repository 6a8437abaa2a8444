/**
 * The browser SDK's calls, handed down by `<FeedloopProvider>`. The SDK is one instance per page, so the
 * context carries no state of its own: it only marks that `init` was arranged above, which is what
 * `useFeedloop` checks.
 */
import {
  comment,
  edit,
  flush,
  followUp,
  getState,
  rate,
  regenerate,
  setConsent,
  setToken,
  signal,
  subscribe,
  thumbs,
} from '@feedloop/browser';
import { createContext } from 'react';

export const feedloopApi = {
  thumbs,
  rate,
  comment,
  edit,
  signal,
  regenerate,
  followUp,
  setToken,
  setConsent,
  getState,
  subscribe,
  flush,
};

/** The bound browser-SDK calls `useFeedloop()` returns. */
export type FeedloopApi = typeof feedloopApi;

export const FeedloopContext = createContext<FeedloopApi | null>(null);
