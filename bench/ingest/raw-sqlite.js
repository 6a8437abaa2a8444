/**
 * Scenario (a): the ceiling. Inserts signal rows straight into better-sqlite3, in the store's own schema
 * (created by the real migration) with the store's pragmas (WAL, synchronous = FULL), 1,000 rows a
 * transaction, with the writer's own prepared `INSERT … ON CONFLICT DO NOTHING`.
 *
 * Run by run.js in a child process: `node raw-sqlite.js <v7|v4> <seconds> <dir>`; answers over IPC.
 * Only the transactions are timed; rows are generated between them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStore } from '@feedloop/store';
import BetterSqlite3 from 'better-sqlite3';
import { makeInteractions, signalRow } from './workload.js';

// The writer's column list (packages/store/src/sqlite/sqlite-ingest-writer.ts, SIGNAL_COLUMNS).
const SIGNAL_COLUMNS = [
  'project_id',
  'id',
  'interaction_id',
  'session_id',
  'user_id',
  'kind',
  'type',
  'value',
  'value_num',
  'created_at',
  'received_at',
  'metadata',
  'rolled_up',
];
const ROWS_PER_TRANSACTION = 1000;

const [idKind, secondsArg, dir] = process.argv.slice(2);
if ((idKind !== 'v7' && idKind !== 'v4') || !dir) {
  throw new Error('usage: raw-sqlite.js <v7|v4> <seconds> <dir>');
}
const seconds = Number(secondsArg);
const filename = join(dir, 'raw.db');

// The real migration creates the schema; then the file is reopened bare, with the store's pragmas.
const store = new SqliteStore({ filename });
const report = await store.migrate();
if (report.error) throw new Error(`migration failed: ${report.error.message}`);
await store.close();

const db = new BetterSqlite3(filename);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -131072');
db.pragma('temp_store = MEMORY');

const insert = db.prepare(
  `INSERT INTO signals (${SIGNAL_COLUMNS.join(', ')}) VALUES (${SIGNAL_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`,
);
const insertMany = db.transaction((/** @type {unknown[][]} */ rows) => {
  let changes = 0;
  for (const row of rows) changes += insert.run(...row).changes;
  return changes;
});

/** Bytes written to files so far (WAL and checkpoints), from /proc/self/io; 0 where unavailable. */
function fileBytesWritten() {
  try {
    const line = readFileSync('/proc/self/io', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('write_bytes:'));
    return Number(line?.split(/\s+/)[1] ?? 0);
  } catch {
    return 0;
  }
}

const projectId = 'proj_bench0000000000';
const interactions = makeInteractions(1000);
let rows = 0;
let inserted = 0;
let busyNs = 0n;
const bytesBefore = fileBytesWritten();
while (Number(busyNs) / 1e9 < seconds) {
  const now = Date.now();
  const chunk = Array.from({ length: ROWS_PER_TRANSACTION }, () => signalRow(projectId, idKind, interactions, now));
  const start = process.hrtime.bigint();
  inserted += insertMany(chunk);
  busyNs += process.hrtime.bigint() - start;
  rows += chunk.length;
}
const fileKiBPerRow = (fileBytesWritten() - bytesBefore) / 1024 / rows;
const stored = /** @type {{ n: number }} */ (db.prepare('SELECT count(*) AS n FROM signals').get()).n;
db.close();

const insertSeconds = Number(busyNs) / 1e9;
process.send?.({
  op: 'raw',
  idKind,
  rows,
  inserted,
  stored,
  insertSeconds,
  rowsPerSecond: inserted / insertSeconds,
  fileKiBPerRow,
});
