/**
 * UUIDv7 (RFC 9562): the signal id is the server's idempotency key, and time-ordered ids keep its
 * dedupe index fast. Web Crypto's getRandomValues only (randomUUID needs a secure context).
 * The 48-bit millisecond time (plus 2^48, so it pads to 12 hex digits behind a leading 1), then one hex
 * digit per random byte; the version (7) and variant (8: binary 10 plus two zero bits) are put in
 * between. 72 random bits are plenty for a per-millisecond key.
 */
export const uuidv7 = (now: number): string =>
  crypto
    .getRandomValues(new Uint8Array(18))
    .reduce((hex, x) => hex + (x & 15).toString(16), (now + 2 ** 48).toString(16).slice(1))
    .replace(/(.{8})(.{4})(.{3})(.{3})/, '$1-$2-7$3-8$4-');
