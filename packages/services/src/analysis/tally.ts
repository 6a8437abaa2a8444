/**
 * From rollup cells to the measures a person reads: counts after latest-vote-wins and the abuse filter,
 * rates with Wilson intervals. The same arithmetic serves every view, so they cannot disagree.
 */
import { wilsonInterval } from '@feedloop/core';
import type { AdjustmentCell, Cell } from './rollup-cells.js';
import type { FilteredSummary, Measures, Rate, Tally } from './types.js';

const INTERACTION_METRIC = '$interaction';
export const SUPERSEDED = 'superseded';

export const emptyTally = (): Tally => ({
  interactions: 0,
  signals: {},
  thumbsUp: 0,
  thumbsDown: 0,
  ratings: {},
  ratingSum: 0,
  outcomeSuccess: 0,
  outcomeFailure: 0,
});

/** Adds (weight 1) or removes (weight −1) one cell. A take-back (thumbs 0) is not a vote. */
export function addCell(tally: Tally, cell: Cell, weight: 1 | -1 = 1): void {
  const count = weight * cell.count;
  if (cell.metric === INTERACTION_METRIC) {
    tally.interactions += count;
    return;
  }
  if (cell.metric === 'thumbs') {
    if (cell.valueKey === '1') tally.thumbsUp += count;
    else if (cell.valueKey === '-1') tally.thumbsDown += count;
    else return;
  } else if (cell.metric === 'rating' && cell.valueKey !== '') {
    tally.ratings[cell.valueKey] = (tally.ratings[cell.valueKey] ?? 0) + count;
    tally.ratingSum += weight * cell.valueSum;
  } else if (cell.metric === 'outcome') {
    if (cell.valueKey === 'success') tally.outcomeSuccess += count;
    else if (cell.valueKey === 'failure') tally.outcomeFailure += count;
  }
  tally.signals[cell.metric] = (tally.signals[cell.metric] ?? 0) + count;
}

export function mergeTally(into: Tally, from: Tally): void {
  into.interactions += from.interactions;
  into.thumbsUp += from.thumbsUp;
  into.thumbsDown += from.thumbsDown;
  into.ratingSum += from.ratingSum;
  into.outcomeSuccess += from.outcomeSuccess;
  into.outcomeFailure += from.outcomeFailure;
  for (const [k, v] of Object.entries(from.signals)) into.signals[k] = (into.signals[k] ?? 0) + v;
  for (const [k, v] of Object.entries(from.ratings)) into.ratings[k] = (into.ratings[k] ?? 0) + v;
}

/**
 * Tallies per group: all cells, minus superseded votes always, minus abuse set-asides unless unfiltered.
 */
export function tallyByGroup(
  cells: readonly Cell[],
  adjustments: readonly AdjustmentCell[],
  unfiltered: boolean,
): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const of = (group: string) => {
    let tally = tallies.get(group);
    if (!tally) {
      tally = emptyTally();
      tallies.set(group, tally);
    }
    return tally;
  };
  for (const cell of cells) addCell(of(cell.group), cell);
  for (const cell of adjustments) {
    if (cell.reason === SUPERSEDED || !unfiltered) addCell(of(cell.group), cell, -1);
  }
  return tallies;
}

export function summariseFiltered(adjustments: readonly AdjustmentCell[], unfiltered: boolean): FilteredSummary {
  let superseded = 0;
  const byReason: Record<string, number> = {};
  for (const cell of adjustments) {
    if (cell.metric === INTERACTION_METRIC) continue;
    if (cell.reason === SUPERSEDED) superseded += cell.count;
    else byReason[cell.reason] = (byReason[cell.reason] ?? 0) + cell.count;
  }
  const total = Object.values(byReason).reduce((s, n) => s + n, 0);
  return { superseded, byReason, total, applied: !unfiltered };
}

export function rate(successes: number, trials: number): Rate {
  const { estimate, low, high } = wilsonInterval({ successes, trials });
  return { estimate: trials === 0 ? null : estimate, low, high, successes, trials };
}

export function measuresOf(t: Tally): Measures {
  const ratingCount = Object.values(t.ratings).reduce((s, n) => s + n, 0);
  const edits = t.signals.edit ?? 0;
  const regenerations = t.signals.regenerate ?? 0;
  return {
    interactions: t.interactions,
    signals: Object.fromEntries(Object.entries(t.signals).filter(([, n]) => n !== 0)),
    positiveRate: rate(t.thumbsUp, t.thumbsUp + t.thumbsDown),
    ratingCount,
    ratingMean: ratingCount > 0 ? t.ratingSum / ratingCount : null,
    ratingDistribution: Object.fromEntries(Object.entries(t.ratings).filter(([, n]) => n !== 0)),
    // Rates per interaction are capped at 1 so a Wilson interval still applies (two edits of one answer).
    correctionRate: rate(Math.min(edits, t.interactions), t.interactions),
    regenerateRate: rate(Math.min(regenerations, t.interactions), t.interactions),
    outcomeSuccessRate: rate(t.outcomeSuccess, t.outcomeSuccess + t.outcomeFailure),
  };
}
