/**
 * UUIDv7 (RFC 9562): the signal id is the server's idempotency key, and time-ordered ids keep its
 * dedupe index fast. Web Crypto's getRandomValues only (randomUUID needs a secure context).
 */
export function uuidv7(now: number = Date.now()): string {
  // One hex digit per random byte keeps this short; 76 random bits are plenty for a per-ms key.
  const r = Array.from(crypto.getRandomValues(new Uint8Array(20)), (x) => (x & 15).toString(16)).join('');
  // Adding 2^48 pads the 48-bit millisecond time to 12 digits behind a leading 1.
  const t = (now + 2 ** 48).toString(16);
  const variant = '89ab'[parseInt(r[3] ?? '0', 16) & 3];
  return `${t.slice(1, 9)}-${t.slice(9)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(8)}`;
}
