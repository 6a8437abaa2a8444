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
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, pValue: 1, probabilityBHigher: 0.5 };
  const all = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) => x.v - y.v);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]?.v === all[i]?.v) j++;
    const count = j - i + 1;
    const averageRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (all[k]?.first) rankSumA += averageRank;
    tieTerm += count ** 3 - count;
    i = j + 1;
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
