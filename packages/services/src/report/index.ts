/** The weekly report rendered for people: `report.md` and a self-contained `report.html`. */
export { renderReportHtml } from './report-html.js';
export { renderReportMarkdown } from './report-markdown.js';
