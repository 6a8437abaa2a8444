/** A malformed request to the eval-set routes never causes a 5xx: random bodies, parameters and queries. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';
import { ingestEvalHistory } from './eval-history.js';

describe.each(backends())('malformed eval-set requests on $name', (backend) => {
  let fl: RunningFeedloop;
  beforeAll(async () => {
    fl = await startFeedloop({ backend, listen: false, config: { secretKeyRateLimit: 0 } });
    await ingestEvalHistory(fl.store, fl.projectId);
    await fl.app.inject({
      method: 'POST',
      url: '/v1/eval/sets/s/cases',
      headers: { authorization: `Bearer ${fl.secretKey}` },
      payload: { interactionId: 'cite_0' },
    });
  });
  afterAll(() => fl.close());

  // Mostly values that reach the service (a real set, a real interaction), some anything at all.
  const text = fc.oneof(
    { arbitrary: fc.constantFrom('\u0000', 'a\u0000b', 'cite_0', 's', 'latest', '1', ' ', '%00', '../x'), weight: 3 },
    { arbitrary: fc.string(), weight: 1 },
  );
  const segment = text.map((t) => encodeURIComponent(t));
  const request = fc.oneof(
    fc.tuple(
      fc.constant('POST' as const),
      segment.map((s) => `/v1/eval/sets/${s}/cases`),
    ),
    fc.tuple(
      fc.constant('POST' as const),
      segment.map((s) => `/v1/eval/sets/${s}/reject`),
    ),
    fc.tuple(
      fc.constant('POST' as const),
      segment.map((s) => `/v1/eval/sets/${s}/publish`),
    ),
    fc.tuple(
      fc.constant('PATCH' as const),
      fc.tuple(segment, segment).map(([s, i]) => `/v1/eval/sets/${s}/cases/${i}`),
    ),
    fc.tuple(
      fc.constant('PATCH' as const),
      fc.tuple(segment, segment).map(([s, v]) => `/v1/eval/sets/${s}/versions/${v}`),
    ),
    fc.tuple(
      fc.constant('GET' as const),
      fc
        .dictionary(fc.constantFrom('since', 'until', 'tenant', 'template', 'set', 'limit', 'cursor', 'x'), text)
        .map((q) => `/v1/eval/candidates?${new URLSearchParams(q)}`),
    ),
    fc.tuple(
      fc.constant('GET' as const),
      fc
        .tuple(segment, segment, text)
        .map(([s, v, f]) => `/v1/eval/sets/${s}/versions/${v}/export?format=${encodeURIComponent(f)}`),
    ),
  );
  const body = fc.oneof(
    fc.json(),
    fc
      .record(
        {
          interactionId: fc.oneof(text, fc.jsonValue()),
          expectedOutput: fc.oneof(text, fc.jsonValue()),
          tags: fc.jsonValue(),
          reason: text,
          addTags: fc.array(text),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
    fc.constant(''),
  );

  it('answers every one with a 2xx or a 4xx that carries an error code', async () => {
    await fc.assert(
      fc.asyncProperty(request, body, async ([method, url], payload) => {
        const res = await fl.app.inject({
          method,
          url,
          headers: {
            authorization: `Bearer ${fl.secretKey}`,
            ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
          },
          ...(method === 'GET' ? {} : { payload }),
        });
        expect(res.statusCode, `${method} ${url} ${payload.slice(0, 200)} -> ${res.body.slice(0, 300)}`).toBeLessThan(
          500,
        );
        if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^FL_/);
      }),
      { numRuns: 300 },
    );
  });
});
