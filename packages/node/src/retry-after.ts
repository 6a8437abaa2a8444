/**
 * Reads an HTTP `Retry-After` header (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date in any of the three
 * forms a recipient must accept. Anything else is ignored rather than guessed at, so a garbled header falls
 * back to ordinary backoff.
 */

/** A server asking for longer than this is most likely misconfigured; waiting longer would stall shutdown. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
const RFC_850 = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/i;
const ASCTIME = /^[a-z]{3} ([a-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

/** Milliseconds to wait from `now`, or `undefined` when the header is absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS);
  const at = parseHttpDate(value, now);
  if (at === undefined) return undefined;
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS);
}

function parseHttpDate(value: string, now: number): number | undefined {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(m[3], m[2], m[1], m[4], m[5], m[6]);
  m = RFC_850.exec(value);
  if (m) return utc(fullYear(Number(m[3]), now), m[2], m[1], m[4], m[5], m[6]);
  m = ASCTIME.exec(value);
  if (m) return utc(m[6], m[1], m[2], m[3], m[4], m[5]);
  return undefined;
}

/** RFC 9110: a two-digit year more than 50 years in the future is in the past century. */
function fullYear(twoDigits: number, now: number): string {
  const year = 2000 + twoDigits;
  return String(year > new Date(now).getUTCFullYear() + 50 ? year - 100 : year);
}

type Part = string | undefined;

function utc(year: Part, month: Part, day: Part, hour: Part, minute: Part, second: Part): number | undefined {
  const y = Number(year);
  const mo = MONTHS.indexOf((month ?? '').toLowerCase());
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 0 || h > 23 || mi > 59 || s > 60) return undefined;
  const at = Date.UTC(y, mo, d, h, mi, s);
  // Date.UTC rolls 31 Feb over into March; a real date survives the round trip.
  return new Date(at).getUTCDate() === d ? at : undefined;
}
