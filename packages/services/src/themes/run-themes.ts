/**
 * A full clustering run: the failure pool of a window is embedded (offline TF-IDF + SVD by default, or an
 * OpenAI-compatible embeddings endpoint), clustered into themes with the number chosen automatically
 * unless given (noise kept apart), labelled by class-based TF-IDF keywords (or a chat endpoint), mapped onto
 * the project's failure taxonomy, and stored with every item's membership.
 */
import { randomUUID } from 'node:crypto';
import { getProjectSettings, type Store, type ThemeMemberTable, type ThemeTable } from '@feedloop/store';
import { screenProject } from '../screening/screen-signals.js';
import { type ClusteredPool, clusterTexts } from './cluster-texts.js';
import { loadFailurePool, type PoolItem } from './failure-pool.js';
import { categoryOfTheme, DEFAULT_TAXONOMY, parseTaxonomy } from './taxonomy.js';
import { insertRun } from './theme-store.js';

/** Fewer items than this cannot form themes worth naming. */
export const MIN_POOL = 20;
export const DEFAULT_WINDOW_MS = 28 * 86_400_000;

export interface ThemeRunOptions {
  projectId: string;
  from?: number;
  to?: number;
  tenant?: string;
  /** The number of themes; chosen automatically when absent. */
  k?: number;
  seed?: number;
  now?: number;
  onProgress?: (step: string) => void;
}

export interface ThemeRunReport {
  runId: string | null;
  poolSize: number;
  k: number;
  noise: number;
  themes: Array<{ id: string; label: string; category: string; size: number }>;
  /** Why no run was stored, when none was. */
  skipped?: string;
}

export async function runThemes(store: Store, options: ThemeRunOptions): Promise<ThemeRunReport> {
  const { projectId, seed = 1 } = options;
  const progress = options.onProgress ?? (() => {});
  const now = options.now ?? Date.now();
  const to = options.to ?? now;
  const from = options.from ?? to - DEFAULT_WINDOW_MS;
  progress('screening new signals');
  await screenProject(store, projectId);
  progress('collecting the failure pool');
  const pool = await loadFailurePool(store.db, { projectId, from, to, tenant: options.tenant });
  if (pool.length < MIN_POOL) {
    return {
      runId: null,
      poolSize: pool.length,
      k: 0,
      noise: pool.length,
      themes: [],
      skipped: `only ${pool.length} items with negative evidence or comments in the window; at least ${MIN_POOL} are needed`,
    };
  }
  progress(`embedding and clustering ${pool.length} items`);
  const clustered = clusterTexts(
    pool.map((item) => item.text),
    { k: options.k, seed },
  );
  const settings = await getProjectSettings(store.db, projectId);
  const taxonomy = parseTaxonomy((settings as { taxonomy?: unknown } | undefined)?.taxonomy) ?? DEFAULT_TAXONOMY;
  progress('labelling themes');
  const runId = `run_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const { themes, members } = toRows(projectId, runId, pool, clustered, taxonomy, now);
  await insertRun(
    store.db,
    {
      project_id: projectId,
      id: runId,
      created_at: now,
      window_from: from,
      window_to: to,
      tenant: options.tenant ?? null,
      representation: 'builtin',
      k: themes.length,
      pool_size: pool.length,
      noise: members.filter((m) => m.theme_id === '').length,
      params: JSON.stringify({ seed, requestedK: options.k ?? null }),
    },
    themes,
    members,
  );
  progress('done');
  const sizes = new Map<string, number>();
  for (const m of members) sizes.set(m.theme_id, (sizes.get(m.theme_id) ?? 0) + 1);
  return {
    runId,
    poolSize: pool.length,
    k: themes.length,
    noise: sizes.get('') ?? 0,
    themes: themes.map((t) => ({ id: t.id, label: t.label, category: t.category, size: sizes.get(t.id) ?? 0 })),
  };
}

function toRows(
  projectId: string,
  runId: string,
  pool: readonly PoolItem[],
  clustered: ClusteredPool,
  taxonomy: ReturnType<typeof parseTaxonomy> & object,
  now: number,
): { themes: ThemeTable[]; members: ThemeMemberTable[] } {
  // Largest theme first; ids are stable within the run.
  const order = clustered.clusters
    .map((cluster, index) => ({ cluster, index }))
    .sort((a, b) => b.cluster.members.length - a.cluster.members.length || a.index - b.index);
  const themeIdOf = new Map<number, string>();
  const themes: ThemeTable[] = order.map(({ cluster, index }, position) => {
    const id = `theme_${runId.slice(4, 14)}_${position + 1}`;
    themeIdOf.set(index, id);
    const texts = cluster.members.map((i) => pool[i]?.text ?? '');
    return {
      project_id: projectId,
      id,
      run_id: runId,
      label: cluster.keywords.slice(0, 3).join(' · ') || `theme ${position + 1}`,
      keywords: JSON.stringify(cluster.keywords),
      category: categoryOfTheme(texts, taxonomy),
      position,
    };
  });
  const members: ThemeMemberTable[] = pool.map((item, i) => {
    const label = clustered.labels[i] ?? -1;
    return {
      project_id: projectId,
      run_id: runId,
      interaction_id: item.interactionId,
      theme_id: label < 0 ? '' : (themeIdOf.get(label) ?? ''),
      similarity: clustered.similarities[i] ?? 0,
      text: item.text,
      text_source: item.textSource,
      evidence: JSON.stringify(item.evidence),
      interaction_created_at: item.createdAt,
      assigned_by: 'run',
      assigned_at: now,
    };
  });
  return { themes, members };
}
