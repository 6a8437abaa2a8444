/** The weekly report as Markdown (`report.md`): the same document as the HTML report, minus the charts. */
import type { WeeklyReport } from '../analysis/types.js';
import { reportContent } from './report-content.js';
import type { Block, Inline, ReportDocument, Table } from './report-document.js';

/**
 * Data is text, never Markdown: backslash-escape what could start markup or end a table cell (`|`),
 * `<` so no raw HTML gets through, and `_` except inside a word, where it cannot emphasise
 * (so `model_version` stays readable). Line breaks would end a table row, so they become spaces.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
      .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
      .replace(/[\\`*[\]<>|&~!]/g, '\\$&')
      .replace(/_/g, (_m, offset: number, whole: string) =>
        /[\p{L}\p{N}]/u.test(whole[offset - 1] ?? '') && /[\p{L}\p{N}]/u.test(whole[offset + 1] ?? '') ? '_' : '\\_',
      )
  );
}

/** A code span that no backtick run in `text` can close early. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const inline = (parts: Inline[]): string =>
  parts
    .map((part) => {
      if (typeof part === 'string') return escapeMarkdown(part);
      if ('strong' in part) return `**${escapeMarkdown(part.strong)}**`;
      return codeSpan(part.code);
    })
    .join('');

function tableMarkdown(t: Table): string {
  const row = (cells: string[]) => `| ${cells.map((c) => escapeMarkdown(c) || ' ').join(' | ')} |`;
  const rule = `| ${t.columns.map((c) => (c.numeric ? '---:' : '---')).join(' | ')} |`;
  const width = t.columns.length;
  // A row with a missing or extra cell would shift every column after it.
  const rows = t.rows.map((r) => row(Array.from({ length: width }, (_, i) => r[i] ?? '')));
  return [`*${escapeMarkdown(t.caption)}*`, '', row(t.columns.map((c) => c.label)), rule, ...rows].join('\n');
}

function blockMarkdown(block: Block): string | null {
  switch (block.kind) {
    case 'heading':
      return `### ${escapeMarkdown(block.text)}`;
    case 'paragraph':
      return inline(block.content);
    case 'list':
      return block.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'table':
      return tableMarkdown(block.table);
    case 'chart':
      return null;
  }
}

function documentMarkdown(doc: ReportDocument): string {
  const parts = [`# ${escapeMarkdown(doc.title)}`, inline(doc.subtitle)];
  for (const section of doc.sections) {
    parts.push(`## ${escapeMarkdown(section.title)}`);
    for (const block of section.blocks) {
      const text = blockMarkdown(block);
      if (text !== null) parts.push(text);
    }
  }
  return `${parts.join('\n\n')}\n`;
}

/**
 * Renders the weekly report as Markdown, e.g. for `report.md`. Every value from the data is escaped, so
 * a cohort named `a | b` or `<script>` stays text and keeps the tables intact.
 *
 * @example
 * await writeFile('report.md', renderReportMarkdown(report));
 */
export function renderReportMarkdown(report: WeeklyReport): string {
  return documentMarkdown(reportContent(report));
}
