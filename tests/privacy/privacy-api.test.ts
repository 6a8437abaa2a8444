/**
 * The privacy routes as an app's backend calls them: forgetting a user and reading the audit log need a
 * secret key; an unknown user is a report of zeros, not a 404; retention is a project setting, changed
 * with an audit entry and applied by the server's own daily job.
 */
import { userSubject } from '@feedloop/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';
import { interaction, signal } from '../helpers/fixtures.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

describe.each(backends())('privacy API on $name', (backend) => {
  let fl: RunningFeedloop;
  beforeAll(async () => {
    fl = await startFeedloop({ backend, listen: false });
  });
  afterAll(() => fl.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string | null = fl.secretKey, body?: object) =>
    fl.app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body }),
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
    });

  it('forgets a user with a secret key only, and answers what it removed', async () => {
    const mine = interaction({ userId: 'u-forget', sessionId: 's-forget' });
    const theirs = interaction({ userId: 'u-keep', sessionId: 's-keep' });
    const batch = await call('POST', '/v1/batch', fl.secretKey, {
      interactions: [mine, theirs],
      signals: [
        signal(String(mine.id), { userId: 'u-forget', sessionId: 's-forget' }),
        signal(String(mine.id), { userId: 'u-keep', sessionId: 's-keep', type: 'comment', value: 'Me too' }),
        signal(String(theirs.id), { userId: 'u-forget', sessionId: 's-forget', value: 1 }),
        signal(String(theirs.id), { userId: 'u-keep', sessionId: 's-keep' }),
      ],
    });
    expect(batch.statusCode).toBe(200);

    const anonymous = await call('POST', '/v1/users/u-forget/forget', null);
    expect(anonymous.statusCode).toBe(401);
    const browser = await call('POST', '/v1/users/u-forget/forget', fl.publicKey);
    expect(browser.statusCode).toBe(403);
    expect(browser.json().error.code).toBe('FL_FORBIDDEN');
    expect((await call('GET', `/v1/interactions/${mine.id}`)).statusCode).toBe(200);

    const res = await call('POST', '/v1/users/u-forget/forget');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      projectId: fl.projectId,
      userId: 'u-forget',
      removed: { interactions: 1, interactionDocuments: 1, signals: 3 },
      subtracted: { interactions: 1, signals: 3 },
      auditId: expect.any(String),
    });
    expect((await call('GET', `/v1/interactions/${mine.id}`)).statusCode).toBe(404);
    const kept = await call('GET', `/v1/interactions/${theirs.id}`);
    expect(kept.json().signals.map((s: { userId: string }) => s.userId)).toEqual(['u-keep']);
  });

  it('answers a report of zeros for a user it never saw (and for an id that needs escaping)', async () => {
    const res = await call('POST', `/v1/users/${encodeURIComponent('nobody@example.com/x')}/forget`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.userId).toBe('nobody@example.com/x');
    expect(Object.values(report.removed)).toEqual(Object.values(report.removed).map(() => 0));
  });

  it('lists the audit log for secret keys, newest first, filtered by action or user', async () => {
    expect((await call('GET', '/v1/audit', fl.publicKey)).statusCode).toBe(403);
    const res = await call('GET', '/v1/audit?action=forget-user');
    expect(res.statusCode).toBe(200);
    const { entries, next } = res.json();
    expect(entries).toHaveLength(2);
    expect(next).toBeNull();
    expect(entries[1]).toMatchObject({
      action: 'forget-user',
      subject: userSubject(fl.projectId, 'u-forget'),
      details: { removed: { interactions: 1, signals: 3 } },
    });
    expect(entries[1].actor).toMatch(/^key:key_/);
    expect(new Date(entries[1].at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(entries)).not.toContain('u-forget');

    const byUser = (await call('GET', '/v1/audit?userId=u-forget')).json();
    expect(byUser.entries.map((e: { id: string }) => e.id)).toEqual([entries[1].id]);
    const page = (await call('GET', '/v1/audit?limit=1')).json();
    expect(page.entries).toHaveLength(1);
    const older = (await call('GET', `/v1/audit?limit=1&before=${page.next}`)).json();
    expect(older.entries[0].id < page.entries[0].id).toBe(true);

    const bad = await call('GET', '/v1/audit?limit=0&action=delete');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['query.action', 'query.limit']);
  });

  it('sets the retention period through the project settings, with an audit entry', async () => {
    expect((await call('GET', '/v1/project/settings')).json().retentionDays).toBeNull();
    const set = await call('PATCH', '/v1/project/settings', fl.secretKey, { retentionDays: 30 });
    expect(set.statusCode).toBe(200);
    expect(set.json().retentionDays).toBe(30);
    expect((await call('GET', '/v1/project/settings')).json().retentionDays).toBe(30);
    for (const retentionDays of [0, 1.5, '30', 100_000]) {
      const bad = await call('PATCH', '/v1/project/settings', fl.secretKey, { retentionDays });
      expect(bad.statusCode, String(retentionDays)).toBe(400);
    }
    const [entry] = (await call('GET', '/v1/audit?action=settings')).json().entries;
    expect(entry.details).toEqual({ changed: { retentionDays: { from: null, to: 30 } } });
    const cleared = await call('PATCH', '/v1/project/settings', fl.secretKey, { retentionDays: null });
    expect(cleared.json().retentionDays).toBeNull();
  });

  it('documents the routes and the setting in /openapi.json', async () => {
    const doc = (await fl.app.inject({ url: '/openapi.json' })).json();
    expect(doc.paths['/v1/users/{userId}/forget'].post.tags).toEqual(['privacy']);
    expect(Object.keys(doc.paths['/v1/users/{userId}/forget'].post.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403']),
    );
    expect(doc.paths['/v1/audit'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'action',
      'before',
      'limit',
      'userId',
    ]);
    const settings = doc.paths['/v1/project/settings'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(settings.properties)).toContain('retentionDays');
  });
});

describe('the daily retention job', () => {
  it('purges old text in the background once a project sets a period', async () => {
    const fl = await startFeedloop({ listen: false, config: { retentionEveryMs: 100 } });
    try {
      const old = interaction({ createdAt: new Date(Date.now() - 10 * DAY).toISOString() });
      const fresh = interaction({ createdAt: new Date().toISOString() });
      const auth = { authorization: `Bearer ${fl.secretKey}` };
      await fl.app.inject({ method: 'POST', url: '/v1/batch', headers: auth, payload: { interactions: [old, fresh] } });
      await fl.app.inject({
        method: 'PATCH',
        url: '/v1/project/settings',
        headers: auth,
        payload: { retentionDays: 7 },
      });
      const read = async (id: unknown) =>
        (await fl.app.inject({ url: `/v1/interactions/${id}`, headers: auth })).json();
      const deadline = Date.now() + 20_000;
      while ((await read(old.id)).output !== null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await read(old.id)).toMatchObject({ input: null, output: null, context: [{ id: 'doc_7', source: 'kb' }] });
      expect((await read(fresh.id)).output).toBe(fresh.output);
      const audit = await fl.app.inject({ url: '/v1/audit?action=retention', headers: auth });
      expect(audit.json().entries[0]).toMatchObject({ actor: 'schedule', details: { days: 7, interactions: 1 } });
    } finally {
      await fl.close();
    }
  });
});
