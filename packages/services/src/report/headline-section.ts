/** The few lines a lead reads first: the positive rate against last week, and the volumes. */
import type { WeeklyReport } from '../analysis/types.js';
import {
  formatChange,
  formatCount,
  formatMean,
  formatPercent,
  formatPercentRange,
  formatPoints,
  formatPValue,
  formatRateShort,
  formatSample,
} from './format.js';
import { type Inline, paragraph, type Section } from './report-document.js';
import { hasVotes, signalTotal, votes } from './report-measures.js';
import { HEADLINE_ALPHA, positiveRateChange } from './week-over-week.js';

const withPrevious = (current: number, previous: number): string =>
  `${formatCount(current)} (previous week ${formatCount(previous)}, ${formatChange(previous, current)})`;

function rateSentence(report: WeeklyReport): Inline[] {
  const current = report.daily.total.positiveRate;
  const previous = report.previousWeek.positiveRate;
  if (!hasVotes(current)) {
    return [`Positive rate this week: `, { strong: '—' }, ` (${formatSample(0)}): no thumbs votes this week.`];
  }
  const lead: Inline[] = [
    'Positive rate this week: ',
    { strong: formatPercent(current.estimate) },
    ` (95% CI ${formatPercentRange(current.low, current.high)}, ${formatSample(current.trials)} votes)`,
  ];
  const change = positiveRateChange(report);
  if (change === null) {
    return [...lead, `; previous week ${formatRateShort(previous)}: no votes to compare with.`];
  }
  const verdict = change.significant
    ? `a significant change (two-proportion test, p = ${formatPValue(change.pValue)})`
    : `not significant (two-proportion test, p = ${formatPValue(change.pValue)} ≥ ${HEADLINE_ALPHA}): the two weeks cannot be told apart yet`;
  return [
    ...lead,
    `, against ${formatRateShort(previous)} the week before: `,
    { strong: formatPoints(change.difference) },
    `, ${verdict}.`,
  ];
}

export function headlineSection(report: WeeklyReport): Section {
  const now = report.daily.total;
  const before = report.previousWeek;
  const setAside = Object.values(report.filtered.byReason).reduce((sum, n) => sum + n, 0);
  return {
    id: 'headline',
    title: 'Headline',
    blocks: [
      paragraph(...rateSentence(report)),
      {
        kind: 'list',
        items: [
          [`Interactions: ${withPrevious(now.interactions, before.interactions)}`],
          [`Thumbs votes: ${withPrevious(votes(now), votes(before))}`],
          [`All signals: ${withPrevious(signalTotal(now), signalTotal(before))}`],
          [
            `Ratings: ${formatCount(now.ratingCount)}, mean ${now.ratingCount > 0 ? formatMean(now.ratingMean) : '—'} (previous week ${formatCount(before.ratingCount)}, mean ${before.ratingCount > 0 ? formatMean(before.ratingMean) : '—'})`,
          ],
          [
            `Cohorts that moved significantly: ${formatCount(report.movedCohorts.length)}; model and prompt comparisons: ${formatCount(report.comparisons.length)}`,
          ],
          [
            `Set aside: ${formatCount(report.filtered.superseded)} superseded votes and ${formatCount(setAside)} signals ${report.filtered.applied ? 'excluded' : 'flagged'} by the abuse filter (see “What was filtered”)`,
          ],
        ],
      },
    ],
  };
}
