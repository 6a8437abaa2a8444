/** The Themes page's periods, spans and words: what a run covers, how many weeks the trends show, labels. */
import type { AssignmentReport, ThemeRunReport } from '../../api/types';
import { DIMENSION_LABELS, type Dimension } from '../../lib/filters';
import { count } from '../../lib/format';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: weeks start on Monday, four days later. */
const MONDAY_OFFSET = 4 * DAY;
const MIN_WEEKS = 8;
const MAX_WEEKS = 52;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The start of the UTC week (Monday) holding `ms`, as the trends bucket it. */
export const weekStart = (ms: number): number => Math.floor((ms - MONDAY_OFFSET) / WEEK) * WEEK + MONDAY_OFFSET;

/** Weeks of trends to ask for: back to the start of the period, at least 8, at most the API's 52. */
export function trendWeeks(from: number, now: number): number {
  const end = weekStart(now) + WEEK;
  return Math.min(MAX_WEEKS, Math.max(MIN_WEEKS, Math.ceil((end - from) / WEEK)));
}

/**
 * What "Re-cluster now" clusters: everything the page reads from the run — the period, the period of the
 * same length before it (for the trend) and the weeks of the trend chart — so none of them is left empty.
 */
export function runWindow(period: { from: number; to: number }, now: number): { from: number; to: number } {
  const previousFrom = period.from - (period.to - period.from);
  const trendsFrom = weekStart(now) + WEEK - trendWeeks(period.from, now) * WEEK;
  return { from: Math.min(previousFrom, trendsFrom), to: Math.max(period.to, now) };
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;

/** The one sentence a finished run leaves in the status line. */
export function runSummary(report: ThemeRunReport, requestedK: number | undefined): string {
  if (report.runId === null) {
    return `No themes stored: ${report.skipped ?? `only ${plural(report.poolSize, 'item')} in the window`}.`;
  }
  const how = requestedK === undefined ? 'K chosen automatically' : `K = ${requestedK} as asked`;
  return `Clustered ${plural(report.poolSize, 'item')} into ${plural(report.k, 'theme')} (${how}); ${count(report.noise)} left as noise.`;
}

export function assignSummary(report: AssignmentReport): string {
  if (report.runId === null) return 'Nothing to assign to yet: re-cluster first.';
  if (report.examined === 0) return 'No new feedback since the last run or assignment.';
  return `Examined ${plural(report.examined, 'new item')}: ${count(report.assigned)} joined a theme, ${count(report.noise)} left as noise.`;
}

const EVIDENCE: Record<string, string> = {
  'thumbs-down': 'thumbs down',
  'low-rating': 'rating 1–2',
  comment: 'comment',
  regenerate: 'regenerated',
  rephrase: 'rephrased',
  abandon: 'abandoned',
  reject: 'rejected',
  edit: 'edited',
};
const EVIDENCE_SYMBOLS: Record<string, string> = {
  'thumbs-down': '▼',
  'low-rating': '★',
  comment: '❝',
  regenerate: '↻',
  rephrase: '↺',
  edit: '✎',
};

export const evidenceLabel = (kind: string): string => EVIDENCE[kind] ?? kind;
export const evidenceSymbol = (kind: string): string => EVIDENCE_SYMBOLS[kind] ?? '•';

/** A dimension as the API names it (`prompt_template` or `promptTemplate`), as people read it. */
export function dimensionLabel(name: string): string {
  const camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return DIMENSION_LABELS[camel as Dimension] ?? name;
}

/** A dimension's query parameter on the Interactions page. */
export const dimensionParam = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
