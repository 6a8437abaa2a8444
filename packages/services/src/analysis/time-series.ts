/** Measures over time, from the rollups: one point per bucket in range, empty buckets included. */
import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { bucketStart, nextBucket, readAdjustments, readCells } from './rollup-cells.js';
import { emptyTally, measuresOf, mergeTally, summariseFiltered, tallyByGroup } from './tally.js';
import type { AnalysisFilter, Granularity, TimeSeries } from './types.js';

/** More points than a chart can show is a request mistake, not a reason to build a huge response. */
export const MAX_POINTS = 5000;

export class TooManyPointsError extends Error {
  constructor(readonly points: number) {
    super(`the range holds ${points} buckets; at most ${MAX_POINTS} — use a coarser granularity or a shorter range`);
    this.name = 'TooManyPointsError';
  }
}

export async function timeSeries(
  db: Kysely<Database>,
  filter: AnalysisFilter,
  granularity: Granularity,
): Promise<TimeSeries> {
  const first = bucketStart(filter.from, granularity);
  const count = Math.ceil((filter.to - first) / (nextBucket(first, granularity) - first));
  if (count > MAX_POINTS) throw new TooManyPointsError(count);
  const grouping = { by: 'bucket', granularity } as const;
  const [cells, adjustments] = await Promise.all([
    readCells(db, filter, grouping),
    readAdjustments(db, filter, grouping),
  ]);
  const unfiltered = filter.unfiltered === true;
  const tallies = tallyByGroup(cells, adjustments, unfiltered);
  const total = emptyTally();
  const points = [];
  for (let start = first; start < filter.to; start = nextBucket(start, granularity)) {
    const tally = tallies.get(String(start)) ?? emptyTally();
    mergeTally(total, tally);
    points.push({ bucketStart: start, measures: measuresOf(tally) });
  }
  return {
    granularity,
    filter,
    points,
    total: measuresOf(total),
    filtered: summariseFiltered(adjustments, unfiltered),
  };
}
