/** How much of the usage leaves a signal: implicit capture (with its maturity tier) and explicit engagement. */
import type { CaptureTier, Rate, WeeklyReport } from '../analysis/types.js';
import { formatCount, formatPercent, formatPercentRange, formatSample } from './format.js';
import { paragraph, type Section, table } from './report-document.js';
import { estimateOf, hasVotes } from './report-measures.js';

/** The implicit capture tiers (share of sessions producing a usable implicit signal), best first. */
export const CAPTURE_TIERS: ReadonlyArray<{ tier: CaptureTier; range: string }> = [
  { tier: 'Mature', range: '> 50%' },
  { tier: 'Healthy', range: '25–50%' },
  { tier: 'Building', range: '10–25%' },
  { tier: 'Capture-only', range: '< 10%' },
];

const ci = (rate: Rate) =>
  hasVotes(rate) ? ` (95% CI ${formatPercentRange(rate.low, rate.high)})` : ` (${formatSample(0)})`;

export function captureSection(report: WeeklyReport): Section {
  const { capture, agreement } = report;
  const range = CAPTURE_TIERS.find((t) => t.tier === capture.tier)?.range;
  return {
    id: 'capture',
    title: 'Capture rate',
    blocks: [
      paragraph(
        'Implicit capture: ',
        { strong: formatPercent(estimateOf(capture.implicitRate)) },
        `${ci(capture.implicitRate)}: ${formatCount(capture.sessionsWithImplicit)} of ${formatCount(capture.sessions)} sessions produced a usable implicit signal. Tier `,
        { strong: capture.tier },
        range ? ` (${range} of sessions)` : '',
        capture.tier === 'Capture-only' ? ': signals are captured, but the loop is not closed yet.' : '.',
      ),
      paragraph(
        'Explicit engagement: ',
        { strong: formatPercent(estimateOf(capture.explicitRate)) },
        `${ci(capture.explicitRate)}: ${formatCount(capture.sessionsWithExplicit)} of ${formatCount(capture.sessions)} sessions left explicit feedback (thumbs, rating, comment).`,
      ),
      table(
        'Implicit capture tiers (share of sessions with a usable implicit signal)',
        [{ label: 'Tier' }, { label: 'Implicit capture rate', numeric: true }, { label: 'This week' }],
        CAPTURE_TIERS.map((t) => [
          t.tier,
          t.range,
          t.tier === capture.tier ? `◀ ${formatPercent(estimateOf(capture.implicitRate))}` : '',
        ]),
      ),
      agreement.interactions > 0
        ? paragraph(
            'Implicit and explicit evidence agree on ',
            { strong: formatPercent(estimateOf(agreement.agreementRate)) },
            `${ci(agreement.agreementRate)} of the ${formatCount(agreement.interactions)} interactions that have both (${formatCount(agreement.agree)} agree). ` +
              `Thumbs down although implicit evidence was positive: ${formatCount(agreement.explicitNegativeImplicitPositive)} (the negativity bias of explicit ratings); ` +
              `thumbs up although implicit evidence was negative: ${formatCount(agreement.explicitPositiveImplicitNegative)}.`,
          )
        : paragraph(
            `No interaction had both implicit and explicit evidence this week (${formatSample(0)}), so their agreement is unknown.`,
          ),
    ],
  };
}
