/** Themes over real HTTP: run, read, members, trends, assign; secret key only; bad input named. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, ingestAll } from '../helpers/analysis-data.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';
import { plantedFeedback } from './planted-themes.js';

describe('themes API', () => {
  let fl: RunningFeedloop;
  const start = Date.now() - 6 * DAY;

  beforeAll(async () => {
    fl = await startFeedloop();
    await ingestAll(fl.store, fl.projectId, plantedFeedback(300, 5, start, 5));
  });
  afterAll(() => fl.close());

  const call = async (method: string, path: string, body?: unknown, key = fl.secretKey) => {
    const res = await fetch(`${fl.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  it('runs a clustering and serves themes, members and trends', async () => {
    const run = await call('POST', '/v1/themes/runs', {});
    expect(run.status).toBe(200);
    expect(run.body.poolSize).toBe(300);
    expect(run.body.k).toBeGreaterThanOrEqual(2);
    const overview = await call('GET', '/v1/themes');
    expect(overview.body.poolSize).toBe(300);
    expect(overview.body.themes.length).toBe(run.body.k);
    const categories = overview.body.categories.map((c: { category: string }) => c.category);
    expect(categories).toContain('broken citations');
    const [first] = overview.body.themes;
    const members = await call('GET', `/v1/themes/${first.id}/members?limit=5`);
    expect(members.body.members).toHaveLength(Math.min(5, first.size));
    expect(members.body.members[0].prompt).toMatch(/^Tell me about /);
    const trends = await call('GET', '/v1/themes/trends?weeks=2');
    expect(trends.body.weeks).toHaveLength(2);
    expect(trends.body.weeks.reduce((s: number, w: { poolSize: number }) => s + w.poolSize, 0)).toBe(300);
  });

  it('assigns new feedback to the existing themes on request', async () => {
    const later = plantedFeedback(40, 6, Date.now() - DAY, 0.5);
    await ingestAll(fl.store, fl.projectId, later);
    const assigned = await call('POST', '/v1/themes/assign');
    expect(assigned.body.examined).toBe(later.interactions.length);
    expect(assigned.body.assigned + assigned.body.noise).toBe(later.interactions.length);
    expect(assigned.body.assigned).toBeGreaterThan(later.interactions.length / 2);
  });

  it('refuses public keys and names bad parameters', async () => {
    expect((await call('GET', '/v1/themes', undefined, fl.publicKey)).status).toBe(403);
    const bad = await call('GET', '/v1/themes?from=yesterday');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query.from');
    const badK = await call('POST', '/v1/themes/runs', { k: 1 });
    expect(badK.status).toBe(400);
    expect(JSON.stringify(badK.body)).toContain('k');
    expect((await call('GET', '/v1/themes/theme_nope/members')).status).toBe(404);
  });
});
