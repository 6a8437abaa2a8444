/**
 * @feedloop/browser: capture end-user feedback on AI outputs. No runtime dependencies; no call ever
 * throws into the host page (failures go to `on('error')`); only `flush()` may reject.
 */
import { autocapture } from './autocapture.js';
import { createFeedloop } from './feedloop.js';
import { browserPlatform } from './platform.js';

export { FeedloopError, type FeedloopErrorCode } from './errors.js';
export type { FeedbackState, InitOptions, SignalKind, WireSignal } from './types.js';

const feedloop = createFeedloop(browserPlatform, autocapture);

export const {
  init,
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
  on,
} = feedloop;
