/** The week's failure themes: each theme's share of the failure pool against the week before, by category too. */
import type { WeeklyReport } from '../analysis/types.js';
import { formatCount } from './format.js';
import { paragraph, type Section, table } from './report-document.js';

const percent = (r: { estimate: number | null; trials: number }) =>
  r.estimate === null || Number.isNaN(r.estimate)
    ? `— (n = ${formatCount(r.trials)})`
    : `${(100 * r.estimate).toFixed(1)}%`;

export function themesSection(report: WeeklyReport): Section {
  const t = report.themes;
  if (t === null) {
    return {
      id: 'themes',
      title: 'Themes',
      blocks: [paragraph('No themes yet. Run ', { code: 'feedloop themes run' }, ' to cluster failures and comments.')],
    };
  }
  return {
    id: 'themes',
    title: 'Themes',
    blocks: [
      paragraph(
        `${formatCount(t.poolSize)} interactions with negative evidence or a comment this week; ${formatCount(t.noise)} fit no theme.`,
      ),
      table(
        'Failure categories: share of this week’s pool against the week before',
        [{ label: 'Category' }, { label: 'This week', numeric: true }, { label: 'Week before', numeric: true }],
        t.categories.map((c) => [c.category, percent(c.share), percent(c.previousShare)]),
      ),
      table(
        'Themes, largest first',
        [
          { label: 'Theme' },
          { label: 'Category' },
          { label: 'Items', numeric: true },
          { label: 'Share', numeric: true },
          { label: 'Week before', numeric: true },
          { label: 'Example' },
        ],
        t.themes
          .filter((theme) => theme.size > 0)
          .map((theme) => [
            theme.label,
            theme.category,
            formatCount(theme.size),
            `${percent(theme.share)}${theme.trendSignificant ? ' (changed significantly)' : ''}`,
            percent(theme.previousShare),
            theme.example ?? '—',
          ]),
      ),
    ],
  };
}
