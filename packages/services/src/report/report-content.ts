/** What the weekly report says, section by section, before it is written as Markdown or HTML. */
import type { WeeklyReport } from '../analysis/types.js';
import { captureSection } from './capture-section.js';
import { cohortsSection } from './cohorts-section.js';
import { comparisonsSection } from './comparisons-section.js';
import { failuresSection } from './failures-section.js';
import { filteredSection } from './filtered-section.js';
import { formatDate, formatDateTime, lastDayOf } from './format.js';
import { headlineSection } from './headline-section.js';
import { releaseNotesSection } from './release-notes-section.js';
import type { ReportDocument } from './report-document.js';
import { themesSection } from './themes-section.js';
import { trendsSection } from './trends-section.js';

export function reportContent(report: WeeklyReport): ReportDocument {
  return {
    title: `Weekly feedback report: ${report.projectName}`,
    subtitle: [
      `Week of ${formatDate(report.weekStart)} to ${formatDate(lastDayOf(report.weekEnd))} (UTC) · project ${report.projectId} · generated ${formatDateTime(report.generatedAt)}`,
    ],
    sections: [
      headlineSection(report),
      trendsSection(report),
      cohortsSection(report),
      comparisonsSection(report),
      failuresSection(report),
      themesSection(report),
      captureSection(report),
      releaseNotesSection(report),
      filteredSection(report),
    ],
  };
}
