/** The "we improved on X" notes approved this week, and the drafts still waiting for a decision. */
import type { WeeklyReport } from '../analysis/types.js';
import { formatCount } from './format.js';
import { paragraph, type Section } from './report-document.js';

export function releaseNotesSection(report: WeeklyReport): Section {
  const { approved, draftsWaiting } = report.releaseNotes;
  const waiting =
    draftsWaiting > 0
      ? paragraph(
          `${formatCount(draftsWaiting)} drafted note${draftsWaiting === 1 ? '' : 's'} wait for a decision: `,
          { code: 'feedloop notes list --status draft' },
          '.',
        )
      : paragraph('No drafted notes are waiting for a decision.');
  return {
    id: 'release-notes',
    title: 'What we improved',
    blocks: [
      approved.length > 0
        ? { kind: 'list', items: approved.map((n) => [{ strong: n.title }, ` — ${n.body}`]) }
        : paragraph('No release notes were approved this week.'),
      waiting,
    ],
  };
}
