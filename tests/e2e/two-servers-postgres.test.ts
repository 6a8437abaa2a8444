/**
 * Scale-out: two `feedloop serve` processes on one PostgreSQL database, as behind a load balancer. They
 * start at the same moment on an empty database (migrations and the scripted first-start bootstrap race),
 * then take the same stream from a client that sends every batch to both, retries to the other one,
 * overlaps batches, and sends signals to one server before their interaction reaches the other. Every
 * item must be stored once, acknowledged `created` exactly once, and counted once in the rollups.
 */
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase } from '../helpers/backends.js';
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

const postgresUrl = inject('postgresUrl');

const INIT = {
  FEEDLOOP_INIT_PROJECT: 'Twins',
  FEEDLOOP_INIT_SECRET_KEY: 'fl_sk_e2eTwoServersSecret0123456789abc',
  FEEDLOOP_INIT_PUBLIC_KEY: 'fl_pk_e2eTwoServersPublic0123456789abc',
};

function startPair(databaseUrl: string): Promise<[ServeProcess, ServeProcess]> {
  const args = ['--database-url', databaseUrl, '--rate-limit-secret', '0', '--rate-limit-public', '0'];
  return Promise.all([startServe({ args, env: INIT }), startServe({ args, env: INIT })]);
}

async function withDb<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe.skipIf(!postgresUrl)('two feedloop servers on one PostgreSQL database', () => {
  it('start together on an empty database and create the project and its keys once', async () => {
    for (let round = 0; round < 3; round++) {
      const url = await createPostgresDatabase(postgresUrl!);
      const servers = await startPair(url);
      for (const server of servers) {
        expect(server.banner.backend).toBe('postgres');
        const backend = new HttpClient(server.url, INIT.FEEDLOOP_INIT_SECRET_KEY);
        const browser = new HttpClient(server.url, INIT.FEEDLOOP_INIT_PUBLIC_KEY);
        // The secret key is known (404: no such interaction); the public key is known but may not read.
        expect((await backend.get('/v1/interactions/none')).status).toBe(404);
        expect((await browser.get('/v1/interactions/none')).status).toBe(403);
        backend.close();
        browser.close();
      }
      await withDb(url, async (db) => {
        expect((await db.query('SELECT id, name FROM projects')).rows).toEqual([{ id: 'proj_twins', name: 'Twins' }]);
        const keys = await db.query('SELECT project_id, kind FROM api_keys ORDER BY kind');
        expect(keys.rows).toEqual([
          { project_id: 'proj_twins', kind: 'public' },
          { project_id: 'proj_twins', kind: 'secret' },
        ]);
      });
      const exits = await Promise.all(servers.map((s) => s.stop()));
      expect(exits).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);
    }
  });

  it('store every item once, answer `created` once per item, and keep the rollups exact', async () => {
    const url = await createPostgresDatabase(postgresUrl!);
    const [a, b] = await startPair(url);
    const secret = [a, b].map((s) => new HttpClient(s.url, INIT.FEEDLOOP_INIT_SECRET_KEY, 4));
    const publicKey = [a, b].map((s) => new HttpClient(s.url, INIT.FEEDLOOP_INIT_PUBLIC_KEY, 2));
    const ledger = new Ledger();
    /** How many 200 answers covered each id: every one of them must say created or duplicate. */
    const answered = new Map<string, number>();
    const failures: string[] = [];
    let transientErrors = 0;

    const send = async (client: HttpClient, payload: Partial<Batch>) => {
      const body = { interactions: payload.interactions ?? [], signals: payload.signals ?? [] };
      // A real client retries a failed request (same ids) until it is acknowledged.
      for (let attempt = 1; ; attempt++) {
        let problem: string;
        try {
          const res = await client.post('/v1/batch', body);
          if (res.status === 200) {
            ledger.record(body, res.body);
            for (const item of [...body.interactions, ...body.signals]) {
              answered.set(item.id, (answered.get(item.id) ?? 0) + 1);
            }
            return;
          }
          problem = `${res.status} ${JSON.stringify(res.body)}`;
        } catch (error) {
          problem = String(error);
        }
        transientErrors++;
        if (attempt === 5) {
          failures.push(`${client.baseUrl}: ${problem}`);
          return;
        }
      }
    };

    const BATCHES = 80;
    const stream = batchStream('twins', { interactionsPerBatch: 4, signalsPerBatch: 16, earlySignalsPerBatch: 2 });
    const [A, B] = [0, 1] as const;
    const retryLater: number[] = [];
    try {
      await mapLimit(
        Array.from({ length: BATCHES }, (_, k) => k),
        4,
        async (k) => {
          const batch = stream(k);
          const other = k % 2 === 0 ? B : A;
          // A browser reports the feedback to one server before the backend's log reaches the other.
          if (k % 2 === 1) await send(publicKey[other]!, { signals: batch.signals });
          // The same batch goes to both servers at once (a retry after a timeout, through the balancer).
          await Promise.all([send(secret[A]!, batch), send(secret[B]!, batch)]);
          // A batch that overlaps the previous one: its tail and this one's head.
          if (k % 3 === 0 && k > 0) {
            const previous = stream(k - 1);
            await send(secret[other]!, {
              interactions: [...previous.interactions.slice(2), ...batch.interactions.slice(0, 2)],
              signals: [...previous.signals.slice(8), ...batch.signals.slice(0, 8)],
            });
          }
          if (k % 4 === 1) retryLater.push(k);
        },
      );
      // Later retries of whole batches, and of their signals through the other server.
      await mapLimit(retryLater, 4, async (k) => {
        await send(secret[k % 2 === 0 ? A : B]!, stream(k));
        await send(publicKey[k % 2 === 0 ? B : A]!, { signals: stream(k).signals });
      });
      // The last batch's early signals are about an interaction that arrives only now.
      const last = { interactions: stream(BATCHES).interactions.slice(0, 1) };
      await Promise.all([send(secret[A]!, last), send(secret[B]!, last)]);
    } finally {
      for (const client of [...secret, ...publicKey]) client.close();
    }

    expect(failures).toEqual([]);
    expect(ledger.anomalies).toEqual([]);

    const sent = Array.from({ length: BATCHES }, (_, k) => stream(k));
    const interactions: WireInteraction[] = [
      ...sent.flatMap((batch) => batch.interactions),
      ...stream(BATCHES).interactions.slice(0, 1),
    ];
    const signals: WireSignal[] = sent.flatMap((batch) => batch.signals);
    const wrong: string[] = [];
    for (const { id } of [...interactions, ...signals]) {
      const created = ledger.count(id, 'created');
      const duplicate = ledger.count(id, 'duplicate');
      if (created !== 1) wrong.push(`${id}: answered created ${created} times`);
      if (created + duplicate !== answered.get(id)) wrong.push(`${id}: ${answered.get(id)} answers, not all counted`);
      if ((answered.get(id) ?? 0) < 2) wrong.push(`${id}: sent only ${answered.get(id)} times`);
    }
    expect(wrong).toEqual([]);

    expect(await a.stop()).toEqual({ code: 0, signal: null });
    expect(await b.stop()).toEqual({ code: 0, signal: null });

    await withDb(url, async (db) => {
      const interactionIds = (await db.query('SELECT id FROM interactions')).rows.map((r) => r.id);
      const signalIds = (await db.query('SELECT id FROM signals')).rows.map((r) => r.id);
      expect(interactionIds.length).toBe(interactions.length);
      expect(signalIds.length).toBe(signals.length);
      expect(sorted(interactionIds)).toEqual(sorted(interactions.map((i) => i.id)));
      expect(sorted(signalIds)).toEqual(sorted(signals.map((s) => s.id)));
      // The stream did deliver signals before their interaction (else this test would prove little)...
      const early = await db.query(
        `SELECT count(*)::int AS n FROM signals s JOIN interactions i ON i.project_id = s.project_id
         AND i.id = s.interaction_id WHERE s.received_at < i.received_at`,
      );
      expect(early.rows[0].n).toBeGreaterThan(20);
      // ...and every signal, whether it arrived before or after its interaction, is linked now.
      expect((await db.query('SELECT count(*)::int AS n FROM signals WHERE rolled_up = 0')).rows).toEqual([{ n: 0 }]);

      const metricCount = async (metric: string) =>
        Number(
          (await db.query('SELECT coalesce(sum(count), 0) AS n FROM rollups WHERE metric = $1', [metric])).rows[0].n,
        );
      expect(await metricCount('$interaction')).toBe(interactions.length);
      expect(await metricCount('thumbs')).toBe(signals.filter((s) => s.type === 'thumbs').length);
      expect(await metricCount('rating')).toBe(signals.filter((s) => s.type === 'rating').length);
      // And per hour, tenant, model and value: each signal under its own interaction's dimensions.
      const rows = (
        await db.query('SELECT bucket_start, tenant, model, metric, value_key, count, value_sum FROM rollups')
      ).rows;
      expect(rollupTotals(rows)).toEqual(expectedRollups(interactions, signals));
    });
    // Healthy duplicate traffic should never need a retry: a 503 here is something the client notices.
    expect(transientErrors, 'requests that failed and were retried').toBe(0);
  });
});
