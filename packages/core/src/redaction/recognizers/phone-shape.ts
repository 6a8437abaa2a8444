interface DigitGroup {
  readonly digits: string;
  readonly parenthesized: boolean;
}

const GROUP = /\((\d+)\)|(\d+)/g;

/**
 * Whether a run of digit groups (as cut out by the phone recognizer) is shaped like a phone number.
 * Digits alone cannot tell a phone from a date, a price or an order number, so the grouping decides:
 *
 * - `+` and a 1–3 digit country code, 8–15 digits in all (E.164): `+44 20 7946 0958`, `+14155552671`;
 * - North American: 3-3-4 with an area code starting 2–9, optionally after a `1`: `(415) 555-2671`;
 * - a parenthesised area code, 9–12 digits: `(020) 7946 0958`;
 * - a national trunk prefix `0` in a group of 2–5 digits, then groups of 2–8, 9–12 digits in all:
 *   `020 7946 0958`, `030 901820`, `01 23 45 67 89`, `044 668 18 00`, `03-1234-5678`.
 *
 * Everything else is rejected: bare digit strings without `+` (order numbers), 7-digit local numbers
 * (too easily a range like `100-2000`), 4-2-2 dates, SSN-shaped 3-2-4.
 */
export function isPhoneShaped(candidate: string): boolean {
  const groups: DigitGroup[] = [];
  let total = 0;
  GROUP.lastIndex = 0;
  for (let m = GROUP.exec(candidate); m !== null; m = GROUP.exec(candidate)) {
    const digits = m[1] ?? m[2] ?? '';
    groups.push({ digits, parenthesized: m[1] !== undefined });
    total += digits.length;
  }
  const first = groups[0];
  if (first === undefined) return false;
  if (candidate.startsWith('+')) return isInternational(groups, total);
  return isNorthAmerican(groups) || hasParenthesizedAreaCode(groups, total) || hasTrunkPrefix(groups, total);
}

function isInternational(groups: readonly DigitGroup[], total: number): boolean {
  const countryCode = groups[0];
  if (countryCode === undefined || total < 8 || total > 15 || countryCode.parenthesized) return false;
  if (groups.length === 1) return true;
  return countryCode.digits.length <= 3 && !countryCode.digits.startsWith('0');
}

/** National formats parenthesise only the area code; a `(0)` trunk belongs to international ones. */
function parenthesesOnlyAt(groups: readonly DigitGroup[], index: number): boolean {
  return groups.every((g, i) => !g.parenthesized || i === index);
}

function isNorthAmerican(groups: readonly DigitGroup[]): boolean {
  const lengths = groups.map((g) => g.digits.length).join(',');
  if (lengths === '3,3,4') return parenthesesOnlyAt(groups, 0) && /^[2-9]/.test(groups[0]?.digits ?? '');
  if (lengths !== '1,3,3,4' || groups[0]?.digits !== '1') return false;
  return parenthesesOnlyAt(groups, 1) && /^[2-9]/.test(groups[1]?.digits ?? '');
}

function hasParenthesizedAreaCode(groups: readonly DigitGroup[], total: number): boolean {
  const area = groups[0];
  if (area === undefined || !area.parenthesized || !parenthesesOnlyAt(groups, 0)) return false;
  if (area.digits.length < 2 || area.digits.length > 5 || total < 9 || total > 12) return false;
  return groups.slice(1).every((g) => g.digits.length >= 2);
}

function hasTrunkPrefix(groups: readonly DigitGroup[], total: number): boolean {
  const trunk = groups[0];
  if (trunk === undefined || groups.length < 2 || total < 9 || total > 12) return false;
  if (groups.some((g) => g.parenthesized)) return false;
  if (!/^0[1-9]/.test(trunk.digits) || trunk.digits.length > 5) return false;
  const lengths = groups.map((g) => g.digits.length);
  // 3-2-4 is how SSNs are written; the SSN recognizer decides about those.
  if (lengths.join(',') === '3,2,4') return false;
  return lengths.slice(1).every((n) => n >= 2 && n <= 8);
}
