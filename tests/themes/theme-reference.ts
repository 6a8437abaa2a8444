/**
 * The themes overview and trends as they were computed before they were counted in SQL: every member of
 * the period read (in primary-key order, i.e. by interaction id, as SQLite read them), every member's
 * interaction fetched, everything counted in memory. Kept as the reference the SQL version must match
 * exactly, key order included.
 */
import { twoProportionTest } from '@feedloop/core';
import { bucketStart, promptText, type ThemesOverview, type ThemeTrends } from '@feedloop/services';
import { type Database, DIMENSION_COLUMNS, type ThemeMemberTable } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { rate } from '../../packages/services/src/analysis/tally.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

type Rate = ReturnType<typeof rate>;

async function latest(db: Kysely<Database>, projectId: string) {
  const run = await db
    .selectFrom('theme_runs')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!run) return undefined;
  const themes = await db
    .selectFrom('themes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('run_id', '=', run.id)
    .orderBy('position')
    .execute();
  return { run, themes };
}

async function members(db: Kysely<Database>, projectId: string, runId: string, from: number, to: number) {
  const rows = await db
    .selectFrom('theme_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('run_id', '=', runId)
    .where('interaction_created_at', '>=', from)
    .where('interaction_created_at', '<', to)
    .execute();
  return rows.sort((a, b) => (a.interaction_id < b.interaction_id ? -1 : a.interaction_id > b.interaction_id ? 1 : 0));
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function trendOf(now: Rate, before: Rate) {
  if (now.trials === 0 || before.trials === 0) return { difference: null, pValue: null, significant: false };
  const test = twoProportionTest(before, now);
  return { difference: test.difference, pValue: test.pValue, significant: test.pValue < 0.05 };
}

export async function referenceOverview(
  db: Kysely<Database>,
  projectId: string,
  options: { from?: number; to?: number; now?: number } = {},
): Promise<ThemesOverview> {
  const to = options.to ?? options.now ?? Date.now();
  const from = options.from ?? to - 7 * DAY;
  const previous = { from: from - (to - from), to: from };
  const found = await latest(db, projectId);
  if (!found) return { run: null, period: { from, to }, previous, poolSize: 0, noise: 0, themes: [], categories: [] };
  const { run, themes } = found;
  const now = await members(db, projectId, run.id, from, to);
  const before = await members(db, projectId, run.id, previous.from, previous.to);
  const byTheme = (list: ThemeMemberTable[]) => {
    const grouped = new Map<string, ThemeMemberTable[]>();
    for (const m of list) {
      const members = grouped.get(m.theme_id);
      if (members) members.push(m);
      else grouped.set(m.theme_id, [m]);
    }
    return grouped;
  };
  const nowByTheme = byTheme(now);
  const beforeByTheme = byTheme(before);
  const facts = new Map<string, Record<string, string | null>>();
  for (const row of await db
    .selectFrom('interactions')
    .select(['id', 'input', 'output', ...DIMENSION_COLUMNS])
    .where('project_id', '=', projectId)
    .execute()) {
    facts.set(row.id, row);
  }
  const summaries = themes.map((theme) => {
    const list = nowByTheme.get(theme.id) ?? [];
    const share = rate(list.length, now.length);
    const previousShare = rate(beforeByTheme.get(theme.id)?.length ?? 0, before.length);
    const evidence: Record<string, number> = {};
    for (const m of list) {
      for (const kind of JSON.parse(m.evidence) as string[]) evidence[kind] = (evidence[kind] ?? 0) + 1;
    }
    const examples = [...list]
      .sort((a, b) => b.similarity - a.similarity || (a.interaction_id < b.interaction_id ? -1 : 1))
      .slice(0, 3)
      .map((m) => ({
        interactionId: m.interaction_id,
        text: m.text,
        textSource: m.text_source,
        prompt: promptText(facts.get(m.interaction_id)?.input ?? null),
        output: facts.get(m.interaction_id)?.output ?? '',
      }));
    const concentrations: ThemesOverview['themes'][number]['concentrations'] = [];
    for (const dimension of DIMENSION_COLUMNS) {
      const valueIn = (m: ThemeMemberTable) => facts.get(m.interaction_id)?.[dimension] ?? '';
      const inTheme = countBy(list, valueIn);
      const inPool = countBy(now, valueIn);
      for (const [value, n] of inTheme) {
        if (value === '' || n < 5) continue;
        const lift = n / list.length / ((inPool.get(value) ?? n) / now.length);
        if (lift >= 1.5) concentrations.push({ dimension, value, lift, members: n });
      }
    }
    return {
      id: theme.id,
      label: theme.label,
      keywords: JSON.parse(theme.keywords) as string[],
      category: theme.category,
      size: list.length,
      share,
      previousShare,
      trend: trendOf(share, previousShare),
      evidence,
      concentrations: concentrations.sort((a, b) => b.lift - a.lift || b.members - a.members).slice(0, 5),
      examples,
    };
  });
  const categoryOf = new Map(themes.map((t) => [t.id, t.category]));
  const categories = [...new Set(themes.map((t) => t.category))].sort().map((category) => {
    const count = (list: ThemeMemberTable[]) => list.filter((m) => categoryOf.get(m.theme_id) === category).length;
    return { category, share: rate(count(now), now.length), previousShare: rate(count(before), before.length) };
  });
  return {
    run: {
      id: run.id,
      createdAt: run.created_at,
      k: run.k,
      poolSize: run.pool_size,
      noise: run.noise,
      representation: run.representation,
    },
    period: { from, to },
    previous,
    poolSize: now.length,
    noise: nowByTheme.get('')?.length ?? 0,
    themes: summaries.sort((a, b) => b.size - a.size),
    categories,
  };
}

export async function referenceTrends(
  db: Kysely<Database>,
  projectId: string,
  options: { weeks?: number; now?: number } = {},
): Promise<ThemeTrends> {
  const found = await latest(db, projectId);
  if (!found) return { runId: null, themes: [], weeks: [] };
  const { run, themes } = found;
  const end = bucketStart(options.now ?? Date.now(), 'week') + WEEK;
  const start = end - (options.weeks ?? 8) * WEEK;
  const categoryOf = new Map(themes.map((t) => [t.id, t.category]));
  const all = await members(db, projectId, run.id, start, end);
  const weeks: ThemeTrends['weeks'] = [];
  for (let weekStart = start; weekStart < end; weekStart += WEEK) {
    const inWeek = all.filter(
      (m) => m.interaction_created_at >= weekStart && m.interaction_created_at < weekStart + WEEK,
    );
    const byTheme = new Map<string, number>();
    const byCategory = new Map<string, number>();
    for (const m of inWeek) {
      byTheme.set(m.theme_id, (byTheme.get(m.theme_id) ?? 0) + 1);
      const category = categoryOf.get(m.theme_id);
      if (category !== undefined) byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
    }
    weeks.push({
      weekStart,
      poolSize: inWeek.length,
      themes: Object.fromEntries(themes.map((t) => [t.id, rate(byTheme.get(t.id) ?? 0, inWeek.length)])),
      categories: Object.fromEntries(
        [...new Set(themes.map((t) => t.category))].map((c) => [c, rate(byCategory.get(c) ?? 0, inWeek.length)]),
      ),
    });
  }
  return { runId: run.id, themes: themes.map((t) => ({ id: t.id, label: t.label, category: t.category })), weeks };
}
