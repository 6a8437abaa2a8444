/**
 * Feedback tokens end to end over the HTTP API: a project that requires tokens refuses public-key signals
 * without a valid one for their interaction, per item and with a reason; tokens minted by the API and by
 * the Node SDK are both accepted; projects that do not require tokens keep working without them.
 */
import { Feedloop } from '@feedloop/node';
import { createApiKey, revokeApiKey } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { interaction, signal } from '../helpers/fixtures.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

interface ItemAnswer {
  status: string;
  errors?: Array<{ field: string; reason: string }>;
}

describe.each(backends())('feedback tokens on $name', (backend) => {
  let fl: RunningFeedloop;
  let interactionId: string;
  // Key lookups are not cached, so a revocation applies at once.
  beforeAll(async () => {
    fl = await startFeedloop({ backend, listen: false, config: { keyCacheMs: 0 } });
    const patched = await call('PATCH', '/v1/project/settings', { requireTokens: true });
    expect(patched.json()).toMatchObject({ requireTokens: true });
    interactionId = interaction().id as string;
    const logged = await call('POST', '/v1/batch', { interactions: [interaction({ id: interactionId })] });
    expect(logged.json().results[0].status).toBe('created');
  });
  afterAll(() => fl.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, key = fl.secretKey) =>
    fl.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as object }),
      headers: { authorization: `Bearer ${key}` },
    });
  const mint = async (body: Record<string, unknown>, key = fl.secretKey): Promise<string> => {
    const res = await call('POST', '/v1/tokens', body, key);
    expect(res.statusCode).toBe(200);
    return res.json().token as string;
  };
  /** Sends one signal with the public key and returns its result. */
  const send = async (overrides: Record<string, unknown>, publicKey = fl.publicKey): Promise<ItemAnswer> => {
    const res = await call('POST', '/v1/batch', { signals: [signal(interactionId, overrides)] }, publicKey);
    expect(res.statusCode).toBe(200);
    return res.json().results[0] as ItemAnswer;
  };
  const refusedWith = (answer: ItemAnswer, reason: RegExp) => {
    expect(answer.status).toBe('invalid');
    expect(answer.errors).toEqual([{ field: 'signals[0].token', reason: expect.stringMatching(reason) }]);
  };
  const sdk = (secretKey: string) => new Feedloop({ endpoint: 'http://127.0.0.1:9', secretKey, onError: () => {} });

  it('reads the setting back', async () => {
    expect((await call('GET', '/v1/project/settings')).json()).toMatchObject({ requireTokens: true });
    expect((await call('GET', '/v1/project/settings', undefined, fl.publicKey)).statusCode).toBe(403);
  });

  it('refuses a public-key signal without a token', async () => {
    refusedWith(await send({}), /^this project requires a feedback token/);
  });

  it('refuses an expired token', async () => {
    const token = sdk(fl.secretKey).feedbackToken(interactionId, { ttlSeconds: 60, now: Date.now() - 120_000 });
    refusedWith(await send({ token }), /expired at \d{4}-/);
  });

  it('refuses a token for another interaction', async () => {
    const token = await mint({ interactionId: 'int_somewhere_else' });
    refusedWith(await send({ token }), /for another interaction \(int_somewhere_else\)/);
  });

  it('refuses a token for another user when it names one', async () => {
    const token = await mint({ interactionId, userId: 'u_2' });
    refusedWith(await send({ token, userId: 'u_1' }), /for another user/);
  });

  it('refuses a token with a bad signature', async () => {
    const token = await mint({ interactionId });
    const [payload, signature = ''] = token.split('.');
    const forged = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    refusedWith(await send({ token: forged }), /bad signature/);
    refusedWith(await send({ token: 'not-a-token' }), /not a feedback token/);
  });

  it('refuses a token signed by a key that was revoked since', async () => {
    const { key, plaintext } = await createApiKey(fl.store.db, { projectId: fl.projectId, kind: 'secret' });
    const token = sdk(plaintext).feedbackToken(interactionId);
    expect((await send({ token })).status).toBe('created');
    await revokeApiKey(fl.store.db, key.id);
    refusedWith(await send({ token }), /revoked key/);
  });

  it("refuses a token from another project's key", async () => {
    const other = await fl.addProject();
    refusedWith(await send({ token: sdk(other.secretKey).feedbackToken(interactionId) }), /another project's key/);
    refusedWith(await send({ token: await mint({ interactionId }, other.secretKey) }), /another project's key/);
  });

  it('refuses a token signed with a public key, which anyone can read', async () => {
    refusedWith(await send({ token: sdk(fl.publicKey).feedbackToken(interactionId) }), /public key/);
  });

  it('accepts valid tokens from the API and from the Node SDK, and never stores them', async () => {
    const fromApi = await mint({ interactionId, userId: 'u_1', ttlSeconds: 600 });
    const fromSdk = sdk(fl.secretKey).feedbackToken(interactionId, { userId: 'u_1' });
    const a = signal(interactionId, { token: fromApi, type: 'rating', value: 4 });
    const b = signal(interactionId, { token: fromSdk, type: 'comment', value: 'thanks', metadata: { page: 'x' } });
    const res = await call('POST', '/v1/batch', { signals: [a, b] }, fl.publicKey);
    expect(res.json().results.map((r: ItemAnswer) => r.status)).toEqual(['created', 'created']);
    // The single-signal route, with the public key in the body as beacons send it.
    const c = signal(interactionId, { token: fromSdk, type: 'copy', kind: 'implicit', value: undefined });
    const single = await fl.app.inject({
      method: 'POST',
      url: '/v1/signals',
      payload: { ...c, publicKey: fl.publicKey },
    });
    expect(single.statusCode).toBe(201);

    const read = await call('GET', `/v1/interactions/${interactionId}`);
    const stored = read.json().signals as Array<Record<string, unknown>>;
    const mine = stored.filter((s) => [a.id, b.id, c.id].includes(s.id));
    expect(mine).toHaveLength(3);
    expect(JSON.stringify(mine)).not.toContain(fromApi);
    expect(JSON.stringify(mine)).not.toContain(fromSdk);
    // Only what was sent, plus the browser-side user agent the server records for public-key signals.
    expect(mine.find((s) => s.id === b.id)?.metadata).toEqual({ page: 'x', userAgent: expect.any(String) });
  });

  it('refuses a badly typed token with the field named', async () => {
    const answer = await send({ token: 42 });
    expect(answer.status).toBe('invalid');
    expect(answer.errors?.map((e) => e.field)).toContain('signals[0].token');
  });

  it('never asks secret-key writes for a token', async () => {
    const res = await call('POST', '/v1/batch', { signals: [signal(interactionId)] });
    expect(res.json().results[0].status).toBe('created');
  });

  it('refuses public keys on routes that cannot carry tokens', async () => {
    const res = await fl.app.inject({
      method: 'POST',
      url: '/api/public/scores',
      payload: { traceId: interactionId, name: 'helpful', value: 1 },
      headers: { authorization: `Basic ${Buffer.from(`x:${fl.publicKey}`).toString('base64')}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/requires feedback tokens/);
  });

  it('validates what minting is asked', async () => {
    const res = await call('POST', '/v1/tokens', { interactionId, ttlSeconds: 86_401 });
    expect(res.statusCode).toBe(400);
    expect((await call('POST', '/v1/tokens', { interactionId }, fl.publicKey)).statusCode).toBe(403);
  });

  describe('in a project that does not require tokens', () => {
    it('accepts public-key signals without one, and still refuses a bad one', async () => {
      const other = await fl.addProject();
      const id = interaction().id as string;
      const res = await call(
        'POST',
        '/v1/batch',
        { signals: [signal(id), signal(id, { token: `${sdk(other.secretKey).feedbackToken(id)}x` })] },
        other.publicKey,
      );
      const [plain, bad] = res.json().results as ItemAnswer[];
      expect(plain?.status).toBe('created');
      expect(bad?.status).toBe('invalid');
      expect(bad?.errors?.[0]?.reason).toMatch(/bad signature/);
    });
  });
});
