import { type InitOptions, init } from '@feedloop/browser';
import { type ReactNode, useContext, useEffect } from 'react';
import { type FeedloopApi, FeedloopContext, feedloopApi } from './context.js';

export interface FeedloopProviderProps {
  /** Passed to the browser SDK's `init`. */
  options: InitOptions;
  children?: ReactNode;
}

/**
 * Initialises the browser SDK once, in an effect (so server rendering never touches `window`), and
 * makes `useFeedloop` available below. A change of user, session or consent calls `init` again, which
 * the SDK takes as an update of who is speaking; the queue is kept.
 */
export function FeedloopProvider({ options, children }: FeedloopProviderProps): ReactNode {
  const { endpoint, publicKey, user, session, consent } = options;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the whole options object is read, but only a change of these fields means a new init; an inline object literal must not re-init every render.
  useEffect(() => {
    init(options);
  }, [endpoint, publicKey, user, session, consent]);
  return <FeedloopContext.Provider value={feedloopApi}>{children}</FeedloopContext.Provider>;
}

/** The browser SDK's calls; throws when no `<FeedloopProvider>` is above, since nothing would be sent. */
export function useFeedloop(): FeedloopApi {
  const api = useContext(FeedloopContext);
  if (!api) {
    throw new Error(
      'useFeedloop must be used inside <FeedloopProvider>. Wrap the part of your app that collects feedback in ' +
        '<FeedloopProvider options={{ endpoint, publicKey }}> (from @feedloop/react).',
    );
  }
  return api;
}
