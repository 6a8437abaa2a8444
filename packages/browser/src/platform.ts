import type { Platform } from './types.js';

/** Storage may be missing, blocked or full (privacy modes, quotas): then it is simply not there. */
const attempt = <T>(fn: () => T, fallback: T): T => {
  try {
    return fn();
  } catch {
    return fallback;
  }
};

/** The browser's side of the seam. */
export function browserPlatform(): Platform {
  return {
    now: Date.now,
    random: Math.random,
    load: (key) => attempt(() => localStorage.getItem(key), null),
    store: (key, value) =>
      attempt(() => (value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value)), undefined),
    keys: () => attempt(() => Object.keys(localStorage), []),
    // text/plain is CORS-safelisted: no preflight, and the same body works for sendBeacon.
    post: (url, body, keepalive) =>
      fetch(url, { method: 'POST', body, keepalive, headers: { 'content-type': 'text/plain' } }),
    beacon: (url, body) => attempt(() => navigator.sendBeacon(url, body), false),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as number),
    listen(hide, show, online) {
      addEventListener('pagehide', hide);
      document.addEventListener('visibilitychange', () => (document.hidden ? hide() : show()));
      addEventListener('online', online);
    },
  };
}
