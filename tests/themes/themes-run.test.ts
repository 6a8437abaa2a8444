/**
 * Themes end to end on a planted history: the themes found map onto the planted failure categories with
 * their shares within a few points; members, trends and incremental assignment behave; same on both
 * backends.
 */
import {
  AssignmentMemory,
  assignNewItems,
  runThemes,
  themeMembers,
  themesOverview,
  themeTrends,
} from '@feedloop/services';
import { createProject, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, ingestAll, WEEK_START } from '../helpers/analysis-data.js';
import { backends } from '../helpers/backends.js';
import { PLANTED, plantedFeedback } from './planted-themes.js';

const WEEK2 = WEEK_START + 7 * DAY;
const NOW = WEEK2 + 7 * DAY;

describe.each(backends())('themes on $name', (backend) => {
  let store: Store;
  let projectId: string;

  beforeAll(async () => {
    store = await backend.open();
    projectId = (await createProject(store.db, { name: 'themes' })).id;
    await ingestAll(store, projectId, plantedFeedback(600, 1, WEEK_START));
    await ingestAll(store, projectId, plantedFeedback(600, 2, WEEK2));
  });
  afterAll(() => store.close());

  it('finds the planted themes and their shares within a few points', async () => {
    const report = await runThemes(store, { projectId, from: WEEK_START, to: NOW, now: NOW });
    expect(report.poolSize).toBe(1200);
    const overview = await themesOverview(store.db, projectId, { from: WEEK2, to: NOW });
    expect(overview.poolSize).toBe(600);
    const shareOf = (category: string) => overview.categories.find((c) => c.category === category)?.share.estimate ?? 0;
    for (const plant of PLANTED) {
      expect(Math.abs(shareOf(plant.category) - plant.share), plant.category).toBeLessThan(0.04);
    }
    const citations = overview.themes.find((t) => t.category === 'broken citations');
    expect(citations?.keywords.join(' ')).toMatch(/link|broken|404|source|citation/);
    expect(citations?.evidence).toMatchObject({ comment: expect.any(Number), 'thumbs-down': expect.any(Number) });
    expect(citations?.examples[0]?.text).toMatch(/link|404|citation|source|reference/);
  });

  it('lists members, and trends week by week', async () => {
    const overview = await themesOverview(store.db, projectId, { from: WEEK2, to: NOW });
    const [first] = overview.themes;
    if (!first) throw new Error('no theme');
    const members = await themeMembers(store.db, projectId, first.id, { from: WEEK2, to: NOW });
    expect(members?.length).toBe(Math.min(first.size, 50));
    const trends = await themeTrends(store.db, projectId, { weeks: 2, now: NOW - 1 });
    expect(trends.weeks.map((w) => w.poolSize)).toEqual([600, 600]);
  });

  it('assigns new feedback to the nearest existing theme', async () => {
    const later = plantedFeedback(200, 3, NOW, 1);
    await ingestAll(store, projectId, later);
    const report = await assignNewItems(store, projectId, NOW + 2 * DAY);
    expect(report.examined).toBe(200);
    expect(report.assigned).toBeGreaterThan(150);
    const overview = await themesOverview(store.db, projectId, { from: NOW, to: NOW + 2 * DAY });
    const shareOf = (category: string) => overview.categories.find((c) => c.category === category)?.share.estimate ?? 0;
    expect(Math.abs(shareOf('broken citations') - 0.17)).toBeLessThan(0.06);
    expect((await assignNewItems(store, projectId, NOW + 2 * DAY)).examined).toBe(0);
  });
  it('remembers the fit between passes: a later pass only embeds its new items, and sorts them as well', async () => {
    const memory = new AssignmentMemory();
    const start = NOW + 2 * DAY;
    await ingestAll(store, projectId, plantedFeedback(200, 4, start, 1));
    const first = await assignNewItems(store, projectId, start + 2 * DAY, { memory });
    expect(first).toMatchObject({ examined: 200, model: 'fitted' });
    // Nothing written since: the pass ends before reading the pool.
    expect(await assignNewItems(store, projectId, start + 2 * DAY, { memory })).toMatchObject({
      examined: 0,
      skipped: 'no new feedback',
    });
    const later = plantedFeedback(200, 5, start + 2 * DAY, 1);
    await ingestAll(store, projectId, later);
    const second = await assignNewItems(store, projectId, start + 4 * DAY, { memory });
    expect(second).toMatchObject({ examined: 200, model: 'reused' });
    expect(second.skipped).toBeUndefined();
    expect(second.assigned).toBeGreaterThan(150);
    // Each newly assigned item's theme is of its planted category, as often as a full fit manages.
    const overview = await themesOverview(store.db, projectId, { from: WEEK_START, to: NOW });
    const categoryOf = new Map(overview.themes.map((t) => [t.id, t.category]));
    const assigned = await store.db
      .selectFrom('theme_members')
      .select(['interaction_id', 'theme_id'])
      .where('project_id', '=', projectId)
      .where(
        'interaction_id',
        'in',
        later.interactions.map((i) => i.id),
      )
      .where('theme_id', '<>', '')
      .execute();
    const truthOf = new Map(later.interactions.map((i, n) => [i.id, later.truth[n]]));
    const right = assigned.filter((m) => categoryOf.get(m.theme_id) === truthOf.get(m.interaction_id)).length;
    expect(right / assigned.length).toBeGreaterThan(0.9);
    // A new run is a new model.
    await runThemes(store, { projectId, from: WEEK_START, to: start + 4 * DAY, now: start + 4 * DAY });
    await ingestAll(store, projectId, plantedFeedback(50, 6, start + 4 * DAY, 1));
    expect(await assignNewItems(store, projectId, start + 6 * DAY, { memory })).toMatchObject({ model: 'fitted' });
  });
  it('between full scans looks only at the last two days; older feedback waits for the next full scan', async () => {
    const memory = new AssignmentMemory();
    const fullAt = NOW + 10 * DAY;
    expect(await assignNewItems(store, projectId, fullAt, { memory })).toMatchObject({ scan: 'full' });
    // Feedback arrives now on interactions of a week ago and of yesterday.
    const old = plantedFeedback(30, 8, WEEK2, 1);
    const recent = plantedFeedback(30, 9, fullAt - DAY, 0.5);
    await ingestAll(store, projectId, old);
    await ingestAll(store, projectId, recent);
    const soon = await assignNewItems(store, projectId, fullAt + 30 * 60_000, { memory });
    expect(soon).toMatchObject({ scan: 'recent', examined: recent.interactions.length });
    const hourLater = await assignNewItems(store, projectId, fullAt + 61 * 60_000, { memory });
    expect(hourLater).toMatchObject({ scan: 'full', examined: old.interactions.length });
    expect(await assignNewItems(store, projectId, fullAt + 62 * 60_000, { memory })).toMatchObject({
      examined: 0,
      skipped: 'no new feedback',
    });
  });
});
