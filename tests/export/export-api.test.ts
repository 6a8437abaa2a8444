/**
 * The export API: streams exactly the lines the service produces, as NDJSON, with its manifest one link
 * away; bad parameters are 400s that name the parameter; only secret keys may export.
 */
import { request as httpRequest } from 'node:http';
import type { ExportManifest } from '@feedloop/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';
import { ingestHistory } from './export-history.js';
import { collect, request } from './run-export.js';

/** GET over a real socket, reading the body as it streams. */
function get(
  url: string,
  key: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string; chunks: number }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers: { authorization: `Bearer ${key}` } }, (res) => {
      let body = '';
      let chunks = 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        chunks++;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, chunks }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe.each(backends())('export API on $name', (backend) => {
  let feedloop: RunningFeedloop;

  beforeAll(async () => {
    feedloop = await startFeedloop({ backend });
    await ingestHistory(feedloop.store, feedloop.projectId);
  });
  afterAll(() => feedloop.close());

  const inject = (url: string, key = feedloop.secretKey) =>
    feedloop.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  it('streams the same lines as the service, as NDJSON, with a link to their manifest', async () => {
    const asOf = new Date(Date.now() + 60_000).toISOString();
    const response = await get(
      `${feedloop.url}/v1/exports/dpo?format=trl&tenant=acme&asOf=${asOf}`,
      feedloop.secretKey,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['feedloop-export-as-of']).toBe(asOf);

    const service = await collect(
      feedloop.store,
      request(feedloop.projectId, 'dpo', 'trl', { asOf: Date.parse(asOf), filters: { tenant: 'acme' } }),
    );
    expect(response.body).toBe(service.text);
    expect(service.lines.length).toBe(9);

    const link = /^<([^>]+)>; rel="describedby"$/.exec(String(response.headers.link));
    expect(link?.[1]).toBe(`/v1/exports/dpo/manifest?format=trl&tenant=acme&asOf=${encodeURIComponent(asOf)}`);
    const manifest = (await inject(link?.[1] ?? '')).json<ExportManifest>();
    expect(manifest.counts).toEqual(service.manifest.counts);
    expect(manifest.invocation).toEqual({
      request: `GET /v1/exports/dpo?format=trl&tenant=acme&asOf=${encodeURIComponent(asOf)}`,
    });
    expect(manifest.provenance).toMatchObject({ projectId: feedloop.projectId, asOf, backend: backend.name });
  });

  it('streams progress and then the same manifest to a client that accepts NDJSON', async () => {
    const asOf = new Date(Date.now() + 60_000).toISOString();
    const url = `/v1/exports/sft?dedupe=false&asOf=${encodeURIComponent(asOf)}`.replace('?', '/manifest?');
    const plain = (await inject(url)).json<ExportManifest>();
    const streamed = await feedloop.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${feedloop.secretKey}`, accept: 'application/x-ndjson' },
    });
    expect(streamed.statusCode).toBe(200);
    expect(streamed.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = streamed.body
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            progress?: { scanned: number; written: number; total: number };
            manifest?: ExportManifest;
          },
      );
    const total = plain.counts.interactionsScanned;
    expect(total).toBeGreaterThan(0);
    expect(lines[0]).toEqual({ progress: { scanned: 0, written: 0, total } });
    const progress = lines.slice(0, -1).map((l) => l.progress);
    expect(progress.every((p) => p !== undefined && p.scanned <= p.total && p.total === total)).toBe(true);
    const last = lines.at(-1)?.manifest;
    expect(last).toBeDefined();
    expect({ ...last, provenance: { ...last?.provenance, generatedAt: '' } }).toEqual({
      ...plain,
      provenance: { ...plain.provenance, generatedAt: '' },
    });
  });

  it('uses the kind’s first format by default and honours every filter', async () => {
    const sft = await inject('/v1/exports/sft?maxPerUser=2&dedupe=false&model=gpt-y');
    expect(sft.statusCode).toBe(200);
    const lines = sft.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { messages: unknown[] });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toHaveProperty('messages');
    const manifest = (
      await inject('/v1/exports/sft/manifest?maxPerUser=2&dedupe=false&model=gpt-y')
    ).json<ExportManifest>();
    expect(manifest).toMatchObject({
      format: 'openai',
      filters: { model: 'gpt-y' },
      limits: { maxPerUser: 2, dedupe: { enabled: false } },
      counts: { written: 2, skippedByReason: { 'user-cap': 3 } },
    });
    const window = await inject(
      '/v1/exports/kto?format=trl-standard&since=2026-11-20T10:12:00Z&until=2026-11-20T10:16:00Z',
    );
    expect(window.body.trim().split('\n')).toHaveLength(3);
  });

  it('answers an empty body when nothing matches', async () => {
    const none = await inject('/v1/exports/kto?tenant=nobody');
    expect(none.statusCode).toBe(200);
    expect(none.body).toBe('');
  });

  it.each([
    ['/v1/exports/kto?format=openai', 'query.format'],
    ['/v1/exports/sft?format=yaml', 'query.format'],
    ['/v1/exports/dpo?since=yesterday', 'query.since'],
    ['/v1/exports/dpo?until=2026-11-20', 'query.until'],
    ['/v1/exports/dpo?since=2026-11-21T00:00:00Z&until=2026-11-20T00:00:00Z', 'query.until'],
    ['/v1/exports/dpo?maxPerUser=0', 'query.maxPerUser'],
    ['/v1/exports/dpo?maxPerUser=ten', 'query.maxPerUser'],
    ['/v1/exports/dpo?dedupe=no', 'query.dedupe'],
    ['/v1/exports/dpo?tenat=acme', 'query.tenat'],
    ['/v1/exports/rlhf', 'params.kind'],
    ['/v1/exports/kto/manifest?format=openai', 'query.format'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const response = await inject(url);
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; errors: Array<{ field: string }> } }>();
    expect(body.error.code).toBe('FL_VALIDATION');
    expect(body.error.errors.map((e) => e.field)).toContain(field);
  });

  it('needs a secret key', async () => {
    expect((await feedloop.app.inject({ method: 'GET', url: '/v1/exports/sft' })).statusCode).toBe(401);
    expect((await inject('/v1/exports/sft', feedloop.publicKey)).statusCode).toBe(403);
  });

  it('never exports another project’s data', async () => {
    const other = await feedloop.addProject();
    const response = await inject('/v1/exports/sft', other.secretKey);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });

  it('documents both routes and their parameters in /openapi.json', async () => {
    const doc = (await feedloop.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }>;
    }>();
    const params = doc.paths['/v1/exports/{kind}']?.get?.parameters?.map((p) => `${p.in}:${p.name}`);
    expect(params).toEqual(
      expect.arrayContaining([
        'path:kind',
        'query:format',
        'query:tenant',
        'query:since',
        'query:until',
        'query:maxPerUser',
      ]),
    );
    expect(doc.paths['/v1/exports/{kind}/manifest']?.get).toBeDefined();
  });
});
