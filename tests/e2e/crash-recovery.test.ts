/**
 * "A 2xx means committed": a client streams batches over several connections, the server is killed with
 * SIGKILL mid-stream, and after a restart every item the server acknowledged is there exactly once. The
 * client then retries what was never acknowledged, as a real one would, and the data (and its rollups)
 * add up to exactly what was sent. Run on the embedded SQLite default and on PostgreSQL.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase, tempDir } from '../helpers/backends.js';
import { HttpClient, type ServeProcess, startServe, stopAllServes } from '../helpers/serve-process.js';
import {
  type Batch,
  batchStream,
  expectedRollups,
  Ledger,
  mapLimit,
  rollupTotals,
  type WireInteraction,
  type WireSignal,
} from '../helpers/workload.js';

afterEach(stopAllServes);

const SECRET = 'fl_sk_e2eCrashRecoverySecret0123456789';
const INIT = { FEEDLOOP_INIT_PROJECT: 'crash', FEEDLOOP_INIT_SECRET_KEY: SECRET };
const CONNECTIONS = 6;
const STREAM_MS = 1500;

interface StoredState {
  interactions: string[];
  signals: string[];
  rollups: Parameters<typeof rollupTotals>[0];
}

interface Location {
  name: string;
  args: string[];
  /** Reads what is stored, with the server stopped. */
  read(): Promise<StoredState>;
}

const ROLLUP_QUERY = 'SELECT bucket_start, tenant, model, metric, value_key, count, value_sum FROM rollups';

function sqliteLocation(): Location {
  const data = tempDir();
  return {
    name: 'sqlite',
    args: ['--data', data],
    read: async () => {
      const db = new BetterSqlite3(join(data, 'feedloop.db'), { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        return {
          interactions: db.prepare('SELECT id FROM interactions').pluck().all() as string[],
          signals: db.prepare('SELECT id FROM signals').pluck().all() as string[],
          rollups: db.prepare(ROLLUP_QUERY).all() as StoredState['rollups'],
        };
      } finally {
        db.close();
      }
    },
  };
}

async function postgresLocation(adminUrl: string): Promise<Location> {
  const url = await createPostgresDatabase(adminUrl);
  return {
    name: 'postgres',
    args: ['--database-url', url],
    read: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const ids = async (table: string) => (await client.query(`SELECT id FROM ${table}`)).rows.map((r) => r.id);
        return {
          interactions: await ids('interactions'),
          signals: await ids('signals'),
          rollups: (await client.query(ROLLUP_QUERY)).rows,
        };
      } finally {
        await client.end();
      }
    },
  };
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** Streams batches over several connections until `server` is killed; returns what happened to each. */
async function streamUntilKilled(server: ServeProcess, stream: (k: number) => Batch, ledger: Ledger) {
  const client = new HttpClient(server.url, SECRET, CONNECTIONS);
  const acknowledged: Batch[] = [];
  const unacknowledged: Batch[] = [];
  const errorsBeforeCrash: string[] = [];
  let next = 0;
  let crashed = false;
  let inFlight = 0;
  // Each connection sends batch after batch, as a busy client would, until a request fails.
  const worker = async () => {
    for (;;) {
      const batch = stream(next++);
      inFlight++;
      try {
        const res = await client.post('/v1/batch', batch);
        if (res.status === 200) {
          ledger.record(batch, res.body);
          acknowledged.push(batch);
          continue;
        }
        if (!crashed) errorsBeforeCrash.push(`${res.status} ${JSON.stringify(res.body)}`);
      } catch (error) {
        if (!crashed) errorsBeforeCrash.push(String(error));
      } finally {
        inFlight--;
      }
      unacknowledged.push(batch);
      return;
    }
  };
  const workers = Array.from({ length: CONNECTIONS }, worker);
  await sleep(STREAM_MS);
  const inFlightAtKill = inFlight;
  crashed = true;
  const exit = await server.crash();
  await Promise.all(workers);
  client.close();
  return { acknowledged, unacknowledged, errorsBeforeCrash, inFlightAtKill, exit };
}

const locations: Array<[string, () => Promise<Location>]> = [['sqlite', async () => sqliteLocation()]];
const postgresUrl = inject('postgresUrl');
if (postgresUrl) locations.push(['postgres', () => postgresLocation(postgresUrl)]);

describe.each(locations)('SIGKILL mid-stream on %s', (name, locate) => {
  it('keeps every acknowledged item exactly once, and retries of the rest complete the data', async () => {
    const location = await locate();
    const args = [...location.args, '--rate-limit-secret', '0'];
    const first = await startServe({ args, env: INIT });
    const stream = batchStream(`crash-${name}`);
    const ledger = new Ledger();

    const run = await streamUntilKilled(first, stream, ledger);
    expect(run.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(run.errorsBeforeCrash).toEqual([]);
    expect(ledger.anomalies).toEqual([]);
    // The kill really came mid-stream, after a fair amount of acknowledged work.
    expect(run.acknowledged.length).toBeGreaterThan(10);
    expect(run.inFlightAtKill).toBeGreaterThan(0);
    const acknowledgedIds = run.acknowledged.flatMap((b) => [...b.interactions, ...b.signals].map((i) => i.id));
    for (const id of acknowledgedIds) expect(ledger.count(id, 'created'), id).toBe(1);

    // Restart on the same data and the same address, as a supervisor would.
    const second = await startServe({ args: [...args, '--port', String(first.port)], env: INIT });
    expect(second.url).toBe(first.url);
    const client = new HttpClient(second.url, SECRET, CONNECTIONS);
    try {
      // Every acknowledged interaction reads back with each acknowledged signal about it, once.
      const ackedSignalsByInteraction = new Map<string, string[]>();
      for (const s of run.acknowledged.flatMap((b) => b.signals)) {
        const list = ackedSignalsByInteraction.get(s.interactionId) ?? [];
        list.push(s.id);
        ackedSignalsByInteraction.set(s.interactionId, list);
      }
      const ackedInteractions = run.acknowledged.flatMap((b) => b.interactions);
      const missing: string[] = [];
      await mapLimit(ackedInteractions, CONNECTIONS, async (i) => {
        const res = await client.get(`/v1/interactions/${i.id}`);
        if (res.status !== 200) {
          missing.push(`${i.id}: ${res.status}`);
          return;
        }
        const ids: string[] = res.body.signals.map((s: { id: string }) => s.id);
        if (new Set(ids).size !== ids.length) missing.push(`${i.id}: a signal is listed twice`);
        for (const id of ackedSignalsByInteraction.get(i.id) ?? []) {
          if (!ids.includes(id)) missing.push(`${i.id}: acknowledged signal ${id} is missing`);
        }
      });
      expect(missing).toEqual([]);

      // The client retries everything that was never acknowledged; each answer is created or duplicate.
      for (const batch of run.unacknowledged.sort((a, b) => a.index - b.index)) {
        const res = await client.post('/v1/batch', batch);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        ledger.record(batch, res.body);
      }
      // Re-sending acknowledged batches stores nothing new.
      for (const batch of run.acknowledged.slice(-3)) {
        const res = await client.post('/v1/batch', batch);
        expect(res.status).toBe(200);
        expect(new Set(res.body.results.map((r: { status: string }) => r.status))).toEqual(new Set(['duplicate']));
      }
      expect(ledger.anomalies).toEqual([]);
    } finally {
      client.close();
    }
    expect(await second.stop()).toEqual({ code: 0, signal: null });

    // Now the store holds exactly what was sent, each item once, and the rollups add up to it.
    const sent = [...run.acknowledged, ...run.unacknowledged];
    const interactions: WireInteraction[] = sent.flatMap((b) => b.interactions);
    const signals: WireSignal[] = sent.flatMap((b) => b.signals);
    const stored = await location.read();
    expect(stored.interactions.length).toBe(interactions.length);
    expect(stored.signals.length).toBe(signals.length);
    expect(sorted(stored.interactions)).toEqual(sorted(interactions.map((i) => i.id)));
    expect(sorted(stored.signals)).toEqual(sorted(signals.map((s) => s.id)));
    const createdTwice = [...interactions, ...signals].filter((i) => ledger.count(i.id, 'created') > 1);
    expect(createdTwice.map((i) => i.id)).toEqual([]);
    expect(rollupTotals(stored.rollups)).toEqual(expectedRollups(interactions, signals));
  });
});
