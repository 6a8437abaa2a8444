/**
 * Week by week: each theme's and each taxonomy category's share of the failure pool (latest run), counted
 * per theme and week in SQL from the day counts (member-days.ts).
 */
import type { Database } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { bucketStart } from '../analysis/rollup-cells.js';
import { rate } from '../analysis/tally.js';
import type { Rate } from '../analysis/types.js';
import { facetCounts } from './member-days.js';
import { latestRun, themesOfRun } from './theme-store.js';

const WEEK_MS = 7 * 86_400_000;

export interface ThemeTrendWeek {
  weekStart: number;
  poolSize: number;
  themes: Record<string, Rate>;
  categories: Record<string, Rate>;
}

export interface ThemeTrends {
  runId: string | null;
  themes: Array<{ id: string; label: string; category: string }>;
  weeks: ThemeTrendWeek[];
}

export async function themeTrends(
  db: Kysely<Database>,
  projectId: string,
  options: { weeks?: number; now?: number } = {},
): Promise<ThemeTrends> {
  const run = await latestRun(db, projectId);
  if (!run) return { runId: null, themes: [], weeks: [] };
  const count = options.weeks ?? 8;
  const end = bucketStart(options.now ?? Date.now(), 'week') + WEEK_MS;
  const start = end - count * WEEK_MS;
  const themes = await themesOfRun(db, projectId, run.id);
  const categoryOf = new Map(themes.map((t) => [t.id, t.category]));
  const weeks: ThemeTrendWeek[] = [];
  for (let weekStart = start; weekStart < end; weekStart += WEEK_MS) {
    const inWeek = await facetCounts(db, projectId, run.id, 'evidence', { from: weekStart, to: weekStart + WEEK_MS });
    const poolSize = inWeek.reduce((sum, c) => sum + c.members, 0);
    const byTheme = new Map<string, number>();
    const byCategory = new Map<string, number>();
    for (const c of inWeek) {
      byTheme.set(c.themeId, (byTheme.get(c.themeId) ?? 0) + c.members);
      const category = categoryOf.get(c.themeId);
      if (category !== undefined) byCategory.set(category, (byCategory.get(category) ?? 0) + c.members);
    }
    weeks.push({
      weekStart,
      poolSize,
      themes: Object.fromEntries(themes.map((t) => [t.id, rate(byTheme.get(t.id) ?? 0, poolSize)])),
      categories: Object.fromEntries(
        [...new Set(themes.map((t) => t.category))].map((c) => [c, rate(byCategory.get(c) ?? 0, poolSize)]),
      ),
    });
  }
  return { runId: run.id, themes: themes.map((t) => ({ id: t.id, label: t.label, category: t.category })), weeks };
}
