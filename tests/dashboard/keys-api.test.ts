/**
 * The key routes the dashboard's Settings page uses, over real HTTP: list without hashes, create (the
 * plain text answered once), revoke (refused at once), a key cannot revoke itself, keys of another
 * project are out of reach; and the project settings with the abuse limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

describe('API keys over HTTP', () => {
  let fl: RunningFeedloop;

  const call = async (method: string, path: string, key: string | null, body?: unknown) => {
    const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${fl.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    fl = await startFeedloop();
  });
  afterAll(() => fl.close());

  it('lists the project keys by prefix, marking the caller, never with hashes', async () => {
    const { status, body } = await call('GET', '/v1/keys', fl.secretKey);
    expect(status).toBe(200);
    expect(body.keys.map((k: { kind: string }) => k.kind)).toEqual(['secret', 'public']);
    expect(body.keys[0]).toMatchObject({ current: true, prefix: fl.secretKey.slice(0, 12), revokedAt: null });
    expect(body.keys[1].current).toBe(false);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/hash/i);
    expect(text).not.toContain(fl.secretKey);
  });

  it('creates a key that works at once and is shown only in that answer', async () => {
    const created = await call('POST', '/v1/keys', fl.secretKey, { kind: 'secret', name: 'ci-bot' });
    expect(created.status).toBe(201);
    expect(created.body.plaintext).toMatch(/^fl_sk_/);
    expect(created.body.key).toMatchObject({ name: 'ci-bot', kind: 'secret', current: false });
    expect((await call('GET', '/v1/keys', created.body.plaintext)).status).toBe(200);
    const listed = await call('GET', '/v1/keys', fl.secretKey);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.plaintext);

    const publicKey = await call('POST', '/v1/keys', fl.secretKey, {
      kind: 'public',
      name: 'web',
      allowedOrigins: ['https://app.example.com'],
    });
    expect(publicKey.body.key.allowedOrigins).toEqual(['https://app.example.com']);
    expect(publicKey.body.plaintext).toMatch(/^fl_pk_/);
  });

  it('revokes a key so the API refuses it at once; revoking again answers it unchanged', async () => {
    const { body } = await call('POST', '/v1/keys', fl.secretKey, { kind: 'secret', name: 'short-lived' });
    const plaintext: string = body.plaintext;
    // Used once, so the server has it cached as valid.
    expect((await call('GET', '/v1/project/settings', plaintext)).status).toBe(200);
    const revoked = await call('POST', `/v1/keys/${body.key.id}/revoke`, fl.secretKey);
    expect(revoked.status).toBe(200);
    expect(revoked.body.key.revokedAt).toEqual(expect.any(String));
    const refused = await call('GET', '/v1/project/settings', plaintext);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('FL_UNAUTHENTICATED');
    const again = await call('POST', `/v1/keys/${body.key.id}/revoke`, fl.secretKey);
    expect(again.body.key.revokedAt).toBe(revoked.body.key.revokedAt);
  });

  it('does not let a key revoke itself, nor reach another project', async () => {
    const keys = (await call('GET', '/v1/keys', fl.secretKey)).body.keys as Array<{ id: string; current: boolean }>;
    const own = keys.find((k) => k.current)!;
    const self = await call('POST', `/v1/keys/${own.id}/revoke`, fl.secretKey);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/cannot revoke itself/);

    const other = await fl.addProject();
    const foreign = (await call('GET', '/v1/keys', other.secretKey)).body.keys[0].id;
    expect((await call('POST', `/v1/keys/${foreign}/revoke`, fl.secretKey)).status).toBe(404);
    expect((await call('GET', '/v1/project/settings', other.secretKey)).status).toBe(200);
  });

  it('needs a secret key and names bad fields', async () => {
    expect((await call('GET', '/v1/keys', null)).status).toBe(401);
    expect((await call('GET', '/v1/keys', fl.publicKey)).status).toBe(403);
    expect((await call('POST', '/v1/keys', fl.publicKey, { kind: 'secret' })).status).toBe(403);
    const cases: Array<[unknown, string]> = [
      [{ kind: 'admin' }, 'kind'],
      [{}, 'kind'],
      [{ kind: 'public', allowedOrigins: ['not an origin'] }, 'allowedOrigins'],
      [{ kind: 'secret', allowedOrigins: ['https://a.example'] }, 'allowedOrigins'],
      [{ kind: 'secret', colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/v1/keys', fl.secretKey, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.error), JSON.stringify(body)).toContain(field);
    }
  });

  it('reads and changes the abuse limits with the project settings', async () => {
    const before = await call('GET', '/v1/project/settings', fl.secretKey);
    expect(before.body).toMatchObject({ requireTokens: false, abuse: { enabled: true, burstPerMinute: 20 } });
    const after = await call('PATCH', '/v1/project/settings', fl.secretKey, { abuse: { burstPerMinute: 40 } });
    expect(after.status).toBe(200);
    expect(after.body.abuse).toMatchObject({ enabled: true, burstPerMinute: 40, votesPerUserPerDay: 50 });
    const bad = await call('PATCH', '/v1/project/settings', fl.secretKey, { abuse: { burstPerMinute: 0 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('burstPerMinute');
  });

  it('documents the key routes in /openapi.json', async () => {
    const doc = await (await fetch(`${fl.url}/openapi.json`)).json();
    expect(doc.paths['/v1/keys'].get).toBeDefined();
    expect(doc.paths['/v1/keys'].post).toBeDefined();
    expect(doc.paths['/v1/keys/{id}/revoke'].post).toBeDefined();
  });
});
