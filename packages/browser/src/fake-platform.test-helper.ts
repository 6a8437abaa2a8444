/** A Platform for unit tests in Node: memory storage, manual timers, scripted HTTP answers. */
import type { Platform, PostResult } from './types.js';

export interface Sent {
  url: string;
  body: { publicKey: string; signals: { id: string; interactionId: string; type: string; value?: unknown }[] };
  keepalive?: boolean;
}

export function fakePlatform(storage = new Map<string, string>()) {
  let now = 1_700_000_000_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextTimer = 1;
  const posts: Sent[] = [];
  const beacons: Sent[] = [];
  /** How the server answers the next posts; by default every signal is `created`. */
  let answer: (sent: Sent) => Promise<PostResult> | PostResult = (sent) => ({
    status: 200,
    json: async () => ({ results: sent.body.signals.map((s) => ({ id: s.id, status: 'created' })) }),
  });
  const handlers: { hide?: () => void; show?: () => void; online?: () => void } = {};
  const platform: Platform = {
    now: () => now,
    random: () => 0.5,
    entries: () => [...storage.entries()],
    store: (k, v) => (v === null ? storage.delete(k) : storage.set(k, v)),
    post: async (url, body, keepalive) => {
      const sent = { url, body: JSON.parse(body) as Sent['body'], keepalive };
      posts.push(sent);
      return answer(sent);
    },
    beacon: (url, body) => {
      beacons.push({ url, body: JSON.parse(body) as Sent['body'] });
      return true;
    },
    setTimeout: (fn, ms) => {
      timers.set(nextTimer, { at: now + ms, fn });
      return nextTimer++;
    },
    clearTimeout: (h) => {
      timers.delete(h as number);
    },
    listen: (hide, show, online) => Object.assign(handlers, { hide, show, online }),
  };
  return {
    platform,
    storage,
    posts,
    beacons,
    handlers,
    answerWith(fn: typeof answer) {
      answer = fn;
    },
    /** Moves the clock, running due timers in order, and lets their promises settle. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].sort((a, b) => a[1].at - b[1].at).find(([, t]) => t.at <= until);
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
      now = until;
      for (let i = 0; i < 20; i++) await Promise.resolve();
    },
    pendingDelays: () => [...timers.values()].map((t) => t.at - now),
  };
}
