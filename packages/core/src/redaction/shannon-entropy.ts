/**
 * Shannon entropy of the characters of `text`, in bits per character. Random base62 strings of
 * 20–40 characters score about 4.0–4.9; English words and repeated patterns score far lower.
 */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let total = 0;
  for (const n of counts.values()) total += n;
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}
