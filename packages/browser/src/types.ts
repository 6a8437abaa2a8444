/** Types shared by the capture core, its platform seam and the widget. */

export type SignalKind = 'explicit' | 'implicit' | 'correction' | 'outcome';

/** One signal as it goes over the wire (see the wire shape in PRODUCT.md). */
export interface WireSignal {
  id: string;
  interactionId: string;
  kind?: SignalKind;
  type: string;
  value?: unknown;
  userId?: string;
  sessionId: string;
  createdAt: string;
  metadata?: Record<string, unknown>;
  /** A server-minted feedback token for the interaction, when the host set one. */
  token?: string;
}

export interface InitOptions {
  /** The Feedloop server, e.g. `https://feedback.example.com`. */
  endpoint: string;
  /** A public key (`fl_pk_…`); it travels in the body so beacons need no headers. */
  publicKey: string;
  /** Pseudonymous end-user id. */
  user?: string;
  /** Session id; one is generated per page when absent. */
  session?: string;
  /** Default true. `false` captures and sends nothing until `setConsent(true)`. */
  consent?: boolean;
  /** Default true: copy, share, regenerate, accept/reject, dwell, abandonment and edits from markup. */
  autocapture?: boolean;
  /** How long signals wait to be batched, default 2000 ms (20 queued signals send at once). */
  flushIntervalMs?: number;
  /** Feedback tokens by interaction id (see `setToken`). */
  tokens?: Record<string, string>;
}

/** What the user has said about one interaction in this page, for UIs. */
export interface FeedbackState {
  thumb: 1 | -1 | 0;
  rating: number | null;
  commented: boolean;
}

/** The answer of one HTTP POST, as much of a `Response` as the core reads. */
export interface PostResult {
  status: number;
  json(): Promise<unknown>;
}

/**
 * Everything the core needs from its host (posthog-js style seam): the browser fills it in
 * `platform.ts`, unit tests in Node fill it with fakes.
 */
export interface Platform {
  now(): number;
  random(): number;
  /** Persistent storage (localStorage): every stored key and value; none when storage is unavailable. */
  entries(): [key: string, value: string][];
  /** Writes a key; `null` removes it. Never throws. */
  store(key: string, value: string | null): void;
  post(url: string, body: string, keepalive?: boolean): Promise<PostResult>;
  /** `navigator.sendBeacon`; false when the browser refused to queue it. */
  beacon(url: string, body: string): boolean;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Calls `hide` when the page is hidden or unloaded, `show` when visible again, `online` on reconnect. */
  listen(hide: () => void, show: () => void, online: () => void): void;
}

/** What autocapture gets from the core. */
export interface CaptureApi {
  track(
    kind: SignalKind,
    type: string,
    interactionId: string,
    value?: unknown,
    metadata?: Record<string, unknown>,
  ): void;
  /** Whether the interaction got any signal other than dwell or abandon in this page. */
  engaged(interactionId: string): boolean;
}

/** What the core asks of autocapture when the page hides or shows. */
export interface Capture {
  hide(): void;
  show(): void;
}
