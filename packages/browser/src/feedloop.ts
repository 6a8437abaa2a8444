import { type Client, createClient } from './client.js';
import { FeedloopError } from './errors.js';
import { EMPTY, listen, notify } from './state.js';
import type { Capture, CaptureApi, FeedbackState, InitOptions, Platform, SignalKind } from './types.js';

type Listener = (error: FeedloopError) => void;

const invalid = (message: string) => new FeedloopError('INVALID_ARGUMENT', message);
const asError = (e: unknown) => (e instanceof FeedloopError ? e : new FeedloopError('INTERNAL', `${e}`, e));
const isId = (id: unknown): id is string => typeof id === 'string' && id.length > 0;

/**
 * The public API over a platform. `index.ts` makes the one browser instance; tests make their own.
 * Every call is wrapped: a failure becomes an `error` event, never an exception in the host page.
 */
export function createFeedloop(platform: () => Platform, autocapture?: (api: CaptureApi) => Capture) {
  // Per-interaction feedback state for UIs. Snapshots are immutable and replaced on change, so the same
  // object comes back until something changes — what React's `useSyncExternalStore` requires.
  const states = new Map<string, FeedbackState>();
  const changed = new Set<() => void>();
  const getState = (id: string): FeedbackState => states.get(id) ?? EMPTY;
  const patch = (id: string, change: Partial<FeedbackState>) => {
    states.set(id, { ...getState(id), ...change });
    notify(changed);
  };
  const listeners = new Set<Listener>();
  const tokens: Record<string, string> = {};
  /** Interactions that got a signal other than dwell or abandon in this page. */
  const engaged = new Set<string>();
  /** Our own copy of the init options: a later `init` updates who is speaking, the client reads it. */
  let settings: InitOptions | undefined;
  let client: Client | undefined;
  let consent = true;

  const report = (error: unknown) => notify(listeners, asError(error));
  const safe =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      try {
        fn(...args);
      } catch (error) {
        report(error);
      }
    };
  const track = (kind: SignalKind | undefined, type: string, id: string, value?: unknown, meta?: object) => {
    if (!isId(id)) throw invalid('interactionId');
    if (!client) throw new FeedloopError('NOT_INITIALISED', 'init()');
    if (consent) {
      if (type !== 'dwell' && type !== 'abandon') engaged.add(id);
      client.track(kind, type, id, value, meta as Record<string, unknown> | undefined);
    }
  };

  const setConsent = (granted: boolean) => {
    consent = granted !== false;
    if (!consent) client?.drop();
  };

  return {
    init: safe((options: InitOptions) => {
      if (!options?.endpoint || !options.publicKey) throw invalid('endpoint, publicKey');
      Object.assign(tokens, options.tokens);
      if (settings) {
        // A second init (a re-render, a login) updates who is speaking; the queue and listeners stay.
        settings.user = options.user ?? settings.user;
        settings.session = options.session ?? settings.session;
        if (options.consent !== undefined) setConsent(options.consent);
        return;
      }
      const p = platform();
      settings = { ...options };
      const c = createClient(p, settings, tokens, report);
      client = c;
      setConsent(options.consent ?? true);
      const capture =
        options.autocapture === false ? undefined : autocapture?.({ track, engaged: (id) => engaged.has(id) });
      p.listen(
        () => {
          // Dwell and abandonment are decided first, so the beacon carries them too.
          if (consent) capture?.hide();
          if (consent) c.beacon();
        },
        () => capture?.show(),
        c.retryNow,
      );
    }),
    thumbs: safe((id: string, value: 'up' | 'down') => {
      if (value !== 'up' && value !== 'down') throw invalid('thumbs: up|down');
      const pressed = value === 'up' ? 1 : -1;
      // Pressing the same thumb again takes it back: the server keeps events, the latest one counts.
      const next = getState(id).thumb === pressed ? 0 : pressed;
      track('explicit', 'thumbs', id, next);
      patch(id, { thumb: next });
    }),
    rate: safe((id: string, stars: 1 | 2 | 3 | 4 | 5) => {
      if (![1, 2, 3, 4, 5].includes(stars)) throw invalid('stars: 1-5');
      track('explicit', 'rating', id, stars);
      patch(id, { rating: stars });
    }),
    comment: safe((id: string, value: string) => {
      if (typeof value !== 'string' || !value.trim()) throw invalid('comment');
      track('explicit', 'comment', id, value);
      patch(id, { commented: true });
    }),
    edit: safe((id: string, finalText: string, original?: string) => {
      // The server checks the text (an `invalid` result reaches on('error')).
      track('correction', 'edit', id, finalText, original === undefined ? undefined : { original });
    }),
    signal: safe((type: string, id: string, value?: unknown, kind?: SignalKind) => {
      // The server infers the kind of built-in types only; a custom `namespace:name` must say it.
      if (!isId(type) || (!kind && type.includes(':'))) throw invalid('kind');
      track(kind, type, id, value);
    }),
    regenerate: safe((oldId: string, newId: string) => {
      track('implicit', 'regenerate', oldId, { newInteractionId: newId });
    }),
    followUp: safe((prevId: string, newId: string) => {
      track('implicit', 'rephrase', prevId, { followUpId: newId });
    }),
    setToken: (id: string, token: string): void => {
      tokens[id] = token;
    },
    setConsent: safe(setConsent),
    // Neither can throw: a Map lookup and a Set insertion.
    getState,
    subscribe: listen(changed),
    /** Sends everything queued now. The only call that rejects, always with a FeedloopError. */
    flush: async (): Promise<void> => {
      if (client && consent)
        await client.flush().catch((error) => {
          throw asError(error);
        });
    },
    /** The only event is 'error'; returns a function that removes the listener. */
    on: (_event: 'error', listener: Listener): (() => boolean) => listen(listeners)(listener),
  };
}

export type Feedloop = ReturnType<typeof createFeedloop>;
