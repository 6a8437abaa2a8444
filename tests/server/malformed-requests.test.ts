/** A malformed request never causes a 5xx: random bodies, types and headers against every write route. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

describe('malformed requests', () => {
  let fl: RunningFeedloop;
  beforeAll(async () => {
    fl = await startFeedloop({ listen: false, config: { secretKeyRateLimit: 0, publicKeyRateLimit: 0 } });
  });
  afterAll(() => fl.close());

  const routes = ['/v1/batch', '/v1/signals', '/v1/interactions'];
  const body = fc.oneof(
    fc.json(),
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify({ signals: [v], interactions: [v] })),
    fc.jsonValue().map((v) => JSON.stringify({ signals: v })),
    fc
      .record({ id: fc.string(), type: fc.string(), value: fc.jsonValue(), interactionId: fc.jsonValue() })
      .map((v) => JSON.stringify(v)),
    fc.constant('{"__proto__": {"x": 1}}'),
    fc
      .constantFrom('toString', 'constructor', 'valueOf', 'hasOwnProperty')
      .map((type) => JSON.stringify({ id: 'x', interactionId: 'i', type, value: 1 })),
    fc.constant(''),
  );
  const contentType = fc.constantFrom(
    'application/json',
    'text/plain',
    'application/xml',
    'multipart/form-data',
    undefined,
  );

  it('answers every one with a 2xx or a 4xx that carries an error code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        body,
        contentType,
        fc.boolean(),
        async (url, payload, type, usePublic) => {
          const res = await fl.app.inject({
            method: 'POST',
            url,
            payload,
            headers: {
              authorization: `Bearer ${usePublic ? fl.publicKey : fl.secretKey}`,
              ...(type ? { 'content-type': type } : {}),
            },
          });
          expect(res.statusCode, `${url} ${type} ${payload.slice(0, 200)} -> ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^FL_/);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('answers malformed ids in the path with 400 naming the parameter', async () => {
    const res = await fl.app.inject({
      url: '/v1/interactions/%20bad%20id',
      headers: { authorization: `Bearer ${fl.secretKey}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors[0].field).toBe('params.id');
  });
});
