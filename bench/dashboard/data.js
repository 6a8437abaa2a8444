/**
 * The databases the dashboard benchmark serves: bench/query's workload (workload.js), prepared once and
 * cached in `.data/sqlite-<interactions>-<key>/` (gitignored), with what the preparation took in
 * `prepared.meta` (JSON, named so that linters leave it alone).
 *
 * Preparing a database:
 * 1. Copy the query benchmark's loaded file (`bench/query/.data/sqlite-<n>-<key>/feedloop.db` and its WAL)
 *    when one with the same generator parameters exists, or generate the history with workload.js through
 *    `store.ingest` (as the query benchmark does).
 * 2. Open it with the current store: pending migrations run (e.g. the daily marginal rollups backfill), timed.
 * 3. Screening (`screenProject`) until nothing is pending, within a time budget; what it has not reached by
 *    then is marked screened with one UPDATE (as bench/query does).
 * 4. A themes run (`runThemes`, the offline engine) over the last `themesDays` of the history, and release
 *    notes drafted (`draftReleaseNotes`), so the Themes and Release notes pages have something to show.
 * 5. An interaction for the detail page: the newest one with an edit.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { cacheKey as queryCacheKey } from '../query/backends.js';
import { generate, parameters, START } from '../query/workload.js';

export const PROJECT_ID = 'proj_bench_query';
const DAY = 86_400_000;
/** Bump when the preparation changes: it is part of the cache key. */
const PREPARATION_VERSION = 1;

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (t0) => (performance.now() - t0) / 1000;

/** Stops screening between two batches once its time is up (thrown from the progress callback). */
class ScreeningTimeUp extends Error {}

/** The end of the generated history ("now" of the dataset), epoch ms. */
export const historyEnd = (params) => START + params.days * DAY;

function fileSize(file) {
  return existsSync(file) ? statSync(file).size : 0;
}

/** A loaded database of the query benchmark with exactly these generator parameters, if there is one. */
export function findQueryDatabase(queryDataRoot, params) {
  if (!existsSync(queryDataRoot)) return undefined;
  for (const name of readdirSync(queryDataRoot)) {
    if (!name.startsWith(`sqlite-${params.interactions}-`)) continue;
    const dir = join(queryDataRoot, name);
    const file = join(dir, 'feedloop.db');
    // The load figures are written only once loading and screening finished.
    const metaFile = ['load-figures.meta', 'load.json'].map((m) => join(dir, m)).find((m) => existsSync(m));
    if (!metaFile || !existsSync(file)) continue;
    let meta;
    try {
      meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    } catch {
      continue;
    }
    const budget = meta.screening?.budgetSeconds;
    if (name !== `sqlite-${params.interactions}-${queryCacheKey('sqlite', params, budget)}`) continue;
    return { dir, file, meta, bytes: fileSize(file) + fileSize(`${file}-wal`) };
  }
  return undefined;
}

/** Generates the history into an open store, as bench/query does (11,000 items per `store.ingest`). */
async function generateInto(store, params, log) {
  const { createProject } = await import('@feedloop/store');
  await createProject(store.db, { id: PROJECT_ID, name: 'bench-dashboard' });
  const total = params.interactions + params.signals;
  let items = 0;
  let created = 0;
  let nextReport = 0.1;
  const t0 = performance.now();
  for (const batch of generate(params)) {
    const receivedAt = Math.max(...batch.signals.map((s) => s.createdAt));
    const outcome = await store.ingest(PROJECT_ID, batch, receivedAt);
    items += batch.interactions.length + batch.signals.length;
    for (const s of outcome.interactions) if (s === 'created') created++;
    for (const s of outcome.signals) if (s === 'created') created++;
    if (items / total >= nextReport) {
      log(`    loaded ${fmt((100 * items) / total)}% (${fmt(items)} items) in ${fmt(seconds(t0))} s`);
      nextReport += 0.1;
    }
  }
  if (created !== items) throw new Error(`expected ${items} items created, store.ingest created ${created}`);
  const loadSeconds = seconds(t0);
  return { items, loadSeconds, itemsPerSecond: items / loadSeconds };
}

async function screen(store, screenSeconds, log) {
  const { screenProject } = await import('@feedloop/services');
  const t0 = performance.now();
  let screened = 0;
  let finished = true;
  try {
    const report = await screenProject(store, PROJECT_ID, {
      onProgress: (n) => {
        screened = n;
        if (performance.now() - t0 > screenSeconds * 1000) throw new ScreeningTimeUp();
      },
    });
    screened = report.screened;
  } catch (error) {
    if (!(error instanceof ScreeningTimeUp)) throw error;
    finished = false;
  }
  const passSeconds = seconds(t0);
  let markedByUpdate = 0;
  let markSeconds = 0;
  if (!finished) {
    const m0 = performance.now();
    const result = await store.db
      .updateTable('signals')
      .set({ screened: 1 })
      .where('project_id', '=', PROJECT_ID)
      .where('screened', '=', 0)
      .executeTakeFirst();
    markedByUpdate = Number(result.numUpdatedRows);
    markSeconds = seconds(m0);
    log(`    marked the other ${fmt(markedByUpdate)} signals screened with one UPDATE in ${fmt(markSeconds, 1)} s`);
  }
  return { budgetSeconds: screenSeconds, screened, passSeconds, finished, markedByUpdate, markSeconds };
}

/**
 * A prepared database for `scale`, from the cache or made now.
 * @returns {Promise<{ file: string, params: object, meta: object, cached: boolean }>}
 */
export async function prepareDatabase({ scale, dataRoot, queryDataRoot, screenSeconds, themesDays, fresh, log }) {
  const params = parameters(scale);
  const key = createHash('sha256')
    .update(JSON.stringify({ params, themesDays, version: PREPARATION_VERSION }))
    .digest('hex')
    .slice(0, 12);
  const dir = join(dataRoot, `sqlite-${params.interactions}-${key}`);
  const file = join(dir, 'feedloop.db');
  const metaFile = join(dir, 'prepared.meta');
  if (!fresh && existsSync(metaFile) && existsSync(file)) {
    log(`${fmt(params.interactions)} interactions: using the prepared ${dir}`);
    return { file, params, meta: JSON.parse(readFileSync(metaFile, 'utf8')), cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const end = historyEnd(params);
  const meta = { interactions: params.interactions, signals: params.signals, preparedAt: '' };

  // 1. The data.
  const source = findQueryDatabase(queryDataRoot, params);
  if (source) {
    log(`${fmt(params.interactions)} interactions: copying ${fmt(source.bytes / 1024 ** 2)} MB from ${source.dir}`);
    const t0 = performance.now();
    copyFileSync(source.file, file);
    if (existsSync(`${source.file}-wal`)) copyFileSync(`${source.file}-wal`, `${file}-wal`);
    meta.data = {
      source: 'copied',
      from: source.dir,
      copySeconds: seconds(t0),
      megabytes: source.bytes / 1024 ** 2,
      queryLoad: source.meta,
    };
  }
  const { SqliteStore } = await import('@feedloop/store');
  const store = new SqliteStore({ filename: file });
  try {
    // 2. Migrations: on a copied file, whatever the query benchmark's store did not have yet.
    const m0 = performance.now();
    const migration = await store.migrate();
    if (migration.error) throw new Error(`migration failed: ${migration.error.message}`);
    meta.migration = { applied: migration.applied, seconds: seconds(m0) };
    log(
      `  migrations: ${migration.applied.length ? migration.applied.join(', ') : 'none pending'} in ${fmt(meta.migration.seconds, 1)} s`,
    );
    if (!source) {
      log(
        `${fmt(params.interactions)} interactions: generating ${fmt(params.interactions)} interactions and ${fmt(params.signals)} signals`,
      );
      meta.data = { source: 'generated', ...(await generateInto(store, params, log)) };
    }

    // 3. Screening.
    log(`  screening (at most ${screenSeconds} s)…`);
    meta.screening = await screen(store, screenSeconds, log);
    log(`    the pass screened ${fmt(meta.screening.screened)} signals in ${fmt(meta.screening.passSeconds, 1)} s`);

    // 4. Themes and release notes.
    const { draftReleaseNotes, runThemes } = await import('@feedloop/services');
    log(`  themes run over the last ${themesDays} days of the history…`);
    const t0 = performance.now();
    const steps = [];
    const themes = await runThemes(store, {
      projectId: PROJECT_ID,
      from: end - themesDays * DAY,
      to: end,
      onProgress: (step) => steps.push({ step, at: seconds(t0) }),
    });
    meta.themes = {
      days: themesDays,
      seconds: seconds(t0),
      steps,
      runId: themes.runId,
      poolSize: themes.poolSize,
      k: themes.k,
      noise: themes.noise,
      skipped: themes.skipped ?? null,
    };
    log(
      `    ${fmt(themes.poolSize)} items into ${themes.k} themes (${fmt(themes.noise)} noise) in ${fmt(meta.themes.seconds, 1)} s`,
    );
    const r0 = performance.now();
    const notes = await draftReleaseNotes(store, { projectId: PROJECT_ID, now: end });
    meta.releaseNotes = { seconds: seconds(r0), tests: notes.tests, drafted: notes.drafted.length };
    log(
      `  release notes: ${notes.drafted.length} drafted of ${notes.tests} tests in ${fmt(meta.releaseNotes.seconds, 1)} s`,
    );

    // 5. The interaction the detail page opens: the newest with an edit (its page shows a word diff).
    const edited = await store.db
      .selectFrom('signals')
      .select('interaction_id')
      .where('project_id', '=', PROJECT_ID)
      .where('type', '=', 'edit')
      .where('interaction_id', 'is not', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    meta.detailInteractionId = edited?.interaction_id ?? null;
  } finally {
    await store.close();
  }
  meta.bytes = fileSize(file) + fileSize(`${file}-wal`);
  meta.preparedAt = new Date().toISOString();
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return { file, params, meta, cached: false };
}
