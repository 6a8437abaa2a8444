/**
 * The report as a neutral document: sections of headings, paragraphs, lists, tables and charts, all
 * plain text. The section builders decide WHAT the report says once; the Markdown and HTML writers only
 * decide how it looks, so the two files never disagree.
 */
import type { BarChartSpec } from './svg-bar-chart.js';
import type { IntervalPlotSpec } from './svg-interval-plot.js';
import type { LineChartSpec } from './svg-line-chart.js';

/** A run of text; `strong` for emphasis, `code` for literal commands of ours (never data). */
export type Inline = string | { strong: string } | { code: string };

export interface Column {
  label: string;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

export interface Table {
  /** Says what the table holds; a `<caption>` in HTML, an italic line above it in Markdown. */
  caption: string;
  columns: Column[];
  /** Plain-text cells, one per column; the first cell names the row. */
  rows: string[][];
}

export type Chart =
  | { type: 'line'; spec: LineChartSpec }
  | { type: 'bar'; spec: BarChartSpec }
  | { type: 'interval'; spec: IntervalPlotSpec };

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'table'; table: Table }
  /** Only the HTML report draws charts; the tables next to them carry the same numbers. */
  | { kind: 'chart'; id: string; caption: string; chart: Chart };

export interface Section {
  /** A fixed anchor of ours, never derived from data. */
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  subtitle: Inline[];
  sections: Section[];
}

export const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
export const heading = (text: string): Block => ({ kind: 'heading', text });
export const table = (caption: string, columns: Column[], rows: string[][]): Block => ({
  kind: 'table',
  table: { caption, columns, rows },
});
