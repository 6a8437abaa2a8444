/**
 * The weekly report as one self-contained HTML file (`report.html`): no external CSS, scripts, fonts or
 * images, and a Content-Security-Policy that forbids them, so it opens the same offline, in a mail
 * attachment or on a file share.
 */
import type { WeeklyReport } from '../analysis/types.js';
import { html, type SafeHtml, trustedHtml } from './html-escape.js';
import { REPORT_CSS } from './html-style.js';
import { reportContent } from './report-content.js';
import type { Block, Chart, Inline, ReportDocument, Section, Table } from './report-document.js';
import { svgBarChart } from './svg-bar-chart.js';
import { svgIntervalPlot } from './svg-interval-plot.js';
import { svgLineChart } from './svg-line-chart.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const inline = (parts: Inline[]): SafeHtml[] =>
  parts.map((part) => {
    if (typeof part === 'string') return html`${part}`;
    if ('strong' in part) return html`<strong>${part.strong}</strong>`;
    return html`<code>${part.code}</code>`;
  });

function tableHtml(t: Table): SafeHtml {
  const cls = (numeric: boolean | undefined) => (numeric ? trustedHtml(' class="num"') : trustedHtml(''));
  const head = t.columns.map((c) => html`<th scope="col"${cls(c.numeric)}>${c.label}</th>`);
  const rows = t.rows.map(
    (row) =>
      html`<tr>${t.columns.map((c, i) =>
        i === 0 ? html`<th scope="row">${row[i] ?? ''}</th>` : html`<td${cls(c.numeric)}>${row[i] ?? ''}</td>`,
      )}</tr>`,
  );
  // Focusable, so a keyboard user can scroll a table wider than a phone screen.
  return html`<div class="table-wrap" role="region" tabindex="0" aria-label="${t.caption}"><table><caption>${t.caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function chartSvg(chart: Chart): SafeHtml {
  switch (chart.type) {
    case 'line':
      return svgLineChart(chart.spec);
    case 'bar':
      return svgBarChart(chart.spec);
    case 'interval':
      return svgIntervalPlot(chart.spec);
  }
}

function blockHtml(block: Block): SafeHtml {
  switch (block.kind) {
    case 'heading':
      return html`<h3>${block.text}</h3>`;
    case 'paragraph':
      return html`<p>${inline(block.content)}</p>`;
    case 'list':
      return html`<ul>${block.items.map((item) => html`<li>${inline(item)}</li>`)}</ul>`;
    case 'table':
      return tableHtml(block.table);
    case 'chart':
      return html`<figure id="chart-${block.id}"><figcaption>${block.caption}</figcaption>${chartSvg(block.chart)}</figure>`;
  }
}

const sectionHtml = (s: Section): SafeHtml =>
  html`<section id="${s.id}" aria-labelledby="${s.id}-title"><h2 id="${s.id}-title">${s.title}</h2>${s.blocks.map(blockHtml)}</section>`;

function documentHtml(doc: ReportDocument): string {
  const nav = doc.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Feedloop">
<title>${doc.title}</title>
<style>${trustedHtml(REPORT_CSS)}</style>
</head>
<body>
<main>
<header><h1>${doc.title}</h1><p class="subtitle">${inline(doc.subtitle)}</p>
<nav aria-label="Sections"><ul>${nav}</ul></nav></header>
${doc.sections.map(sectionHtml)}
</main>
</body>
</html>
`.markup;
}

/**
 * Renders the weekly report as one self-contained HTML page with inline SVG charts, e.g. for
 * `report.html`. Every value from the data is escaped: a project or cohort named `<script>` is shown
 * as text.
 *
 * @example
 * await writeFile('report.html', renderReportHtml(report));
 */
export function renderReportHtml(report: WeeklyReport): string {
  return documentHtml(reportContent(report));
}
