/**
 * Incremental assignment: new negative feedback joins the nearest existing theme of the latest run, or
 * noise, without re-clustering — so themes keep their identity between full runs. The run's members and
 * the new items are embedded together (one offline fit), each theme's centre is the mean of its members,
 * and an item joins only if it is as close as the theme's own typical members — by the engine's noise rule
 * (`separateNoise`), the one a full run sets noise apart by.
 *
 * The fit is most of a pass's cost (20 s of 27 s for a run of 143,775 members, docs/themes.md), and finding
 * the window's failure evidence most of the rest. A caller that assigns again and again — the server's
 * background job — passes an `AssignmentMemory`: the first pass on a run keeps what it fitted, so later
 * passes only embed their new items into that space; between full scans of the run's window (at most an
 * hour apart) a pass looks only at interactions of the last two days, where nearly all new feedback lands;
 * and a pass when nothing was written since the last full scan ends before reading anything.
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
  /** `full`: the run's whole window was searched; `recent`: only interactions of the last two days. */
  scan?: 'full' | 'recent';
  /** Set when the pass ended early: nothing was written since the last full scan of the same run. */
  skipped?: 'no new feedback';
}

/** How far back a pass between full scans looks, by interaction time: feedback mostly comes within hours. */
export const RECENT_SCAN_MS = 2 * 86_400_000;
/** Full scans of a run's window at most this far apart: feedback on older interactions waits at most this long. */
export const FULL_SCAN_EVERY_MS = 3_600_000;

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
 * What the passes of one process remember per project: the latest fit (a new run replaces it), and when the
 * run's window was last searched in full and how many rollup writes (`rollupWriteCount`) had been made then.
 */
export class AssignmentMemory {
  readonly #models = new Map<string, RunModel>();
  readonly #fullScans = new Map<string, { runId: string; at: number; writes: number }>();

  model(projectId: string, runId: string): RunModel | undefined {
    const model = this.#models.get(projectId);
    return model?.runId === runId ? model : undefined;
  }

  keepModel(projectId: string, model: RunModel): void {
    if (model.embedder.basis.components.data.byteLength > MAX_KEPT_BASIS_BYTES) this.#models.delete(projectId);
    else this.#models.set(projectId, model);
  }

  /** The last full scan of this run, if any. */
  fullScan(projectId: string, runId: string): { at: number; writes: number } | undefined {
    const scan = this.#fullScans.get(projectId);
    return scan?.runId === runId ? scan : undefined;
  }

  scannedInFull(projectId: string, runId: string, at: number, writes: number): void {
    this.#fullScans.set(projectId, { runId, at, writes });
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
  const lastFull = memory?.fullScan(projectId, run.id);
  if (lastFull?.writes === writes) {
    return { runId: run.id, examined: 0, assigned: 0, noise: 0, skipped: 'no new feedback' };
  }
  const full = lastFull === undefined || now - lastFull.at >= FULL_SCAN_EVERY_MS;
  const from = full ? run.window_from : Math.max(run.window_from, now - RECENT_SCAN_MS);
  await screenProject(store, projectId);
  const known = new Set(await memberIdsOfRun(store.db, projectId, run.id, from));
  const fresh = await loadFailurePool(
    store.db,
    { projectId, from, to: now + 1, tenant: run.tenant ?? undefined },
    known,
  );
  const scan = full ? 'full' : 'recent';
  if (fresh.length === 0) {
    if (full) memory?.scannedInFull(projectId, run.id, now, writes);
    return { runId: run.id, examined: 0, assigned: 0, noise: 0, scan };
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
  if (full) memory?.scannedInFull(projectId, run.id, now, writes);
  const noise = members.filter((m) => m.theme_id === '').length;
  return {
    runId: run.id,
    examined: fresh.length,
    assigned: fresh.length - noise,
    noise,
    model: kept ? 'reused' : 'fitted',
    scan,
  };
}
