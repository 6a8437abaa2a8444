/**
 * Time-ordered ids (UUIDv7, RFC 9562). The server's dedupe index inserts ordered ids far faster than random
 * ones, so ids from one process are strictly increasing: a 12-bit counter (RFC 9562 §6.2, method 1) orders
 * ids made within the same millisecond, and a clock that steps back never reorders them.
 */

/** A fresh, independent generator; `uuidv7` is the process-wide one. */
export function uuidv7Generator(): (now?: number) => string {
  let lastMs = -1;
  let counter = 0;
  return (now = Date.now()) => {
    const bytes = new Uint8Array(16);
    globalThis.crypto.getRandomValues(bytes);
    let ms = Math.max(0, Math.floor(now));
    if (ms <= lastMs) {
      ms = lastMs;
      counter += 1;
      if (counter > 0xfff) {
        // Borrowing the next millisecond keeps the order when more than ~2048 ids are made in one.
        ms += 1;
        counter = seedCounter(bytes);
      }
    } else {
      counter = seedCounter(bytes);
    }
    lastMs = ms;
    for (let i = 5; i >= 0; i--) {
      bytes[i] = ms % 256;
      ms = Math.floor(ms / 256);
    }
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

/** A random start keeps ids unguessable; the clear top bit leaves room for 2048 increments. */
function seedCounter(bytes: Uint8Array): number {
  return ((bytes[6]! << 8) | bytes[7]!) & 0x7ff;
}

/**
 * A new time-ordered UUIDv7, e.g. to know an interaction's id before logging it.
 * @example const id = uuidv7(); // '019a6f2e-8c1b-7d3a-9f0e-2b4c6d8e0a1f'
 */
export const uuidv7: (now?: number) => string = uuidv7Generator();
