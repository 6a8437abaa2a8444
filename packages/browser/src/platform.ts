import { on } from './dom.js';
import type { Platform } from './types.js';

/** Storage may be missing, blocked or full (privacy modes, quotas): then it is simply not there. */
const attempt = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

/** The browser's side of the seam. */
export const browserPlatform = (): Platform => ({
  now: Date.now,
  random: Math.random,
  entries: () => attempt(() => Object.entries(localStorage)) ?? [],
  store: (key, value) =>
    attempt(() => (value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value))),
  // A string body is sent as text/plain, which is CORS-safelisted: no preflight, and the same body
  // works for sendBeacon.
  post: (url, body, keepalive) => fetch(url, { method: 'POST', body, keepalive }),
  beacon: (url, body) => !!attempt(() => navigator.sendBeacon(url, body)),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as number),
  listen(hide, show, online) {
    addEventListener('pagehide', hide);
    on('visibilitychange', () => (document.hidden ? hide() : show()));
    addEventListener('online', online);
  },
});
