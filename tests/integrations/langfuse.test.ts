/**
 * Langfuse-compatible scores, sent by the real `langfuse` npm client (v3) pointed at a real Feedloop
 * server by its base URL: its server client authenticates with Basic `publicKey:secretKey` and batches
 * `score-create` events to /api/public/ingestion; its browser client (LangfuseWeb) sends a public key as
 * Bearer. Both must land as signals on the interaction named by `traceId`.
 */
import { getInteractionWithSignals } from '@feedloop/store';
import { Langfuse, LangfuseWeb } from 'langfuse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

async function logInteraction(fl: RunningFeedloop, id: string, sessionId = 's_lf'): Promise<void> {
  const res = await fetch(`${fl.url}/v1/interactions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fl.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, sessionId, input: 'How do I reset my password?', output: 'Settings → Security.' }),
  });
  expect(res.status).toBe(201);
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function post(fl: RunningFeedloop, path: string, body: unknown, authorization: string) {
  return fetch(`${fl.url}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe.each(backends().map((backend) => ({ backend, name: backend.name })))(
  'Langfuse-compatible scores ($name)',
  ({ backend }) => {
    let fl: RunningFeedloop;
    beforeAll(async () => {
      fl = await startFeedloop({ backend });
    });
    afterAll(() => fl.close());

    it('stores scores sent by the langfuse server client as signals on the interaction', async () => {
      await logInteraction(fl, 'int_lf_1');
      const langfuse = new Langfuse({
        publicKey: 'pk-lf-feedloop',
        secretKey: fl.secretKey,
        baseUrl: fl.url,
        flushAt: 100,
        fetchRetryCount: 0,
      });
      const errors: unknown[] = [];
      langfuse.on('error', (error) => errors.push(error));
      langfuse.score({ traceId: 'int_lf_1', name: 'user-feedback', value: 0, comment: 'The link is broken' });
      langfuse.score({ traceId: 'int_lf_1', name: 'rating', value: 2, dataType: 'NUMERIC' });
      langfuse.score({ traceId: 'int_lf_1', name: 'helpfulness', value: 0.4 });
      langfuse.score({ traceId: 'int_lf_1', name: 'tone', value: 'curt', dataType: 'CATEGORICAL' });
      await langfuse.shutdownAsync();
      expect(errors).toEqual([]);

      const found = await getInteractionWithSignals(fl.store.db, fl.projectId, 'int_lf_1');
      const signals = found?.signals.map((s) => ({ type: s.type, kind: s.kind, value: s.value })) ?? [];
      expect(signals).toEqual(
        expect.arrayContaining([
          { type: 'thumbs', kind: 'explicit', value: -1 },
          { type: 'comment', kind: 'explicit', value: 'The link is broken' },
          { type: 'rating', kind: 'explicit', value: 2 },
          { type: 'langfuse:helpfulness', kind: 'explicit', value: 0.4 },
          { type: 'langfuse:tone', kind: 'explicit', value: 'curt' },
        ]),
      );
      expect(signals).toHaveLength(5);
      expect(found?.signals.every((s) => s.metadata.source === 'langfuse')).toBe(true);
    });

    it('takes a thumb from the browser client (LangfuseWeb) with a Feedloop public key', async () => {
      await logInteraction(fl, 'int_lf_web');
      const web = new LangfuseWeb({ publicKey: fl.publicKey, baseUrl: fl.url, fetchRetryCount: 0 });
      await web.score({ traceId: 'int_lf_web', name: 'user-feedback', value: 1 });
      await web.shutdownAsync();
      const found = await getInteractionWithSignals(fl.store.db, fl.projectId, 'int_lf_web');
      expect(found?.signals.map((s) => [s.type, s.value])).toEqual([['thumbs', 1]]);
    });

    it('answers POST /api/public/scores with the score id, and stores a re-send once', async () => {
      await logInteraction(fl, 'int_lf_2');
      const score = { id: 'score_fixed', traceId: 'int_lf_2', name: 'thumbs', value: 'up', dataType: 'CATEGORICAL' };
      for (let i = 0; i < 2; i++) {
        const res = await post(fl, '/api/public/scores', score, basic('pk-lf-x', fl.secretKey));
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ id: 'score_fixed' });
      }
      const found = await getInteractionWithSignals(fl.store.db, fl.projectId, 'int_lf_2');
      expect(found?.signals.map((s) => [s.id, s.type, s.value])).toEqual([['score_fixed', 'thumbs', 1]]);
    });

    it('answers a mixed ingestion batch 207, one success or error per event', async () => {
      const res = await post(
        fl,
        '/api/public/ingestion',
        {
          batch: [
            {
              id: 'evt_ok',
              type: 'score-create',
              timestamp: '2026-11-20T10:00:05.000Z',
              body: { id: 'score_ok', traceId: 'int_lf_3', name: 'user-feedback', value: 1 },
            },
            {
              id: 'evt_bad',
              type: 'score-create',
              timestamp: 'x',
              body: { traceId: 'int_lf_3', name: 'x', value: 'abc', dataType: 'NUMERIC' },
            },
            { id: 'evt_space', type: 'score-create', body: { traceId: 'has spaces', name: 'user-feedback', value: 1 } },
            { id: 'evt_trace', type: 'trace-create', body: { id: 't' } },
          ],
        },
        basic('pk-lf-x', fl.secretKey),
      );
      expect(res.status).toBe(207);
      const answer = await res.json();
      expect(answer.successes).toEqual([{ id: 'evt_ok', status: 201 }]);
      expect(answer.errors.map((e: { id: string; status: number }) => [e.id, e.status])).toEqual([
        ['evt_bad', 400],
        ['evt_space', 400],
        ['evt_trace', 400],
      ]);
      expect(answer.errors[0].message).toMatch(/body\.value: expected a number/);
      expect(answer.errors[1].message).toMatch(/^body\.traceId: /);
      expect(answer.errors[2].message).toMatch(/score-create events only/);
      // The signal arrived before its interaction: it is kept and linked when the interaction comes.
      await logInteraction(fl, 'int_lf_3');
      const found = await getInteractionWithSignals(fl.store.db, fl.projectId, 'int_lf_3');
      expect(found?.signals.map((s) => [s.id, s.createdAt])).toEqual([['score_ok', '2026-11-20T10:00:05.000Z']]);
    });

    it('takes the key from the password of Basic credentials, and refuses bad ones clearly', async () => {
      const score = { traceId: 'int_lf_4', name: 'user-feedback', value: 1 };
      const cases: Array<[string, number, RegExp | null]> = [
        [basic('anything', fl.secretKey), 200, null],
        [basic(fl.secretKey, ''), 401, /Basic credentials/],
        [`Basic ${Buffer.from('no-colon').toString('base64')}`, 401, /Basic credentials/],
        [basic('pk-lf-x', 'fl_sk_unknown'), 401, /unknown or has been revoked/],
        ['Digest abc', 401, /Authorization header/],
      ];
      for (const [authorization, status, message] of cases) {
        const res = await post(fl, '/api/public/scores', score, authorization);
        const body = await res.json();
        expect([authorization, res.status]).toEqual([authorization, status]);
        if (message)
          expect(body.error).toMatchObject({ code: 'FL_UNAUTHENTICATED', message: expect.stringMatching(message) });
      }
      // Basic works on every route, not only Langfuse's: reading needs the secret key it carries.
      const read = await fetch(`${fl.url}/v1/interactions/nope`, {
        headers: { authorization: basic('x', fl.secretKey) },
      });
      expect(read.status).toBe(404);
    });
  },
);
