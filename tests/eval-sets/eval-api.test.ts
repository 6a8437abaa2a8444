/**
 * The eval-set API: the same answers as the services, secret keys only, 400s that name the field, 409
 * for anything that would change a published version, and every route in /openapi.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';
import { type EvalHistory, ingestEvalHistory, PII_EMAIL } from './eval-history.js';
import { readYaml } from './read-yaml.js';

interface ErrorBody {
  error: { code: string; message: string; errors?: Array<{ field: string; reason: string }> };
}

describe.each(backends())('eval-set API on $name', (backend) => {
  let feedloop: RunningFeedloop;
  let history: EvalHistory;

  beforeAll(async () => {
    feedloop = await startFeedloop({ backend, listen: false });
    history = await ingestEvalHistory(feedloop.store, feedloop.projectId);
  });
  afterAll(() => feedloop.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, key?: string) =>
    feedloop.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key ?? feedloop.secretKey}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
  const fields = (response: { json: <T>() => T }) => response.json<ErrorBody>().error.errors?.map((e) => e.field);

  it('lists candidates from the planted cluster, a page at a time', async () => {
    const first = await call('GET', '/v1/eval/candidates?template=research&limit=5');
    expect(first.statusCode).toBe(200);
    const page = first.json<{ candidates: Array<{ interactionId: string }>; nextCursor: string }>();
    expect(page.candidates).toHaveLength(5);
    const second = await call('GET', `/v1/eval/candidates?template=research&limit=5&cursor=${page.nextCursor}`);
    const rest = second.json<{ candidates: Array<{ interactionId: string }>; nextCursor: string | null }>();
    expect(rest.nextCursor).toBeNull();
    expect([...page.candidates, ...rest.candidates].map((c) => c.interactionId).sort()).toEqual(
      [...history.cluster].sort(),
    );
  });

  it('curates, publishes and exports', async () => {
    const accept = await call('POST', '/v1/eval/sets/citations/cases', {
      interactionId: 'cite_0',
      tags: ['citations'],
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({
      interactionId: 'cite_0',
      status: 'accepted',
      expectedOutput: history.edits.get('cite_0'),
      tags: ['citations'],
    });
    expect(
      (await call('POST', '/v1/eval/sets/citations/cases', { interactionId: history.piiId, expectedOutput: 'Sent.' }))
        .statusCode,
    ).toBe(200);
    expect((await call('POST', '/v1/eval/sets/citations/reject', { interactionId: 'cite_1' })).json()).toMatchObject({
      status: 'rejected',
    });
    const patched = await call('PATCH', '/v1/eval/sets/citations/cases/cite_0', { addTags: ['regression'] });
    expect(patched.json()).toMatchObject({ tags: ['citations', 'regression'] });

    const published = await call('POST', '/v1/eval/sets/citations/publish');
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ set: 'citations', version: 1, cases: 2 });

    const yaml = await call('GET', '/v1/eval/sets/citations/versions/1/export?format=promptfoo');
    expect(yaml.statusCode).toBe(200);
    expect(yaml.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(yaml.headers['content-disposition']).toBe('attachment; filename="citations-v1.promptfoo.yaml"');
    const tests = (readYaml(yaml.body) as { tests: Array<{ metadata: { interactionId: string; tags: string[] } }> })
      .tests;
    expect(tests.map((t) => [t.metadata.interactionId, t.metadata.tags])).toEqual([
      ['cite_0', ['citations', 'regression']],
      [history.piiId, []],
    ]);
    expect(yaml.body).not.toContain(PII_EMAIL);

    const lines = await call('GET', '/v1/eval/sets/citations/versions/latest/export');
    expect(lines.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(lines.body.trim().split('\n')).toHaveLength(2);
    const evals = await call('GET', '/v1/eval/sets/citations/versions/v1/export?format=openai-evals');
    expect(JSON.parse(evals.body.split('\n')[1] ?? '')).toMatchObject({ ideal: 'Sent.' });

    const sets = (await call('GET', '/v1/eval/sets')).json<{ sets: Array<{ name: string; latestVersion: number }> }>();
    expect(sets.sets).toEqual([expect.objectContaining({ name: 'citations', latestVersion: 1 })]);
    const detail = await call('GET', '/v1/eval/sets/citations');
    expect(detail.json<{ cases: unknown[] }>().cases).toHaveLength(3);
    const version = await call('GET', '/v1/eval/sets/citations/versions/1');
    expect(version.json<{ cases: Array<{ id: string }> }>().cases.map((c) => c.id)).toEqual([
      'citations/v1/1',
      'citations/v1/2',
    ]);
  });

  it('answers 409 to any change of a published version, and 404 when there is none', async () => {
    for (const [method, url] of [
      ['PATCH', '/v1/eval/sets/citations/versions/1'],
      ['PUT', '/v1/eval/sets/citations/versions/1'],
      ['DELETE', '/v1/eval/sets/citations/versions/1'],
      ['PATCH', '/v1/eval/sets/citations/versions/1/cases/cite_0'],
      ['POST', '/v1/eval/sets/citations/versions/latest/cases'],
    ] as const) {
      const response = await call(method, url, { expectedOutput: 'changed' });
      expect(response.statusCode, `${method} ${url}`).toBe(409);
      expect(response.json<ErrorBody>().error).toMatchObject({
        code: 'FL_CONFLICT',
        message:
          'Version 1 of eval set "citations" is published and cannot be changed. Edit the draft and publish a new version.',
      });
    }
    expect((await call('PATCH', '/v1/eval/sets/citations/versions/9', {})).statusCode).toBe(404);
    const empty = await call('POST', '/v1/eval/sets/citations/publish');
    expect(empty.statusCode).toBe(409);
    expect(empty.json<ErrorBody>().error.message).toContain('unchanged since v1');
  });

  it('refuses public keys', async () => {
    for (const [method, url, body] of [
      ['GET', '/v1/eval/candidates', undefined],
      ['GET', '/v1/eval/sets', undefined],
      ['POST', '/v1/eval/sets/citations/cases', { interactionId: 'cite_3' }],
      ['POST', '/v1/eval/sets/citations/publish', undefined],
      ['GET', '/v1/eval/sets/citations/versions/1/export', undefined],
    ] as const) {
      const response = await call(method, url, body, feedloop.publicKey);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json<ErrorBody>().error.code).toBe('FL_FORBIDDEN');
    }
  });

  it.each([
    ['GET', '/v1/eval/candidates?limit=0', undefined, ['query.limit']],
    ['GET', '/v1/eval/candidates?limit=101&since=yesterday', undefined, ['query.since', 'query.limit']],
    ['GET', '/v1/eval/candidates?cursor=nope', undefined, ['query.cursor']],
    ['GET', '/v1/eval/candidates?set=a%20b', undefined, ['query.set']],
    ['GET', '/v1/eval/candidates?templat=research', undefined, ['query.templat']],
    ['POST', '/v1/eval/sets/citations/cases', {}, ['interactionId']],
    ['POST', '/v1/eval/sets/citations/cases', { interactionId: 'cite_3', tags: ['a b'] }, ['tags[0]']],
    ['POST', '/v1/eval/sets/citations/cases', { interactionId: 'cite_3', tags: 'a' }, ['tags']],
    ['POST', '/v1/eval/sets/citations/cases', { interactionId: 'cite_6' }, ['expectedOutput']],
    ['POST', '/v1/eval/sets/citations/cases', { interactionId: 'cite_3', extra: 1 }, ['extra']],
    [
      'POST',
      '/v1/eval/sets/citations/cases',
      { interactionId: 'cite_3', expectedOutput: 'a\u0000b' },
      ['expectedOutput'],
    ],
    ['POST', '/v1/eval/sets/citations/reject', { interactionId: 'cite_3', reason: '\u0000' }, ['reason']],
    ['GET', '/v1/eval/candidates?tenant=%00', undefined, ['query.tenant']],
    ['POST', '/v1/eval/sets/bad%20name/cases', { interactionId: 'cite_3' }, ['params.name']],
    ['POST', '/v1/eval/sets/citations/reject', { interactionId: 'cite_3', reason: 7 }, ['reason']],
    ['PATCH', '/v1/eval/sets/citations/cases/cite_0', {}, ['body']],
    ['PATCH', '/v1/eval/sets/citations/cases/cite_0', { expectedOutput: '' }, ['expectedOutput']],
    ['GET', '/v1/eval/sets/citations/versions/1/export?format=csv', undefined, ['query.format']],
    ['GET', '/v1/eval/sets/citations/versions/first/export', undefined, ['params.version']],
  ] as const)('%s %s is a 400 naming the field', async (method, url, body, expected) => {
    const response = await call(method, url, body);
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.code).toBe('FL_VALIDATION');
    expect(fields(response)).toEqual(expected);
  });

  it('answers 404 for what does not exist', async () => {
    expect((await call('POST', '/v1/eval/sets/citations/cases', { interactionId: 'no_such' })).statusCode).toBe(404);
    expect((await call('PATCH', '/v1/eval/sets/citations/cases/cite_7', { addTags: ['x'] })).statusCode).toBe(404);
    expect((await call('GET', '/v1/eval/sets/nothing')).statusCode).toBe(404);
    expect((await call('GET', '/v1/eval/sets/citations/versions/5/export')).statusCode).toBe(404);
  });

  it('documents every route in /openapi.json', async () => {
    const doc = (await feedloop.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths['/v1/eval/candidates'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/v1/eval/sets/{name}/cases'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/eval/sets/{name}/reject'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/eval/sets/{name}/cases/{interactionId}'] ?? {})).toEqual(['patch']);
    expect(Object.keys(doc.paths['/v1/eval/sets/{name}/publish'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/eval/sets'] ?? {})).toEqual(['get']);
    expect(doc.paths['/v1/eval/sets/{name}/versions/{version}/export']).toHaveProperty('get');
  });
});
