/**
 * EXPERIMENT ONLY — what bounds the raw SQLite rate (scenario a): the same rows and pragmas as
 * raw-sqlite.js, in the store's own schema, varying one thing at a time. Also shows the bytes written
 * to files (WAL frames plus checkpoints: `write_bytes` of /proc/self/io) per row: signals spread over many
 * interactions dirty one `signals_project_interaction` index page per interaction touched, so a 1,000-row
 * commit writes hundreds of 4 KiB pages for ~150 KB of rows. Linux only (for /proc/self/io).
 *
 *   node bench/ingest/experiments/raw-sensitivity.js [seconds per case, default 3]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '@feedloop/store';
import BetterSqlite3 from 'better-sqlite3';
import { makeInteractions, signalRow } from '../workload.js';

const seconds = Number(process.argv[2] ?? 3);
const interactions = makeInteractions(1000);

/**
 * @typedef {{ label: string, idKind?: 'v7' | 'v4', rows?: number, interactions?: number,
 *   dropInteractionIndex?: boolean, pragmas?: string[], pageSize?: number }} Case
 */
/** @type {Case[]} */
const CASES = [
  { label: 'as scenario (a): 1,000 rows/commit, 1,000 interactions, v7' },
  { label: '  … signals about 10 interactions', interactions: 10 },
  { label: '  … without the signals_project_interaction index', dropInteractionIndex: true },
  { label: '  … 10,000 rows/commit', rows: 10_000 },
  { label: '  … 10,000 rows/commit, wal_autocheckpoint 10,000', rows: 10_000, pragmas: ['wal_autocheckpoint = 10000'] },
  { label: '  … page_size 1024 (default 4096)', pageSize: 1024 },
  { label: '  … synchronous = NORMAL (not durable; for scale)', pragmas: ['synchronous = NORMAL'] },
  { label: 'as scenario (a), v4', idKind: 'v4' },
  { label: '  … 10,000 rows/commit', idKind: 'v4', rows: 10_000 },
];

const COLUMNS =
  'project_id, id, interaction_id, session_id, user_id, kind, type, value, value_num, created_at, received_at, metadata, rolled_up';

console.log(`case${' '.repeat(60)} rows/s  KiB written/row`);
for (const c of CASES) {
  const dir = mkdtempSync(join(tmpdir(), 'feedloop-raw-'));
  try {
    const filename = join(dir, 'raw.db');
    if (c.pageSize) {
      // The page size is fixed when the first table is written.
      const init = new BetterSqlite3(filename);
      init.pragma(`page_size = ${c.pageSize}`);
      init.exec('CREATE TABLE page_size_probe (x); DROP TABLE page_size_probe;');
      init.close();
    }
    const store = new SqliteStore({ filename });
    await store.migrate();
    await store.close();
    const db = new BetterSqlite3(filename);
    for (const pragma of [
      'journal_mode = WAL',
      'synchronous = FULL',
      'cache_size = -131072',
      'temp_store = MEMORY',
      'wal_autocheckpoint = 1000',
      ...(c.pragmas ?? []),
    ]) {
      db.pragma(pragma);
    }
    if (c.dropInteractionIndex) db.exec('DROP INDEX signals_project_interaction');
    const insert = db.prepare(
      `INSERT INTO signals (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?')}) ON CONFLICT DO NOTHING`,
    );
    const insertMany = db.transaction((/** @type {unknown[][]} */ rows) => {
      for (const row of rows) insert.run(...row);
    });
    const refs = interactions.slice(0, c.interactions ?? interactions.length);
    const perCommit = c.rows ?? 1000;
    let rows = 0;
    let busyNs = 0n;
    const writtenBefore = bytesWritten();
    while (Number(busyNs) / 1e9 < seconds) {
      const now = Date.now();
      const chunk = Array.from({ length: perCommit }, () => signalRow('proj_bench', c.idKind ?? 'v7', refs, now));
      const start = process.hrtime.bigint();
      insertMany(chunk);
      busyNs += process.hrtime.bigint() - start;
      rows += perCommit;
    }
    const kibPerRow = (bytesWritten() - writtenBefore) / 1024 / rows;
    db.close();
    const rate = rows / (Number(busyNs) / 1e9);
    console.log(
      `${c.label.padEnd(64)}${Math.round(rate).toLocaleString('en-US').padStart(7)}   ${kibPerRow.toFixed(2).padStart(6)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes this process has written to files so far (counted when page-cache pages are dirtied). */
function bytesWritten() {
  const line = readFileSync('/proc/self/io', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('write_bytes:'));
  return Number(line?.split(/\s+/)[1] ?? 0);
}
