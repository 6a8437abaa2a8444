/**
 * A full clustering run: the failure pool of a window is embedded (offline TF-IDF + SVD by default, or an
 * OpenAI-compatible embeddings endpoint), clustered into themes with the number chosen automatically
 * unless given (noise kept apart), labelled by class-based TF-IDF keywords (or a chat endpoint), mapped onto
 * the project's failure taxonomy, and stored with every item's membership.
 */
import { randomUUID } from 'node:crypto';
import {
  dimensionColumnsOf,
  getProjectSettings,
  type Store,
  type ThemeMemberTable,
  type ThemeTable,
} from '@feedloop/store';
import { type DenseMatrix, normalizeRows } from '@feedloop/themes';
import { screenProject } from '../screening/screen-signals.js';
import { type ClusteredPool, clusterTexts, FIT_SAMPLE } from './cluster-texts.js';
import { loadFailurePool, type PoolItem } from './failure-pool.js';
import {
  embedTextsRemote,
  labelThemeWithLlm,
  type ModelEndpoint,
  mapThemeToTaxonomyWithLlm,
  modelEndpointsOf,
} from './model-endpoints.js';
import { categoryOfTheme, DEFAULT_TAXONOMY, parseTaxonomy, type TaxonomyCategory } from './taxonomy.js';
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
  const settings = await getProjectSettings(store.db, projectId);
  const taxonomy = parseTaxonomy(settings?.taxonomy) ?? DEFAULT_TAXONOMY;
  const endpoints = modelEndpointsOf(settings?.models ?? {});
  const texts = pool.map((item) => item.text);
  progress(
    endpoints.embeddings
      ? `embedding ${pool.length} items with ${endpoints.embeddings.model}`
      : `embedding and clustering ${pool.length} items`,
  );
  const vectors = endpoints.embeddings ? await remoteVectors(endpoints.embeddings, texts) : undefined;
  // Themes are found on a seeded sample of a large pool; the rest joins them (cluster-texts.ts).
  const fitSample = Math.min(pool.length, FIT_SAMPLE);
  if (fitSample < pool.length) progress(`finding themes on a sample of ${fitSample}, then sorting the rest`);
  const clustered = clusterTexts(texts, { k: options.k, seed, vectors });
  progress(endpoints.chat ? `labelling themes with ${endpoints.chat.model}` : 'labelling themes');
  const named = endpoints.chat ? await nameWithLlm(endpoints.chat, clustered, texts, taxonomy) : undefined;
  const runId = `run_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const { themes, members } = toRows(projectId, runId, pool, clustered, taxonomy, now, named);
  await insertRun(
    store,
    {
      project_id: projectId,
      id: runId,
      created_at: now,
      window_from: from,
      window_to: to,
      tenant: options.tenant ?? null,
      representation: endpoints.embeddings ? `embeddings:${endpoints.embeddings.model}` : 'builtin',
      k: themes.length,
      pool_size: pool.length,
      noise: members.filter((m) => m.theme_id === '').length,
      params: JSON.stringify({
        seed,
        requestedK: options.k ?? null,
        fitSample,
        labels: endpoints.chat ? `chat:${endpoints.chat.model}` : 'keywords',
      }),
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

async function remoteVectors(endpoint: ModelEndpoint, texts: readonly string[]): Promise<DenseMatrix> {
  const rows = await embedTextsRemote(endpoint, texts);
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  for (const [i, row] of rows.entries()) data.set(row, i * cols);
  return normalizeRows({ rows: rows.length, cols, data });
}

/** LLM labels and categories per cluster (index in `clustered.clusters`); the keyword way is the fallback. */
async function nameWithLlm(
  chat: ModelEndpoint,
  clustered: ClusteredPool,
  texts: readonly string[],
  taxonomy: readonly TaxonomyCategory[],
): Promise<Map<number, { label: string; category: string }>> {
  const named = new Map<number, { label: string; category: string }>();
  for (const [index, cluster] of clustered.clusters.entries()) {
    const examples = [...cluster.members]
      .sort((a, b) => (clustered.similarities[b] ?? 0) - (clustered.similarities[a] ?? 0))
      .slice(0, 5)
      .map((i) => texts[i] ?? '');
    const label = await labelThemeWithLlm(chat, { keywords: cluster.keywords, examples });
    const category = await mapThemeToTaxonomyWithLlm(chat, { label, examples, categories: taxonomy });
    named.set(index, { label, category });
  }
  return named;
}

function toRows(
  projectId: string,
  runId: string,
  pool: readonly PoolItem[],
  clustered: ClusteredPool,
  taxonomy: readonly TaxonomyCategory[],
  now: number,
  named?: Map<number, { label: string; category: string }>,
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
      label: named?.get(index)?.label ?? (cluster.keywords.slice(0, 3).join(' · ') || `theme ${position + 1}`),
      keywords: JSON.stringify(cluster.keywords),
      category: named?.get(index)?.category ?? categoryOfTheme(texts, taxonomy),
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
      ...dimensionColumnsOf(item.dimensions),
    };
  });
  return { themes, members };
}
