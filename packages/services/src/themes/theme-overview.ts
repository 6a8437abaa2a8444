/**
 * What a team reads about its themes for a period: each theme's size, its share of the period's failure
 * pool, the trend against the previous period (with a two-proportion test), the signal types behind it,
 * the cohorts where it concentrates, and representative examples — plus the same shares per taxonomy
 * category, which stay comparable week to week while themes are re-discovered.
 */
import { twoProportionTest } from '@feedloop/core';
import { type Database, DIMENSION_COLUMNS, type ThemeTable } from '@feedloop/store';
import type { Kysely } from 'kysely';
import { rate } from '../analysis/tally.js';
import type { AnalysisDimension, Rate } from '../analysis/types.js';
import { promptText } from './failure-pool.js';
import { type FacetCount, facetCounts } from './member-days.js';
import {
  latestRun,
  type MemberTally,
  membersWithInteractions,
  memberTallies,
  themesOfRun,
  topMembers,
} from './theme-store.js';

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

function trendOf(now: Rate, before: Rate): ThemeSummary['trend'] {
  if (now.trials === 0 || before.trials === 0) return { difference: null, pValue: null, significant: false };
  const test = twoProportionTest(before, now);
  return { difference: test.difference, pValue: test.pValue, significant: test.pValue < 0.05 };
}

async function interactionFacts(db: Kysely<Database>, projectId: string, ids: readonly string[]) {
  const facts = new Map<string, { output: string | null; input: string | null }>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('interactions')
      .select(['id', 'input', 'output'])
      .where('project_id', '=', projectId)
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const row of rows) facts.set(row.id, row);
  }
  return facts;
}

/** Groups in the order their first member (smallest interaction id) comes: the order members were read in. */
const byFirstMember = <T extends { firstId: string | null }>(a: T, b: T) =>
  (a.firstId ?? '') < (b.firstId ?? '') ? -1 : (a.firstId ?? '') > (b.firstId ?? '') ? 1 : 0;

/** Each signal type behind a theme's members, keys in the order they first occur among its members. */
function evidenceOf(tallies: readonly MemberTally[]): Record<string, number> {
  const evidence: Record<string, number> = {};
  for (const t of tallies.filter((t) => t.current > 0).sort(byFirstMember)) {
    for (const kind of JSON.parse(t.evidence) as string[]) evidence[kind] = (evidence[kind] ?? 0) + t.current;
  }
  return evidence;
}

/** A dimension's value → how many members have it and the first of them (value '' for none). */
type ValueCounts = Map<string, { members: number; firstId: string }>;

function addValue(counts: ValueCounts, value: string, members: number, firstId: string): void {
  const entry = counts.get(value);
  if (!entry) counts.set(value, { members, firstId });
  else {
    entry.members += members;
    if (firstId < entry.firstId) entry.firstId = firstId;
  }
}

/** Per theme (and for the whole pool, under `null`) and dimension: the members per value. */
function cohortCounts(counts: readonly FacetCount[]): Map<string | null, Map<AnalysisDimension, ValueCounts>> {
  const out = new Map<string | null, Map<AnalysisDimension, ValueCounts>>();
  const countsOf = (key: string | null) => {
    let byDimension = out.get(key);
    if (!byDimension) {
      byDimension = new Map(DIMENSION_COLUMNS.map((c) => [c, new Map()]));
      out.set(key, byDimension);
    }
    return byDimension;
  };
  for (const count of counts) {
    if (count.facet === 'evidence') continue;
    for (const key of [count.themeId, null]) {
      addValue(countsOf(key).get(count.facet)!, count.value, count.members, count.firstId);
    }
  }
  return out;
}

function concentrationsOf(
  size: number,
  inTheme: Map<AnalysisDimension, ValueCounts> | undefined,
  inPool: Map<AnalysisDimension, ValueCounts> | undefined,
  poolSize: number,
): ThemeConcentration[] {
  const out: ThemeConcentration[] = [];
  for (const dimension of DIMENSION_COLUMNS) {
    const values = [...(inTheme?.get(dimension) ?? new Map()).entries()].sort(([, a], [, b]) => byFirstMember(a, b));
    const pool = inPool?.get(dimension);
    for (const [value, { members: n }] of values) {
      if (value === '' || n < MIN_COHORT_SUPPORT) continue;
      const lift = n / size / ((pool?.get(value)?.members ?? n) / poolSize);
      if (lift >= 1.5) out.push({ dimension, value, lift, members: n });
    }
  }
  return out.sort((a, b) => b.lift - a.lift || b.members - a.members).slice(0, 5);
}

/** Each theme's most similar members (ties by interaction id), with their text, prompt and output. */
async function examplesOf(
  db: Kysely<Database>,
  projectId: string,
  runId: string,
  themes: readonly ThemeTable[],
  range: { from: number; to: number },
): Promise<Map<string, ThemeExample[]>> {
  const top = new Map<string, string[]>();
  for (const theme of themes) {
    const members = await topMembers(db, projectId, runId, theme.id, range, EXAMPLES);
    top.set(
      theme.id,
      members.map((m) => m.interactionId),
    );
  }
  const rows = new Map(
    (await membersWithInteractions(db, projectId, runId, [...top.values()].flat())).map(
      (r) => [r.interaction_id, r] as const,
    ),
  );
  const out = new Map<string, ThemeExample[]>();
  for (const [themeId, ids] of top) {
    out.set(
      themeId,
      ids.map((interactionId) => {
        const row = rows.get(interactionId);
        return {
          interactionId,
          text: row?.text ?? '',
          textSource: row?.text_source ?? '',
          prompt: promptText(row?.input ?? null),
          output: row?.output ?? '',
        };
      }),
    );
  }
  return out;
}

/**
 * Everything is counted in SQL — members per theme, evidence and period, and per theme and cohort, whole days
 * from the day counts (member-days.ts) — and only the few examples are read with their text, so the cost
 * barely grows with the size of the pool.
 */
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
  const tallies = await memberTallies(db, projectId, run.id, { from: previous.from, split: from, to });
  const sizeNow = new Map<string, number>();
  const sizeBefore = new Map<string, number>();
  const evidenceTallies = new Map<string, MemberTally[]>();
  let poolNow = 0;
  let poolBefore = 0;
  for (const t of tallies) {
    sizeNow.set(t.themeId, (sizeNow.get(t.themeId) ?? 0) + t.current);
    sizeBefore.set(t.themeId, (sizeBefore.get(t.themeId) ?? 0) + t.previous);
    poolNow += t.current;
    poolBefore += t.previous;
    const list = evidenceTallies.get(t.themeId);
    if (list) list.push(t);
    else evidenceTallies.set(t.themeId, [t]);
  }
  const cohorts = cohortCounts(await facetCounts(db, projectId, run.id, 'dimensions', { from, to }));
  const examples = await examplesOf(db, projectId, run.id, themes, { from, to });
  const summaries: ThemeSummary[] = themes.map((theme) => {
    const size = sizeNow.get(theme.id) ?? 0;
    const share = rate(size, poolNow);
    const previousShare = rate(sizeBefore.get(theme.id) ?? 0, poolBefore);
    return {
      id: theme.id,
      label: theme.label,
      keywords: JSON.parse(theme.keywords) as string[],
      category: theme.category,
      size,
      share,
      previousShare,
      trend: trendOf(share, previousShare),
      evidence: evidenceOf(evidenceTallies.get(theme.id) ?? []),
      concentrations: concentrationsOf(size, cohorts.get(theme.id), cohorts.get(null), poolNow),
      examples: examples.get(theme.id) ?? [],
    };
  });
  const categories = [...new Set(themes.map((t) => t.category))].sort().map((category) => {
    const count = (sizes: Map<string, number>) =>
      themes.filter((t) => t.category === category).reduce((sum, t) => sum + (sizes.get(t.id) ?? 0), 0);
    return { category, share: rate(count(sizeNow), poolNow), previousShare: rate(count(sizeBefore), poolBefore) };
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
    poolSize: poolNow,
    noise: sizeNow.get('') ?? 0,
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
