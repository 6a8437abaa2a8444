/** What latest-vote-wins and the abuse filter set aside, and how to see the numbers without the filter. */
import type { WeeklyReport } from '../analysis/types.js';
import { formatCount } from './format.js';
import { paragraph, type Section, table } from './report-document.js';

export const UNFILTERED_COMMAND = 'feedloop report --unfiltered';

export function filteredSection(report: WeeklyReport): Section {
  const f = report.filtered;
  const reasons = Object.entries(f.byReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const setAside = reasons.reduce((sum, [, n]) => sum + n, 0);
  return {
    id: 'filtered',
    title: 'What was filtered',
    blocks: [
      paragraph(
        'Superseded votes (latest vote wins): ',
        { strong: formatCount(f.superseded) },
        '. When a user votes again on the same interaction, only their latest vote counts.',
      ),
      reasons.length
        ? table(
            `Signals ${f.applied ? 'set aside' : 'flagged'} by the abuse filter, per reason`,
            [{ label: 'Reason' }, { label: 'Signals', numeric: true }],
            [...reasons.map(([reason, n]) => [reason, formatCount(n)]), ['All reasons', formatCount(setAside)]],
          )
        : paragraph('The abuse filter set nothing aside this week.'),
      f.applied
        ? paragraph(
            'The numbers above exclude these signals: superseded votes and everything the abuse filter set aside. To see the unfiltered view, run ',
            { code: UNFILTERED_COMMAND },
            '.',
          )
        : paragraph(
            'This report is unfiltered: the signals the abuse filter flagged are counted in the numbers above (superseded votes never are). Run ',
            { code: 'feedloop report' },
            ' without ',
            { code: '--unfiltered' },
            ' for the filtered view.',
          ),
    ],
  };
}
