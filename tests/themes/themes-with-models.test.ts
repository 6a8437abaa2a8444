/**
 * A themes run through the optional OpenAI-compatible endpoints, over real HTTP to a local STAND-IN model
 * server (tests/helpers/stand-in-model-server.ts; no LLM runs here): the embeddings endpoint replaces the
 * offline representation, and the chat endpoint labels each theme and maps it onto the taxonomy.
 */
import { runThemes, themesOverview } from '@feedloop/services';
import { createProject, type Store, updateProjectSettings } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, ingestAll, WEEK_START } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';
import { StandInModelServer } from '../helpers/stand-in-model-server.js';
import { PLANTED, plantedFeedback } from './planted-themes.js';

/** The stand-in's "embedding": one axis per planted category, found by a word only that category uses. */
const MARKERS = [
  /404|link|citation|reference|source/,
  /verbose|long|shorter|essay|wall of text/,
  /made up|invented|fabricated|hallucinated/,
  /outdated|old|stale|deprecated|out of date/,
  /refus|cannot help|declined/,
  /table|json|bullet|markdown/,
];

describe('themes with model endpoints (stand-in server)', () => {
  const standIn = new StandInModelServer();
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    const baseUrl = await standIn.start();
    standIn.embedText = (text) =>
      MARKERS.map((marker, axis) => (marker.test(text.toLowerCase()) ? 1 : 0.01 * (axis + 1)));
    standIn.answerChat = (messages) => {
      const prompt = messages.map((m) => m.content).join('\n');
      if (/Reply with only a label/.test(prompt))
        return /404|link/.test(prompt) ? 'Dead source links' : 'Other complaints';
      return /Dead source links/.test(prompt) ? 'broken citations' : 'something else entirely';
    };
    const [sqlite] = backends();
    if (!sqlite) throw new Error('no SQLite backend');
    store = await sqlite.open();
    projectId = (await createProject(store.db, { name: 'models' })).id;
    await updateProjectSettings(store.db, projectId, {
      models: { embeddings: { baseUrl, model: 'stand-in-embed' }, chat: { baseUrl, model: 'stand-in-chat' } },
    });
    await ingestAll(store, projectId, plantedFeedback(300, 9, WEEK_START));
  });
  afterAll(async () => {
    await store.close();
    await standIn.close();
  });

  it('embeds with the endpoint, labels and maps themes with the chat model', async () => {
    const report = await runThemes(store, { projectId, from: WEEK_START, to: WEEK_START + 7 * DAY, k: PLANTED.length });
    const embedCalls = standIn.requests.filter((r) => r.path === '/v1/embeddings');
    expect(embedCalls.length).toBeGreaterThan(0);
    expect(embedCalls.flatMap((r) => r.body.input as string[])).toHaveLength(report.poolSize);
    expect(embedCalls[0]?.body.model).toBe('stand-in-embed');
    const labels = report.themes.map((t) => t.label);
    expect(labels).toContain('Dead source links');
    const dead = report.themes.find((t) => t.label === 'Dead source links');
    expect(dead?.category).toBe('broken citations');
    // An answer outside the taxonomy falls back to 'other'.
    expect(report.themes.filter((t) => t.label === 'Other complaints').every((t) => t.category === 'other')).toBe(true);
    const overview = await themesOverview(store.db, projectId, { from: WEEK_START, to: WEEK_START + 7 * DAY });
    expect(overview.run?.representation).toBe('embeddings:stand-in-embed');
    expect(Math.abs((dead?.size ?? 0) / report.poolSize - 0.17)).toBeLessThan(0.03);
  });
});

describe('model endpoints and taxonomy in the project settings API', () => {
  it('sets both, refuses bad ones naming the field, and a run uses the project taxonomy', async () => {
    const { startFeedloop } = await import('../helpers/server.js');
    const fl = await startFeedloop();
    try {
      const patch = (body: unknown) =>
        fetch(`${fl.url}/v1/project/settings`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${fl.secretKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const badUrl = await patch({ models: { chat: { baseUrl: 'ftp://models.local', model: 'm' } } });
      expect(badUrl.status).toBe(400);
      expect(JSON.stringify(await badUrl.json())).toContain('body.models.chat.baseUrl');
      const twice = await patch({
        taxonomy: [
          { name: 'a', keywords: ['x'] },
          { name: 'a', keywords: ['y'] },
        ],
      });
      expect(twice.status).toBe(400);
      expect(JSON.stringify(await twice.json())).toContain('body.taxonomy');
      const ok = await patch({
        models: { embeddings: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' } },
        taxonomy: [{ name: 'dead links', keywords: ['404', 'link', 'citation'] }],
      });
      expect(ok.status).toBe(200);
      const settings = await ok.json();
      expect(settings.models.embeddings.model).toBe('nomic-embed-text');
      expect(settings.taxonomy).toEqual([{ name: 'dead links', keywords: ['404', 'link', 'citation'] }]);
      // Back to the built-in embeddings, keeping the project's own taxonomy for a run.
      expect((await patch({ models: {} })).status).toBe(200);
      await ingestAll(fl.store, fl.projectId, plantedFeedback(200, 4, WEEK_START));
      const report = await runThemes(fl.store, { projectId: fl.projectId, from: WEEK_START, to: WEEK_START + 7 * DAY });
      const categories = new Set(report.themes.map((t) => t.category));
      expect(categories.has('dead links')).toBe(true);
      expect([...categories].every((c) => c === 'dead links' || c === 'other')).toBe(true);
    } finally {
      await fl.close();
    }
  });
});
