/**
 * Assembles the weekly report from the same analyses the API serves: this week by day against the
 * week before, eight weeks of trend, cohorts that moved, model and prompt comparisons, where it fails,
 * capture rate, and what was filtered.
 */
import { findProject, listReleaseNotes, type Store } from '@feedloop/store';
import { screenProject } from '../screening/screen-signals.js';
import { themesOverview } from '../themes/theme-overview.js';
import { signalAgreement } from './agreement.js';
import { captureRate } from './capture-rate.js';
import { cohortMoves } from './cohort-moves.js';
import { cohorts, DEFAULT_MIN_SUPPORT } from './cohorts.js';
import { compare } from './comparison.js';
import { failures } from './failures.js';
import { bucketStart } from './rollup-cells.js';
import { timeSeries } from './time-series.js';
import type { AnalysisDimension, AnalysisFilter, Comparison, WeeklyReport } from './types.js';

const WEEK_MS = 7 * 86_400_000;
const TREND_WEEKS = 8;
/** Dimensions compared side by side when two or more of their values have data. */
const COMPARED_DIMENSIONS: AnalysisDimension[] = ['model', 'model_version', 'prompt_version'];
const MAX_ARMS = 4;

export class UnknownProjectError extends Error {
  constructor(readonly projectId: string) {
    super(`no project ${projectId}`);
    this.name = 'UnknownProjectError';
  }
}

export interface WeeklyReportOptions {
  projectId: string;
  /** Any moment in the week to report (UTC, weeks start on Monday); defaults to the last full week. */
  week?: number;
  unfiltered?: boolean;
  minSupport?: number;
  now?: number;
  onProgress?: (step: string) => void;
}

export async function buildWeeklyReport(store: Store, options: WeeklyReportOptions): Promise<WeeklyReport> {
  const { projectId, unfiltered = false, minSupport = DEFAULT_MIN_SUPPORT } = options;
  const progress = options.onProgress ?? (() => {});
  const now = options.now ?? Date.now();
  const project = await findProject(store.db, projectId);
  if (!project) throw new UnknownProjectError(projectId);
  const weekStart = bucketStart(options.week ?? now - WEEK_MS, 'week');
  const weekEnd = weekStart + WEEK_MS;
  const db = store.db;
  const scope = (from: number, to: number): AnalysisFilter => ({ projectId, from, to, unfiltered });

  progress('screening new signals (latest vote wins, abuse filter)');
  await screenProject(store, projectId);
  progress('trends');
  const thisWeek = scope(weekStart, weekEnd);
  const daily = await timeSeries(db, thisWeek, 'day');
  const previousWeek = (await timeSeries(db, scope(weekStart - WEEK_MS, weekStart), 'week')).total;
  const weekly = await timeSeries(db, scope(weekStart - (TREND_WEEKS - 1) * WEEK_MS, weekEnd), 'week');

  progress('cohorts that moved');
  const movedCohorts = (await cohortMoves(db, thisWeek, minSupport)).moves;

  progress('model and prompt comparisons');
  const comparisons: Comparison[] = [];
  for (const dimension of COMPARED_DIMENSIONS) {
    const arms = (await cohorts(db, thisWeek, dimension, { sort: 'volume', minSupport })).cohorts
      .filter((c) => c.value !== '' && c.ranked)
      .slice(0, MAX_ARMS)
      .map((c) => c.value)
      .sort();
    if (arms.length >= 2) comparisons.push(await compare(db, thisWeek, dimension, arms));
  }

  progress('where it fails');
  const failureReport = await failures(db, thisWeek, minSupport);
  progress('capture rate and agreement');
  const capture = await captureRate(db, thisWeek);
  const agreement = await signalAgreement(db, thisWeek);
  progress('themes');
  const overview = await themesOverview(db, projectId, { from: weekStart, to: weekEnd });
  const themes =
    overview.run === null
      ? null
      : {
          poolSize: overview.poolSize,
          noise: overview.noise,
          themes: overview.themes.map((t) => ({
            label: t.label,
            category: t.category,
            size: t.size,
            share: t.share,
            previousShare: t.previousShare,
            trendSignificant: t.trend.significant,
            example: t.examples[0]?.text ?? null,
          })),
          categories: overview.categories,
        };
  progress('release notes');
  const approved = (await listReleaseNotes(db, projectId, 'approved')).filter(
    (n) => n.decidedAt !== null && n.decidedAt >= weekStart && n.decidedAt < weekEnd,
  );
  const draftsWaiting = (await listReleaseNotes(db, projectId, 'draft')).length;
  progress('done');
  return {
    projectId,
    projectName: project.name,
    weekStart,
    weekEnd,
    generatedAt: now,
    daily,
    previousWeek,
    weekly,
    movedCohorts,
    comparisons,
    failures: failureReport,
    capture,
    agreement,
    filtered: daily.filtered,
    themes,
    releaseNotes: {
      approved: approved.map((n) => ({ title: n.title, body: n.body, date: n.decidedAt })),
      draftsWaiting,
    },
  };
}
