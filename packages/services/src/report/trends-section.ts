/** This week day by day and the last weeks week by week: tables, plus the charts in HTML. */
import type { Measures, WeeklyReport } from '../analysis/types.js';
import {
  formatCount,
  formatDate,
  formatDay,
  formatDayShort,
  formatPercent,
  formatPercentRange,
  formatWeekShort,
  NONE,
} from './format.js';
import { type Block, type Column, heading, paragraph, type Section, table } from './report-document.js';
import {
  countCell,
  estimateOf,
  hasVotes,
  perInteractionCell,
  rateCell,
  ratingCell,
  type Slot,
  seriesSlots,
  signalTotal,
  thumbsDown,
  thumbsUp,
  votes,
} from './report-measures.js';
import type { LinePoint } from './svg-line-chart.js';

const percentTick = (v: number) => `${Math.round(v * 100)}%`;

const DAILY_COLUMNS: Column[] = [
  { label: 'Day' },
  { label: 'Interactions', numeric: true },
  { label: 'Thumbs up', numeric: true },
  { label: 'Thumbs down', numeric: true },
  { label: 'Positive rate (95% CI)', numeric: true },
  { label: 'Rating mean', numeric: true },
  { label: 'Correction rate', numeric: true },
  { label: 'Regenerate rate', numeric: true },
];

const dailyRow = (label: string, m: Measures): string[] => [
  label,
  countCell(m.interactions),
  countCell(thumbsUp(m)),
  countCell(thumbsDown(m)),
  rateCell(m.positiveRate),
  ratingCell(m),
  perInteractionCell(m.correctionRate),
  perInteractionCell(m.regenerateRate),
];

const WEEKLY_COLUMNS: Column[] = [
  { label: 'Week of' },
  { label: 'Interactions', numeric: true },
  { label: 'Signals', numeric: true },
  { label: 'Thumbs votes', numeric: true },
  { label: 'Positive rate (95% CI)', numeric: true },
  { label: 'Rating mean', numeric: true },
  { label: 'Correction rate', numeric: true },
  { label: 'Regenerate rate', numeric: true },
];

const weeklyRow = (slot: Slot): string[] => [
  formatDate(slot.bucketStart),
  countCell(slot.measures.interactions),
  countCell(signalTotal(slot.measures)),
  countCell(votes(slot.measures)),
  rateCell(slot.measures.positiveRate),
  ratingCell(slot.measures),
  perInteractionCell(slot.measures.correctionRate),
  perInteractionCell(slot.measures.regenerateRate),
];

function dailyChartLabel(days: Slot[]): string {
  const withData = days.filter((d) => hasVotes(d.measures.positiveRate));
  const range = days.length ? ` from ${formatDay(days[0]!.bucketStart)} to ${formatDay(days.at(-1)!.bucketStart)}` : '';
  if (withData.length === 0) return `Daily positive rate${range}: no day has thumbs votes.`;
  const rateOf = (d: Slot) => estimateOf(d.measures.positiveRate) ?? 0;
  const byRate = [...withData].sort((a, b) => rateOf(a) - rateOf(b));
  const low = byRate[0]!;
  const high = byRate.at(-1)!;
  return (
    `Daily positive rate${range}, with its 95% Wilson interval as a shaded band. ` +
    `${withData.length} of ${days.length} days have votes; lowest ${formatPercent(low.measures.positiveRate.estimate)} on ${formatDay(low.bucketStart)}, ` +
    `highest ${formatPercent(high.measures.positiveRate.estimate)} on ${formatDay(high.bucketStart)}.`
  );
}

const linePoint = (day: Slot): LinePoint => {
  const rate = day.measures.positiveRate;
  return {
    label: formatDayShort(day.bucketStart),
    value: estimateOf(rate),
    low: rate.low,
    high: rate.high,
    tooltip: hasVotes(rate)
      ? `${formatDay(day.bucketStart)}: ${formatPercent(rate.estimate)} positive, 95% CI ${formatPercentRange(rate.low, rate.high)}, n = ${formatCount(rate.trials)} votes`
      : `${formatDay(day.bucketStart)}: no thumbs votes (n = 0)`,
  };
};

function weeklyChartLabel(weeks: Slot[]): string {
  if (weeks.length === 0) return 'Signals per week: no weeks to show.';
  const totals = weeks.map((w) => signalTotal(w.measures));
  return (
    `Signals per week for the ${weeks.length} weeks from ${formatDate(weeks[0]!.bucketStart)} to ${formatDate(weeks.at(-1)!.bucketStart)}: ` +
    `between ${formatCount(Math.min(...totals))} and ${formatCount(Math.max(...totals))} a week; the latest week ${formatCount(totals.at(-1)!)}.`
  );
}

export function trendsSection(report: WeeklyReport): Section {
  const days = seriesSlots(report.daily);
  const weeks = seriesSlots(report.weekly);
  const blocks: Block[] = [
    heading('Daily, this week'),
    {
      kind: 'chart',
      id: 'daily-positive-rate',
      caption: 'Positive rate per day (thumbs up ÷ all thumbs), with its 95% Wilson interval',
      chart: {
        type: 'line',
        spec: { ariaLabel: dailyChartLabel(days), points: days.map(linePoint), formatTick: percentTick },
      },
    },
    table(
      `Daily measures, ${days.length ? `${formatDate(days[0]!.bucketStart)} to ${formatDate(days.at(-1)!.bucketStart)}` : NONE} (UTC days)`,
      DAILY_COLUMNS,
      [
        ...days.map((d) => dailyRow(formatDay(d.bucketStart), d.measures)),
        dailyRow('This week', report.daily.total),
        dailyRow('Previous week', report.previousWeek),
      ],
    ),
    paragraph('Correction rate is edits per interaction; regenerate rate is regenerations per interaction.'),
    heading(`Last ${weeks.length} weeks`),
    {
      kind: 'chart',
      id: 'weekly-volume',
      caption: 'Signals received per week (all kinds)',
      chart: {
        type: 'bar',
        spec: {
          ariaLabel: weeklyChartLabel(weeks),
          formatTick: (v) => formatCount(v),
          bars: weeks.map((w) => ({
            label: formatWeekShort(w.bucketStart),
            value: signalTotal(w.measures),
            valueLabel: formatCount(signalTotal(w.measures)),
            tooltip: `Week of ${formatDate(w.bucketStart)}: ${formatCount(signalTotal(w.measures))} signals, ${formatCount(votes(w.measures))} thumbs votes, ${formatCount(w.measures.interactions)} interactions`,
          })),
        },
      },
    },
    table(
      `Weekly measures, last ${weeks.length} weeks (weeks start Monday, UTC)`,
      WEEKLY_COLUMNS,
      weeks.map(weeklyRow),
    ),
  ];
  return { id: 'trends', title: 'Trends', blocks };
}
