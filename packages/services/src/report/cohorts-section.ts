/** Cohorts whose positive rate moved significantly since the previous week. */
import type { WeeklyReport } from '../analysis/types.js';
import { formatDimension, formatPoints, formatPValue, formatRateShort, formatValue } from './format.js';
import { paragraph, type Section, table } from './report-document.js';

export function cohortsSection(report: WeeklyReport): Section {
  const moves = report.movedCohorts;
  if (moves.length === 0) {
    return {
      id: 'cohorts',
      title: 'Cohorts that moved',
      blocks: [
        paragraph('None moved significantly: no cohort’s positive rate changed significantly from the previous week.'),
      ],
    };
  }
  return {
    id: 'cohorts',
    title: 'Cohorts that moved',
    blocks: [
      paragraph(
        `${moves.length} ${moves.length === 1 ? 'cohort' : 'cohorts'} changed positive rate significantly from the previous week (two-proportion test).`,
      ),
      table(
        'Cohorts whose positive rate moved significantly',
        [
          { label: 'Dimension' },
          { label: 'Cohort' },
          { label: 'Previous week', numeric: true },
          { label: 'This week', numeric: true },
          { label: 'Change', numeric: true },
          { label: 'p-value', numeric: true },
        ],
        moves.map((m) => [
          formatDimension(m.dimension),
          formatValue(m.value),
          formatRateShort(m.before),
          formatRateShort(m.after),
          formatPoints(m.difference),
          formatPValue(m.pValue),
        ]),
      ),
    ],
  };
}
