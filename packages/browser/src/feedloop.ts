import { type Client, createClient } from './client.js';
import { FeedloopError } from './errors.js';
import { createStates } from './state.js';
import type { Capture, CaptureApi, FeedbackState, InitOptions, Platform, SignalKind } from './types.js';

type Listener = (error: FeedloopError) => void;

const invalid = (message: string) => new FeedloopError('INVALID_ARGUMENT', message);
const asError = (e: unknown) => (e instanceof FeedloopError ? e : new FeedloopError('INTERNAL', String(e), e));
const isId = (id: unknown): id is string => typeof id === 'string' && id.length > 0;

/**
 * The public API over a platform. `index.ts` makes the one browser instance; tests make their own.
 * Every call is wrapped: a failure becomes an `error` event, never an exception in the host page.
 */
export function createFeedloop(platform: () => Platform, autocapture?: (api: CaptureApi) => Capture) {
  const states = createStates();
  const listeners = new Set<Listener>();
  const tokens: Record<string, string> = {};
  let client: Client | undefined;
  let consent = true;

  const report = (error: unknown) => {
    const e = asError(error);
    for (const listener of [...listeners]) {
      try {
        listener(e);
      } catch {}
    }
  };
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
    if (consent) client.track(kind, type, id, value, meta as Record<string, unknown> | undefined);
  };

  const setConsent = (granted: boolean) => {
    consent = granted !== false;
    if (!consent) client?.drop();
  };

  return {
    init: safe((options: InitOptions) => {
      if (!options?.endpoint || !options.publicKey) throw invalid('endpoint, publicKey');
      Object.assign(tokens, options.tokens);
      if (client) {
        // A second init (a re-render, a login) updates who is speaking; the queue and listeners stay.
        client.update(options);
        if (options.consent !== undefined) setConsent(options.consent);
        return;
      }
      const p = platform();
      const c = createClient(p, options, tokens, report);
      client = c;
      setConsent(options.consent ?? true);
      const capture = options.autocapture === false ? undefined : autocapture?.({ track, engaged: c.engaged });
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
      const next = states.get(id).thumb === pressed ? 0 : pressed;
      track('explicit', 'thumbs', id, next);
      states.patch(id, { thumb: next });
    }),
    rate: safe((id: string, stars: 1 | 2 | 3 | 4 | 5) => {
      if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw invalid('stars: 1-5');
      track('explicit', 'rating', id, stars);
      states.patch(id, { rating: stars });
    }),
    comment: safe((id: string, value: string) => {
      if (typeof value !== 'string' || !value.trim()) throw invalid('comment');
      track('explicit', 'comment', id, value);
      states.patch(id, { commented: true });
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
    getState: states.get as (id: string) => FeedbackState,
    subscribe: states.subscribe,
    /** Sends everything queued now. The only call that rejects, always with a FeedloopError. */
    flush: async (): Promise<void> => {
      try {
        if (client && consent) await client.flush();
      } catch (error) {
        throw asError(error);
      }
    },
    /** The only event is 'error'; returns a function that removes the listener. */
    on: (_event: 'error', listener: Listener): (() => boolean) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Feedloop = ReturnType<typeof createFeedloop>;
