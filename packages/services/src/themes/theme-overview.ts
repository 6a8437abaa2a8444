/**
 * What a team reads about its themes for a period: each theme's size, its share of the period's failure
 * pool, the trend against the previous period (with a two-proportion test), the signal types behind it,
 * the cohorts where it concentrates, and representative examples — plus the same shares per taxonomy
 * category, which stay comparable week to week while themes are re-discovered.
 */
import { twoProportionTest } from '@feedloop/core';
import { type Database, DIMENSION_COLUMNS, type ThemeMemberTable, type ThemeTable } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { rate } from '../analysis/tally.js';
import type { AnalysisDimension, Rate } from '../analysis/types.js';
import { promptText } from './failure-pool.js';
import { latestRun, membersOfRun, themesOfRun } from './theme-store.js';

const DEFAULT_PERIOD_MS = 7 * 86_400_000;
const EXAMPLES = 3;
const MIN_COHORT_SUPPORT = 5;
const IN_CHUNK = 500;

export interface ThemeExample {
  interactionId: string;
  text: string;
  textSource: string;
  prompt: string;
  output: string;
}

export interface ThemeConcentration {
  dimension: AnalysisDimension;
  value: string;
  /** Share of the theme's members with this value, over the share of the whole pool with it. */
  lift: number;
  members: number;
}

export interface ThemeSummary {
  id: string;
  label: string;
  keywords: string[];
  category: string;
  size: number;
  share: Rate;
  previousShare: Rate;
  /** Share now minus share in the previous period, and whether that change is significant (p < 0.05). */
  trend: { difference: number | null; pValue: number | null; significant: boolean };
  evidence: Record<string, number>;
  concentrations: ThemeConcentration[];
  examples: ThemeExample[];
}

export interface ThemesOverview {
  run: { id: string; createdAt: number; k: number; poolSize: number; noise: number; representation: string } | null;
  period: { from: number; to: number };
  previous: { from: number; to: number };
  poolSize: number;
  noise: number;
  themes: ThemeSummary[];
  categories: Array<{ category: string; share: Rate; previousShare: Rate }>;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function trendOf(now: Rate, before: Rate): ThemeSummary['trend'] {
  if (now.trials === 0 || before.trials === 0) return { difference: null, pValue: null, significant: false };
  const test = twoProportionTest(before, now);
  return { difference: test.difference, pValue: test.pValue, significant: test.pValue < 0.05 };
}

async function interactionFacts(db: Kysely<Database>, projectId: string, ids: readonly string[]) {
  const facts = new Map<string, Record<string, string | null> & { output: string | null; input: string | null }>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('interactions')
      .select(['id', 'input', 'output', ...DIMENSION_COLUMNS])
      .where('project_id', '=', projectId)
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const row of rows) facts.set(row.id, row);
  }
  return facts;
}

function concentrationsOf(
  members: readonly ThemeMemberTable[],
  pool: readonly ThemeMemberTable[],
  facts: Awaited<ReturnType<typeof interactionFacts>>,
): ThemeConcentration[] {
  const out: ThemeConcentration[] = [];
  for (const column of DIMENSION_COLUMNS) {
    const dimension = column;
    const valueIn = (m: ThemeMemberTable) => facts.get(m.interaction_id)?.[dimension] ?? '';
    const inTheme = countBy(members, valueIn);
    const inPool = countBy(pool, valueIn);
    for (const [value, n] of inTheme) {
      if (value === '' || n < MIN_COHORT_SUPPORT) continue;
      const lift = n / members.length / ((inPool.get(value) ?? n) / pool.length);
      if (lift >= 1.5) out.push({ dimension, value, lift, members: n });
    }
  }
  return out.sort((a, b) => b.lift - a.lift || b.members - a.members).slice(0, 5);
}

export async function themesOverview(
  db: Kysely<Database>,
  projectId: string,
  options: { from?: number; to?: number; now?: number } = {},
): Promise<ThemesOverview> {
  const to = options.to ?? options.now ?? Date.now();
  const from = options.from ?? to - DEFAULT_PERIOD_MS;
  const previous = { from: from - (to - from), to: from };
  const run = await latestRun(db, projectId);
  const empty: ThemesOverview = {
    run: null,
    period: { from, to },
    previous,
    poolSize: 0,
    noise: 0,
    themes: [],
    categories: [],
  };
  if (!run) return empty;
  const themes: ThemeTable[] = await themesOfRun(db, projectId, run.id);
  const now = await membersOfRun(db, projectId, run.id, { from, to });
  const before = await membersOfRun(db, projectId, run.id, previous);
  const byTheme = (members: ThemeMemberTable[]) => {
    const grouped = new Map<string, ThemeMemberTable[]>();
    for (const m of members) {
      // Appending in place: copying the array per member made this quadratic (49 s at 176k members).
      const list = grouped.get(m.theme_id);
      if (list) list.push(m);
      else grouped.set(m.theme_id, [m]);
    }
    return grouped;
  };
  const nowByTheme = byTheme(now);
  const beforeByTheme = byTheme(before);
  const facts = await interactionFacts(
    db,
    projectId,
    now.map((m) => m.interaction_id),
  );
  const summaries: ThemeSummary[] = themes.map((theme) => {
    const members = nowByTheme.get(theme.id) ?? [];
    const share = rate(members.length, now.length);
    const previousShare = rate(beforeByTheme.get(theme.id)?.length ?? 0, before.length);
    const evidence: Record<string, number> = {};
    for (const m of members) {
      for (const kind of JSON.parse(m.evidence) as string[]) evidence[kind] = (evidence[kind] ?? 0) + 1;
    }
    const examples = [...members]
      .sort((a, b) => b.similarity - a.similarity || (a.interaction_id < b.interaction_id ? -1 : 1))
      .slice(0, EXAMPLES)
      .map((m) => {
        const f = facts.get(m.interaction_id);
        return {
          interactionId: m.interaction_id,
          text: m.text,
          textSource: m.text_source,
          prompt: promptText(f?.input ?? null),
          output: f?.output ?? '',
        };
      });
    return {
      id: theme.id,
      label: theme.label,
      keywords: JSON.parse(theme.keywords) as string[],
      category: theme.category,
      size: members.length,
      share,
      previousShare,
      trend: trendOf(share, previousShare),
      evidence,
      concentrations: concentrationsOf(members, now, facts),
      examples,
    };
  });
  const categoryOf = new Map(themes.map((t) => [t.id, t.category]));
  const categories = [...new Set(themes.map((t) => t.category))].sort().map((category) => {
    const count = (members: ThemeMemberTable[]) =>
      members.filter((m) => categoryOf.get(m.theme_id) === category).length;
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

/** A theme's members in a period, most typical first, with their prompt and output. */
export async function themeMembers(
  db: Kysely<Database>,
  projectId: string,
  themeId: string,
  options: { from?: number; to?: number; limit?: number } = {},
): Promise<ThemeExample[] | undefined> {
  const theme = await db
    .selectFrom('themes')
    .select(['run_id'])
    .where('project_id', '=', projectId)
    .where('id', '=', themeId)
    .executeTakeFirst();
  if (!theme) return undefined;
  const members = await db
    .selectFrom('theme_members')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('run_id', '=', theme.run_id)
    .where('theme_id', '=', themeId)
    .$if(options.from !== undefined, (q) => q.where('interaction_created_at', '>=', options.from ?? 0))
    .$if(options.to !== undefined, (q) => q.where('interaction_created_at', '<', options.to ?? 0))
    .orderBy('similarity', 'desc')
    .orderBy('interaction_id')
    .limit(options.limit ?? 50)
    .execute();
  const facts = await interactionFacts(
    db,
    projectId,
    members.map((m) => m.interaction_id),
  );
  return members.map((m) => ({
    interactionId: m.interaction_id,
    text: m.text,
    textSource: m.text_source,
    prompt: promptText(facts.get(m.interaction_id)?.input ?? null),
    output: facts.get(m.interaction_id)?.output ?? '',
  }));
}
