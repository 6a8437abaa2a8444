const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

/** A dotted-quad IPv4 address with octets 0–255 and no leading zeros. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p));
}

/**
 * An IPv6 address in full, compressed (`::`) or IPv4-embedded form (RFC 4291 §2.2). Zone ids and
 * brackets are left to the caller.
 */
export function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const [head = '', tail] = halves;
  const groups = [...splitGroups(head), ...(tail === undefined ? [] : splitGroups(tail))];
  if (groups.some((g) => g === null)) return false;
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? '';
    const last = i === groups.length - 1;
    if (last && g.includes('.')) {
      if (!isIpv4(g)) return false;
      count += 2;
    } else if (HEXTET.test(g)) {
      count += 1;
    } else {
      return false;
    }
  }
  return tail === undefined ? count === 8 : count <= 7;
}

// An empty half means `::` sat at that edge; otherwise every group must be non-empty.
function splitGroups(half: string): Array<string | null> {
  if (half === '') return [];
  return half.split(':').map((g) => (g === '' ? null : g));
}
