import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { interaction, signal } from '../helpers/fixtures.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

describe.each(backends())('ingestion API on $name', (backend) => {
  let fl: RunningFeedloop;
  beforeAll(async () => {
    fl = await startFeedloop({ backend, allowedOrigins: ['https://app.example'] });
  });
  afterAll(() => fl.close());

  const post = (url: string, body: unknown, key: string | null = fl.secretKey, headers: Record<string, string> = {}) =>
    fl.app.inject({
      method: 'POST',
      url,
      payload: body as object,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    });

  it('answers one result per item, in order, for a mix of valid, duplicate and invalid items', async () => {
    const i = interaction();
    const good = signal(i.id as string);
    const res = await post('/v1/batch', {
      interactions: [i, { ...interaction(), createdAt: 'yesterday' }],
      signals: [good, good, signal(i.id as string, { type: 'rating', value: 9 }), { id: 'x', type: 'wave' }],
    });
    expect(res.statusCode).toBe(200);
    const { results } = res.json();
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'invalid',
      'created',
      'duplicate',
      'invalid',
      'invalid',
    ]);
    expect(results[1].errors).toEqual([
      { field: 'interactions[1].createdAt', reason: expect.stringContaining('ISO 8601') },
    ]);
    expect(results[4].errors).toEqual([{ field: 'signals[2].value', reason: 'expected a whole number from 1 to 5' }]);
    expect(results[5].errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['signals[3].interactionId', 'signals[3].type']),
    );

    const again = await post('/v1/batch', { interactions: [i], signals: [good] });
    expect(again.json().results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);

    const read = await fl.app.inject({
      url: `/v1/interactions/${i.id}`,
      headers: { authorization: `Bearer ${fl.secretKey}` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().signals.map((s: { id: string }) => s.id)).toEqual([good.id]);
    expect(read.json().input).toEqual(i.input);
  });

  it('links a signal sent before its interaction', async () => {
    const i = interaction();
    const early = signal(i.id as string, { type: 'comment', value: 'The link is broken' });
    expect((await post('/v1/signals', early, fl.publicKey)).statusCode).toBe(201);
    const missing = await fl.app.inject({
      url: `/v1/interactions/${i.id}`,
      headers: { authorization: `Bearer ${fl.secretKey}` },
    });
    expect(missing.statusCode).toBe(404);
    expect((await post('/v1/interactions', i)).statusCode).toBe(201);
    expect((await post('/v1/interactions', i)).json()).toEqual({ id: i.id, status: 'duplicate' });
    const read = await fl.app.inject({
      url: `/v1/interactions/${i.id}`,
      headers: { authorization: `Bearer ${fl.secretKey}` },
    });
    expect(read.json().signals).toEqual([
      expect.objectContaining({ id: early.id, value: 'The link is broken', kind: 'explicit' }),
    ]);
  });

  it('lets a public key write signals but not read or write interactions', async () => {
    const i = interaction();
    await post('/v1/interactions', i);
    const asPublic = await fl.app.inject({
      url: `/v1/interactions/${i.id}`,
      headers: { authorization: `Bearer ${fl.publicKey}` },
    });
    expect(asPublic.statusCode).toBe(403);
    expect(asPublic.json().error.code).toBe('FL_FORBIDDEN');
    const interactionsWithPublic = await post('/v1/batch', { interactions: [interaction()] }, fl.publicKey);
    expect(interactionsWithPublic.statusCode).toBe(403);
    const beacon = await fl.app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: JSON.stringify({ publicKey: fl.publicKey, signals: [signal(i.id as string)] }),
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://app.example' },
    });
    expect(beacon.statusCode).toBe(200);
    expect(beacon.json().results[0].status).toBe('created');
  });

  it('refuses a public key from an origin not on its list', async () => {
    const res = await post('/v1/signals', signal('int_x'), fl.publicKey, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({
      code: 'FL_ORIGIN_NOT_ALLOWED',
      message: 'Origin https://evil.example is not allowed for this public key.',
    });
  });

  it("does not show one project's data to another project's secret key", async () => {
    const other = await fl.addProject();
    const i = interaction();
    await post('/v1/interactions', i);
    const res = await fl.app.inject({
      url: `/v1/interactions/${i.id}`,
      headers: { authorization: `Bearer ${other.secretKey}` },
    });
    expect(res.statusCode).toBe(404);
  });

  it('answers 401 without a key or with a revoked one', async () => {
    expect((await post('/v1/batch', { signals: [] }, null)).statusCode).toBe(401);
    const bad = await post('/v1/batch', { signals: [] }, 'fl_sk_nope');
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('FL_UNAUTHENTICATED');
  });

  it('answers 413 for an oversized batch and 400 naming the field for a malformed one', async () => {
    const many = Array.from({ length: 5001 }, () => signal('int_x'));
    const tooMany = await post('/v1/batch', { signals: many });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json().error.code).toBe('FL_PAYLOAD_TOO_LARGE');
    const notList = await post('/v1/batch', { signals: 'nope' });
    expect(notList.statusCode).toBe(400);
    expect(notList.json().error.errors).toEqual([{ field: 'signals', reason: 'expected an array' }]);
    const broken = await fl.app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: '{"signals": [',
      headers: { authorization: `Bearer ${fl.secretKey}`, 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('FL_VALIDATION');
  });

  it('serves an OpenAPI document describing the ingestion routes', async () => {
    const res = await fl.app.inject({ url: '/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/batch', '/v1/interactions', '/v1/signals', '/v1/interactions/{id}', '/health']),
    );
    const batchBody = doc.paths['/v1/batch'].post.requestBody.content['application/json'].schema;
    expect(batchBody.properties.signals.items.required).toEqual(['id', 'type']);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the per-key limit', async () => {
    const fl = await startFeedloop({ config: { publicKeyRateLimit: 3 }, listen: false });
    try {
      const codes: number[] = [];
      let last: Awaited<ReturnType<typeof fl.app.inject>> | undefined;
      for (let n = 0; n < 5; n++) {
        last = await fl.app.inject({
          method: 'POST',
          url: '/v1/signals',
          payload: signal('int_1'),
          headers: { authorization: `Bearer ${fl.publicKey}` },
        });
        codes.push(last.statusCode);
      }
      expect(codes).toEqual([201, 201, 201, 429, 429]);
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
      expect(last?.json().error.code).toBe('FL_RATE_LIMITED');
      // The secret key has its own budget.
      const secret = await fl.app.inject({
        method: 'POST',
        url: '/v1/signals',
        payload: signal('int_1'),
        headers: { authorization: `Bearer ${fl.secretKey}` },
      });
      expect(secret.statusCode).toBe(201);
    } finally {
      await fl.close();
    }
  });
});
