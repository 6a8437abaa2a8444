/**
 * Incremental assignment: new negative feedback joins the nearest existing theme of the latest run, or
 * noise, without re-clustering — so themes keep their identity between full runs. The run's members and
 * the new items are embedded together (one offline fit), each theme's centre is the mean of its members,
 * and an item joins only if it is as close as the theme's own typical members — by the engine's noise rule
 * (`separateNoise`), the one a full run sets noise apart by.
 *
 * The fit is most of a pass's cost (20 s of 27 s for a run of 143,775 members, docs/themes.md), and reading
 * the failure pool most of the rest. A caller that assigns again and again — the server's background job —
 * passes an `AssignmentMemory`: the first pass on a run keeps what it fitted, so later passes only embed
 * their new items into that space; and a pass when no feedback was written since the last one ends before
 * reading the pool.
 */
import { dimensionColumnsOf, projectLock, rollupWriteCount, type Store, type ThemeMemberTable } from '@feedloop/store';
import {
  assignToNearest,
  type DenseMatrix,
  embedTexts,
  fitEmbedder,
  normalizeRows,
  separateNoise,
  type TextEmbedder,
} from '@feedloop/themes';
import { screenProject } from '../screening/screen-signals.js';
import { NOISE } from './cluster-texts.js';
import { loadFailurePool, type PoolItem } from './failure-pool.js';
import { insertMembers, latestRun, memberIdsOfRun, membersOfRun } from './theme-store.js';

export interface AssignmentReport {
  runId: string | null;
  examined: number;
  assigned: number;
  noise: number;
  /** `fitted`: the run's members were embedded again for this pass; `reused`: a kept fit served it. */
  model?: 'fitted' | 'reused';
  /** Set when the pass ended early: nothing was written since the last pass on the same run. */
  skipped?: 'no new feedback';
}

/** What assigning to a run needs from a fit: the embedding space, the themes' centres and thresholds. */
interface RunModel {
  runId: string;
  embedder: TextEmbedder;
  /** Theme ids in the order of `centres` rows. */
  themeIds: string[];
  centres: DenseMatrix;
  thresholds: Float64Array;
}

/** Fits larger than this (the SVD basis alone, in bytes) are not kept: the next pass fits again. */
const MAX_KEPT_BASIS_BYTES = 256 * 1024 * 1024;

/**
 * What the passes of one process remember per project: the latest fit (a new run replaces it) and how many
 * rollup writes the last finished pass had seen (`rollupWriteCount`).
 */
export class AssignmentMemory {
  readonly #models = new Map<string, RunModel>();
  readonly #lastPass = new Map<string, { runId: string; writes: number }>();

  model(projectId: string, runId: string): RunModel | undefined {
    const model = this.#models.get(projectId);
    return model?.runId === runId ? model : undefined;
  }

  keepModel(projectId: string, model: RunModel): void {
    if (model.embedder.basis.components.data.byteLength > MAX_KEPT_BASIS_BYTES) this.#models.delete(projectId);
    else this.#models.set(projectId, model);
  }

  /** Whether the last finished pass on this run had seen exactly these writes. */
  sawAlready(projectId: string, runId: string, writes: number): boolean {
    const last = this.#lastPass.get(projectId);
    return last?.runId === runId && last.writes === writes;
  }

  passed(projectId: string, runId: string, writes: number): void {
    this.#lastPass.set(projectId, { runId, writes });
  }
}

function centresOf(vectors: DenseMatrix, groups: number[][]): DenseMatrix {
  const { cols } = vectors;
  const data = new Float64Array(groups.length * cols);
  groups.forEach((rows, g) => {
    for (const r of rows)
      for (let c = 0; c < cols; c++) data[g * cols + c] = (data[g * cols + c] ?? 0) + (vectors.data[r * cols + c] ?? 0);
  });
  return normalizeRows({ rows: groups.length, cols, data });
}

function cosine(vectors: DenseMatrix, row: number, centres: DenseMatrix, centre: number): number {
  let s = 0;
  for (let c = 0; c < vectors.cols; c++)
    s += (vectors.data[row * vectors.cols + c] ?? 0) * (centres.data[centre * centres.cols + c] ?? 0);
  return s;
}

/**
 * Embeds the run's members and the new items together and derives each theme's centre and threshold;
 * returns the model and the new items' vectors.
 */
async function fitRunModel(
  store: Store,
  projectId: string,
  runId: string,
  fresh: readonly PoolItem[],
): Promise<{ model: RunModel; freshVectors: DenseMatrix }> {
  const existing = await membersOfRun(store.db, projectId, runId);
  const themeIds = [...new Set(existing.map((m) => m.theme_id).filter((id) => id !== ''))].sort();
  const texts = [...existing.map((m) => m.text), ...fresh.map((item) => item.text)];
  const { embedder, vectors } = fitEmbedder(texts, {
    svd: { dims: Math.max(2, Math.min(200, texts.length - 1)), seed: 1 },
  });
  const groups = themeIds.map((id) => existing.flatMap((m, row) => (m.theme_id === id ? [row] : [])));
  const centres = centresOf(vectors, groups);
  // Per theme: within 3 robust deviations of its members' median similarity to the centre, and at least
  // 0.2 — the thresholds a full run sets noise apart by (`NOISE`).
  const memberLabels = new Int32Array(texts.length).fill(-1);
  groups.forEach((rows, g) => {
    for (const r of rows) memberLabels[r] = g;
  });
  const { thresholds } = separateNoise(vectors, memberLabels, centres, NOISE);
  const freshVectors: DenseMatrix = {
    rows: fresh.length,
    cols: vectors.cols,
    data: vectors.data.slice(existing.length * vectors.cols),
  };
  return { model: { runId, embedder, themeIds, centres, thresholds }, freshVectors };
}

export async function assignNewItems(
  store: Store,
  projectId: string,
  now = Date.now(),
  options: { memory?: AssignmentMemory } = {},
): Promise<AssignmentReport> {
  const { memory } = options;
  const run = await latestRun(store.db, projectId);
  if (!run) return { runId: null, examined: 0, assigned: 0, noise: 0 };
  // Read before screening and the pool: feedback written after this is seen by the next pass.
  const writes = await rollupWriteCount(store.db, projectId);
  if (memory?.sawAlready(projectId, run.id, writes)) {
    return { runId: run.id, examined: 0, assigned: 0, noise: 0, skipped: 'no new feedback' };
  }
  await screenProject(store, projectId);
  const known = new Set(await memberIdsOfRun(store.db, projectId, run.id));
  const fresh = await loadFailurePool(
    store.db,
    { projectId, from: run.window_from, to: now + 1, tenant: run.tenant ?? undefined },
    known,
  );
  if (fresh.length === 0) {
    memory?.passed(projectId, run.id, writes);
    return { runId: run.id, examined: 0, assigned: 0, noise: 0 };
  }

  const kept = memory?.model(projectId, run.id);
  const { model, freshVectors } = kept
    ? {
        model: kept,
        freshVectors: embedTexts(
          kept.embedder,
          fresh.map((item) => item.text),
        ),
      }
    : await fitRunModel(store, projectId, run.id, fresh);
  if (!kept) memory?.keepModel(projectId, model);
  const labels = assignToNearest(freshVectors, model.centres, model.thresholds);
  const members: ThemeMemberTable[] = fresh.map((item, i) => {
    const label = labels[i] ?? -1;
    return {
      project_id: projectId,
      run_id: run.id,
      interaction_id: item.interactionId,
      theme_id: label < 0 ? '' : (model.themeIds[label] ?? ''),
      similarity: label < 0 ? 0 : cosine(freshVectors, i, model.centres, label),
      text: item.text,
      text_source: item.textSource,
      evidence: JSON.stringify(item.evidence),
      interaction_created_at: item.createdAt,
      assigned_by: 'incremental',
      assigned_at: now,
      ...dimensionColumnsOf(item.dimensions),
    };
  });
  await store.exclusive(projectLock(projectId), (trx) => insertMembers(trx, members));
  memory?.passed(projectId, run.id, writes);
  const noise = members.filter((m) => m.theme_id === '').length;
  return {
    runId: run.id,
    examined: fresh.length,
    assigned: fresh.length - noise,
    noise,
    model: kept ? 'reused' : 'fitted',
  };
}
