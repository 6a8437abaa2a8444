/**
 * "We improved on X": a new prompt version that truly improves satisfaction and regenerations gets draft
 * notes; a new version with no real change gets none, over many seeds (Bonferroni keeps the whole run at
 * the nominal level). Approved notes are what the app may show its users.
 */
import { draftReleaseNotes, versionDeltas } from '@feedloop/services';
import { createProject, decideReleaseNote, listReleaseNotes, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Arm, DAY, generateArms, ingestAll, WEEK_START } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';

const NOW = WEEK_START + 14 * DAY;

/** Version 1 in the first week, version 2 in the second. */
async function history(store: Store, projectId: string, v2: Partial<Arm>, seed: number, interactions = 400) {
  const v1Arm: Arm = {
    dimensions: { promptTemplate: 'support', promptVersion: '1' },
    pUp: 0.6,
    interactions,
    pRegenerate: 0.2,
  };
  const v2Arm: Arm = { ...v1Arm, dimensions: { promptTemplate: 'support', promptVersion: '2' }, ...v2 };
  await ingestAll(store, projectId, generateArms([v1Arm], seed, WEEK_START, 7));
  await ingestAll(store, projectId, generateArms([v2Arm], seed + 100_000, WEEK_START + 7 * DAY, 7));
}

describe.each(backends())('release notes on $name', (backend) => {
  let store: Store;

  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(() => store.close());

  it('drafts notes for a real improvement, once, and serves them only when approved', async () => {
    const projectId = (await createProject(store.db, { name: 'improved' })).id;
    await history(store, projectId, { pUp: 0.75, pRegenerate: 0.08 }, 1);
    const deltas = await versionDeltas(store.db, { projectId, from: WEEK_START, to: NOW }, 'prompt', 'support');
    expect(deltas.map((d) => [d.from.version, d.to.version])).toEqual([['1', '2']]);
    expect(deltas[0]?.comparison.positiveRate.significant).toBe(true);

    const report = await draftReleaseNotes(store, { projectId, now: NOW });
    expect(report.drafted).toHaveLength(2);
    const drafts = await listReleaseNotes(store.db, projectId, 'draft');
    expect(drafts.map((n) => n.title).sort()).toEqual([
      'Answers are rated helpful more often',
      'Fewer answers need regenerating',
    ]);
    expect(drafts.find((n) => n.title.startsWith('Answers'))?.body).toMatch(
      /^Since version 2 of the support prompt, \d\d% of rated answers got a thumbs up, up from \d\d%\.$/,
    );
    // Drafting again adds nothing.
    expect((await draftReleaseNotes(store, { projectId, now: NOW })).drafted).toEqual([]);

    const [first] = drafts;
    if (!first) throw new Error('no draft');
    await decideReleaseNote(store.db, projectId, first.id, {
      status: 'approved',
      body: 'Our support answers got better this month.',
      by: 'test',
      at: NOW,
    });
    const approved = await listReleaseNotes(store.db, projectId, 'approved');
    expect(approved.map((n) => n.body)).toEqual(['Our support answers got better this month.']);
  });
});

describe('no real change, many seeds (SQLite)', () => {
  const SEEDS = 60;
  let store: Store;
  let projects: string[];

  beforeAll(async () => {
    const [sqlite] = backends();
    if (!sqlite) throw new Error('no SQLite backend');
    store = await sqlite.open();
    projects = [];
    for (let seed = 0; seed < SEEDS; seed++) {
      const projectId = (await createProject(store.db, { name: `null-${seed}` })).id;
      await history(store, projectId, {}, 5000 + seed, 300);
      projects.push(projectId);
    }
  });
  afterAll(() => store.close());

  it('drafts a note in at most a few of the runs', async () => {
    let runsWithNotes = 0;
    for (const projectId of projects) {
      const report = await draftReleaseNotes(store, { projectId, now: NOW });
      expect(report.tests).toBeGreaterThanOrEqual(2);
      if (report.drafted.length > 0) runsWithNotes += 1;
    }
    // At most 5% per run by construction; Binomial(60, 0.05) ≤ 8 with probability > 0.99.
    expect(runsWithNotes).toBeLessThanOrEqual(8);
  });
});

describe('release notes over HTTP', () => {
  it('drafts with a secret key, approves with edits, and serves only approved notes to a public key', async () => {
    const { startFeedloop } = await import('../helpers/server.js');
    const fl = await startFeedloop();
    try {
      // Versions a week apart, ending now, so the default 90-day window covers them.
      const start = Date.now() - 14 * DAY;
      const v1: Arm = { dimensions: { promptTemplate: 'support', promptVersion: '1' }, pUp: 0.55, interactions: 400 };
      await ingestAll(fl.store, fl.projectId, generateArms([v1], 11, start, 7));
      await ingestAll(
        fl.store,
        fl.projectId,
        generateArms(
          [{ ...v1, dimensions: { promptTemplate: 'support', promptVersion: '2' }, pUp: 0.8 }],
          12,
          start + 7 * DAY,
          6,
        ),
      );
      const call = (path: string, key: string, init: RequestInit = {}) =>
        fetch(`${fl.url}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
        });
      expect((await call('/v1/release-notes/draft', fl.publicKey, { method: 'POST', body: '{}' })).status).toBe(403);
      const drafted = await (
        await call('/v1/release-notes/draft', fl.secretKey, { method: 'POST', body: '{}' })
      ).json();
      expect(drafted.drafted).toHaveLength(1);
      expect((await (await call('/v1/release-notes/published', fl.publicKey)).json()).notes).toEqual([]);

      const [id] = drafted.drafted;
      const approved = await call(`/v1/release-notes/${id}/approve`, fl.secretKey, {
        method: 'POST',
        body: JSON.stringify({ title: 'Better support answers' }),
      });
      expect(approved.status).toBe(200);
      const published = (await (await call('/v1/release-notes/published', fl.publicKey)).json()).notes;
      expect(published.map((n: { title: string }) => n.title)).toEqual(['Better support answers']);
      expect(published[0].body).toMatch(/^Since version 2 of the support prompt/);

      expect(
        (await call('/v1/release-notes/note_missing/approve', fl.secretKey, { method: 'POST', body: '{}' })).status,
      ).toBe(404);
      const bad = await call(`/v1/release-notes/${id}/approve`, fl.secretKey, {
        method: 'POST',
        body: JSON.stringify({ title: '' }),
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('title');
    } finally {
      await fl.close();
    }
  });
});

describe('a prompt version that fixes a planted theme', () => {
  const FIXED = {
    'broken citations': 0.02,
    'too verbose': 0.14,
    hallucination: 0.26,
    'stale data': 0.2,
    'refused incorrectly': 0.18,
    'wrong format': 0.2,
  };
  const BROKEN = {
    'broken citations': 0.3,
    'too verbose': 0.1,
    hallucination: 0.2,
    'stale data': 0.15,
    'refused incorrectly': 0.1,
    'wrong format': 0.15,
  };

  async function versionedThemes(store: Store, seed: number, after: Record<string, number>, k?: number) {
    const projectId = (await createProject(store.db, { name: `themes-${seed}` })).id;
    const { plantedFeedback } = await import('../themes/planted-themes.js');
    const dims = (v: string) => ({ promptTemplate: 'search', promptVersion: v });
    await ingestAll(
      store,
      projectId,
      plantedFeedback(400, seed, WEEK_START, 7, { dimensions: dims('1'), shares: BROKEN }),
    );
    await ingestAll(
      store,
      projectId,
      plantedFeedback(400, seed + 1, WEEK_START + 7 * DAY, 7, { dimensions: dims('2'), shares: after }),
    );
    const { runThemes } = await import('@feedloop/services');
    await runThemes(store, { projectId, from: WEEK_START, to: NOW, now: NOW, k });
    return projectId;
  }

  it('finds the theme delta significant and drafts a note for it', async () => {
    const [sqlite] = backends();
    if (!sqlite) throw new Error('no SQLite backend');
    const store = await sqlite.open();
    try {
      const projectId = await versionedThemes(store, 1, FIXED);
      const [delta] = await versionDeltas(store.db, { projectId, from: WEEK_START, to: NOW }, 'prompt', 'search');
      const citations = delta?.themeShares.find((s) => s.category === 'broken citations');
      expect(citations?.significant).toBe(true);
      expect(citations?.before.estimate).toBeGreaterThan(0.15);
      expect(citations?.after.estimate).toBeLessThan((citations?.before.estimate ?? 0) / 3);
      await draftReleaseNotes(store, { projectId, now: NOW });
      const titles = (await listReleaseNotes(store.db, projectId, 'draft')).map((n) => n.title);
      expect(titles).toContain('We improved on broken citations');
    } finally {
      await store.close();
    }
  });

  it('drafts no theme note when the new version changes nothing, over many seeds', async () => {
    const [sqlite] = backends();
    if (!sqlite) throw new Error('no SQLite backend');
    const store = await sqlite.open();
    try {
      let runsWithNotes = 0;
      const SEEDS = 20;
      for (let seed = 0; seed < SEEDS; seed++) {
        // A fixed number of themes keeps this loop quick; the clustering itself is tested elsewhere.
        const projectId = await versionedThemes(store, 100 + seed * 7, BROKEN, 8);
        const report = await draftReleaseNotes(store, { projectId, now: NOW });
        if (report.drafted.length > 0) runsWithNotes += 1;
      }
      // At most 5% per run by construction; Binomial(20, 0.05) ≤ 3 with probability > 0.98.
      expect(runsWithNotes).toBeLessThanOrEqual(3);
    } finally {
      await store.close();
    }
  }, 240_000);
});
