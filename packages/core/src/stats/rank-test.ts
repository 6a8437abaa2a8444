import { twoSidedP } from './normal.js';

export interface RankTest {
  /** Mann–Whitney U of the first sample. */
  u: number;
  z: number;
  pValue: number;
  /** P(a value from b beats one from a) + half the ties: 0.5 means no difference. */
  probabilityBHigher: number;
}

/**
 * Mann–Whitney U (Wilcoxon rank-sum), two-sided, normal approximation with tie and continuity
 * corrections — the right test for 1–5 ratings, which are ordinal and heavily tied.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): RankTest {
  return mannWhitneyFromCounts(countValues(a), countValues(b));
}

function countValues(values: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * The same test from value → count tables (a rating distribution), so a million ratings cost five
 * table entries rather than a million-element sort.
 */
export function mannWhitneyFromCounts(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): RankTest {
  const total = (m: ReadonlyMap<number, number>) => [...m.values()].reduce((s, n) => s + n, 0);
  const n1 = total(a);
  const n2 = total(b);
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, pValue: 1, probabilityBHigher: 0.5 };
  const values = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  let rankSumA = 0;
  let tieTerm = 0;
  let below = 0;
  for (const v of values) {
    const inA = a.get(v) ?? 0;
    const count = inA + (b.get(v) ?? 0);
    if (count === 0) continue;
    rankSumA += inA * (below + (count + 1) / 2);
    tieTerm += count ** 3 - count;
    below += count;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const probabilityBHigher = 1 - u / (n1 * n2);
  if (!(variance > 0)) return { u, z: 0, pValue: 1, probabilityBHigher };
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = (Math.sign(mean - u) * distance) / Math.sqrt(variance);
  return { u, z, pValue: twoSidedP(z), probabilityBHigher };
}
