/** Models and prompt versions side by side: each arm's rates with intervals, and each arm against the baseline. */
import type { ArmComparison, Comparison, MeanInterval, RateComparison, WeeklyReport } from '../analysis/types.js';
import {
  formatCount,
  formatDimension,
  formatMean,
  formatMeanDifference,
  formatPercent,
  formatPercentRange,
  formatPoints,
  formatPValue,
  formatRateFull,
  formatSample,
  formatValue,
  NONE,
} from './format.js';
import { type Block, heading, paragraph, type Section, table } from './report-document.js';
import { countCell, estimateOf, hasVotes, perInteractionCell, rateCell, ratingCell, votes } from './report-measures.js';

const armName = (value: string, baseline: string) =>
  value === baseline ? `${formatValue(value)} (baseline)` : formatValue(value);

/** How many more votes per arm would settle it: "1,240 (940 more)". */
function neededCell(c: RateComparison): string {
  if (c.significant) return 'reached';
  if (c.samplesNeededPerArm === null || !Number.isFinite(c.samplesNeededPerArm)) return NONE;
  const have = Math.min(c.baseline.trials, c.other.trials);
  return `${formatCount(c.samplesNeededPerArm)} (${formatCount(Math.max(0, c.samplesNeededPerArm - have))} more)`;
}

const rateRow = (measure: string, c: RateComparison): string[] => [
  measure,
  formatRateFull(c.baseline),
  formatRateFull(c.other),
  formatPoints(c.difference),
  formatPValue(c.pValue),
  c.significant ? 'yes' : 'no',
  neededCell(c),
];

const meanText = (m: MeanInterval) =>
  m.count > 0 && m.estimate !== null
    ? `${formatMean(m.estimate)} (${formatMean(m.low)}–${formatMean(m.high)}, ${formatSample(m.count)})`
    : `${NONE} (${formatSample(0)})`;

function armBlocks(comparison: Comparison, arm: ArmComparison): Block[] {
  const baseline = formatValue(comparison.baseline);
  const other = formatValue(arm.value);
  const rows = [rateRow('Positive rate', arm.positiveRate)];
  if (arm.rating) {
    const r = arm.rating;
    rows.push([
      'Rating mean',
      meanText(r.baselineMean),
      meanText(r.otherMean),
      formatMeanDifference(
        r.otherMean.estimate !== null && r.baselineMean.estimate !== null
          ? r.otherMean.estimate - r.baselineMean.estimate
          : null,
      ),
      formatPValue(r.pValue),
      r.significant ? 'yes' : 'no',
      NONE,
    ]);
  }
  rows.push(rateRow('Regenerate rate', arm.regenerateRate), rateRow('Correction rate', arm.correctionRate));
  const blocks: Block[] = [
    paragraph({ strong: `${other} vs ${baseline}:` }, ` ${arm.verdict}`),
    table(
      `${other} against the baseline ${baseline}`,
      [
        { label: 'Measure' },
        { label: `${baseline} (baseline)`, numeric: true },
        { label: other, numeric: true },
        { label: 'Difference', numeric: true },
        { label: 'p-value', numeric: true },
        { label: 'Significant', numeric: true },
        { label: 'Sample needed per arm', numeric: true },
      ],
      rows,
    ),
  ];
  if (arm.rating && arm.rating.baselineMean.count > 0 && arm.rating.otherMean.count > 0) {
    blocks.push(
      paragraph(
        `A rating for ${other} beats one for ${baseline} with probability ${formatPercent(arm.rating.probabilityOtherHigher)} (ties halved; Mann–Whitney test).`,
      ),
    );
  }
  return blocks;
}

function comparisonBlocks(comparison: Comparison, index: number): Block[] {
  const dimension = formatDimension(comparison.dimension);
  return [
    heading(`By ${dimension}, against ${formatValue(comparison.baseline)}`),
    paragraph(
      `${comparison.arms.length} arms; each is tested against the baseline at α = ${comparison.alpha}. “Sample needed per arm” is the sample a test would need to call the observed difference significant (80% power).`,
    ),
    {
      kind: 'chart',
      id: `comparison-${index + 1}`,
      caption: `Positive rate by ${dimension}, with 95% intervals`,
      chart: {
        type: 'interval',
        spec: {
          ariaLabel: `Positive rate by ${dimension} with 95% Wilson intervals: ${comparison.arms
            .map((a) => `${armName(a.value, comparison.baseline)} ${formatRateFull(a.measures.positiveRate)}`)
            .join('; ')}.`,
          formatTick: (v) => `${Math.round(v * 100)}%`,
          rows: comparison.arms.map((a) => {
            const rate = a.measures.positiveRate;
            return {
              label: armName(a.value, comparison.baseline),
              estimate: estimateOf(rate),
              low: rate.low,
              high: rate.high,
              reference: a.value === comparison.baseline,
              tooltip: `${armName(a.value, comparison.baseline)}: ${hasVotes(rate) ? `${formatPercent(rate.estimate)} positive, 95% CI ${formatPercentRange(rate.low, rate.high)}` : 'no votes'}, ${formatSample(rate.trials)}`,
            };
          }),
        },
      },
    },
    table(
      `Arms by ${dimension}`,
      [
        { label: 'Arm' },
        { label: 'Interactions', numeric: true },
        { label: 'Votes', numeric: true },
        { label: 'Positive rate (95% CI)', numeric: true },
        { label: 'Rating mean', numeric: true },
        { label: 'Regenerate rate', numeric: true },
        { label: 'Correction rate', numeric: true },
      ],
      comparison.arms.map((a) => [
        armName(a.value, comparison.baseline),
        countCell(a.measures.interactions),
        countCell(votes(a.measures)),
        rateCell(a.measures.positiveRate),
        ratingCell(a.measures),
        perInteractionCell(a.measures.regenerateRate),
        perInteractionCell(a.measures.correctionRate),
      ]),
    ),
    ...comparison.comparisons.flatMap((arm) => armBlocks(comparison, arm)),
  ];
}

export function comparisonsSection(report: WeeklyReport): Section {
  const blocks =
    report.comparisons.length === 0
      ? [paragraph('No comparison this week: no model or prompt dimension had two or more arms with data.')]
      : report.comparisons.flatMap(comparisonBlocks);
  return { id: 'comparisons', title: 'Model and prompt comparisons', blocks };
}
