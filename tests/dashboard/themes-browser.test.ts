/**
 * The Themes page in real Chromium against a real server, over planted negative feedback: 300 comments in
 * the last few days in the planted shares (17% broken citations) and 200 the week before, when broken
 * citations were rarer (6%); most broken-citation complaints come from the `research` feature. Before the first run the page
 * explains what a run does; "Re-cluster now" clusters and says what it found; the category table gives
 * broken citations its planted share; the broken-citations theme has risen significantly, concentrates on
 * `research`, and lists members that talk about links, 404s and citations, each linked to its
 * interaction. Writes docs/screenshots/dashboard-themes.png.
 */
import type { IngestBatch } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, ingestAll } from '../helpers/analysis-data.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';
import { plantedFeedback } from '../themes/planted-themes.js';
import { type DashboardSession, openDashboard } from './dashboard-session.js';

let fl: RunningFeedloop;
let ui: DashboardSession;

const BROKEN = 'broken citations';
const ABOUT_LINKS = /link|404|citation/i;

/** Most broken-citation complaints come from the research feature, few of the others. */
function withFeatures(batch: IngestBatch & { truth: string[] }): IngestBatch {
  batch.interactions.forEach((interaction, i) => {
    const broken = batch.truth[i] === BROKEN;
    interaction.feature = broken ? (i % 10 < 7 ? 'research' : 'chat') : i % 20 === 0 ? 'research' : 'chat';
  });
  return batch;
}

beforeAll(async () => {
  fl = await startFeedloop();
  const now = Date.now();
  // This period (the filter bar's last 7 days): the planted shares. The 7 days before: fewer broken citations.
  await ingestAll(fl.store, fl.projectId, withFeatures(plantedFeedback(300, 5, now - 4 * DAY, 3)));
  const before = {
    shares: {
      [BROKEN]: 0.06,
      'too verbose': 0.12,
      hallucination: 0.24,
      'stale data': 0.18,
      'refused incorrectly': 0.16,
      'wrong format': 0.24,
    },
  };
  await ingestAll(fl.store, fl.projectId, withFeatures(plantedFeedback(200, 11, now - 12 * DAY, 4, before)));
  ui = await openDashboard(fl);
});
afterAll(async () => {
  await ui?.close();
  await fl?.close();
});

const region = (name: string | RegExp) => ui.page.getByRole('region', { name });
/** The run panel's one-sentence answer (before the first run the panel is the empty state). */
const status = () => ui.page.locator('section:has(#run-heading)').getByRole('status');
/** The themes mapped onto broken citations; the one about 404s and dead links among them. */
const brokenThemes = () =>
  ui.page
    .locator('article.theme')
    .filter({ has: ui.page.locator('.badge.category', { hasText: new RegExp(`^${BROKEN}$`) }) });
/** The broken-citations theme whose label names links, 404s or citations, else the largest of them. */
async function linkTheme() {
  const named = brokenThemes().filter({ has: ui.page.getByRole('heading', { name: ABOUT_LINKS }) });
  return (await named.count()) > 0 ? named.first() : brokenThemes().first();
}

describe('the Themes page', () => {
  it('explains what a run does before the first one', async () => {
    await ui.open('/themes?range=7d');
    await expect.poll(() => ui.heading('Themes').isVisible()).toBe(true);
    const empty = region('No themes yet');
    await expect.poll(() => empty.isVisible()).toBe(true);
    expect(await empty.textContent()).toMatch(/A run collects the failure pool/);
    expect(await empty.getByRole('button', { name: 'Re-cluster now' }).isEnabled()).toBe(true);
    // Nothing else pretends to have data yet.
    expect(await region('Categories').count()).toBe(0);
    expect(await ui.axeViolations()).toEqual([]);
  });

  it('refuses a number of themes the API would refuse, without asking it', async () => {
    await ui.page.getByLabel('Number of themes').fill('1');
    await ui.page.getByRole('button', { name: 'Re-cluster now' }).click();
    await expect
      .poll(() => ui.page.getByRole('alert').textContent())
      .toMatch(/whole number from 2 to 200, or empty to choose it/);
    expect(await region('No themes yet').count()).toBe(1);
    await ui.page.getByLabel('Number of themes').fill('');
  });

  it('re-clusters on demand and says what it found', async () => {
    await ui.page.getByRole('button', { name: 'Re-cluster now' }).click();
    await expect
      .poll(() => status().textContent(), { timeout: 30_000 })
      .toMatch(/^Clustered 500 items into \d+ themes \(K chosen automatically\); \d+ left as noise\.$/);
    const run = region('Clustering');
    expect(await run.textContent()).toMatch(/Latest run .* UTC: 500 items clustered into \d+ themes/);
    expect(await run.getByRole('button', { name: 'Assign new feedback' }).isVisible()).toBe(true);
  });

  it('gives each category its share this period and the one before, charted and tabled', async () => {
    const categories = region('Categories');
    const row = categories.getByRole('row').filter({ has: ui.page.getByRole('rowheader', { name: BROKEN }) });
    await expect.poll(() => row.count()).toBe(1);
    const [now, before, change] = await row.getByRole('cell').allTextContents();
    const share = Number(/^(\d+(?:\.\d+)?)%/.exec(now ?? '')?.[1]);
    expect(Math.abs(share - 17)).toBeLessThanOrEqual(5);
    expect(Number(/^(\d+(?:\.\d+)?)%/.exec(before ?? '')?.[1])).toBeLessThan(share);
    expect(change).toMatch(/^\+\d+\.\d pts p (< 0\.001|0\.0[0-4]\d)$/);
    expect(await categories.locator('svg[aria-label="Category shares"]').count()).toBe(1);
    // One line per category, week by week.
    const trends = region('Week by week');
    await expect.poll(() => trends.locator('svg[aria-label="Category shares per week"]').count()).toBe(1);
    expect(await trends.locator('[aria-label="Category shares per week"] path[stroke]').count()).toBeGreaterThan(1);
  });

  it('lists the themes, the broken-citations ones rising significantly, with their signals and cohort', async () => {
    await ui.shot('themes');
    expect(await ui.axeViolations()).toEqual([]);
    // The largest themes come first; the rest one click away.
    const all = ui.page.getByRole('button', { name: /^Show all \d+ themes$/ });
    if ((await all.count()) > 0) await all.click();
    await expect.poll(() => all.count()).toBe(0);
    const heading = (await ui.page.getByRole('heading', { level: 2, name: /^Themes \(\d+\)$/ }).textContent()) ?? '';
    expect(await ui.page.locator('article.theme').count()).toBe(Number(/\d+/.exec(heading)?.[0]));

    expect(await brokenThemes().count()).toBeGreaterThanOrEqual(1);
    expect(
      await brokenThemes()
        .locator('.badge', { hasText: /^significant$/ })
        .count(),
    ).toBeGreaterThanOrEqual(1);
    const theme = await linkTheme();
    await expect.poll(() => theme.count()).toBe(1);
    expect(await theme.textContent()).toMatch(/Trend↑ \+\d+\.\d pts from \d+\.\d%/);
    expect(await theme.getByRole('list', { name: 'Signals behind it' }).textContent()).toMatch(
      /(?=.*comment \d+)(?=.*thumbs down \d+)/,
    );
    expect(await theme.getByRole('list', { name: 'Cohorts where it concentrates' }).textContent()).toMatch(
      /Feature = research ×\d\.\d/,
    );
    const examples = await theme.locator('.examples q').allTextContents();
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(example).toMatch(ABOUT_LINKS);
  });

  it("opens the theme's members, each linked to its interaction", async () => {
    const theme = await linkTheme();
    await theme.getByRole('button', { name: /^Show members/ }).click();
    const members = theme.getByRole('region', { name: /^Members of/ });
    await expect.poll(() => members.locator('.member-list > li').count()).toBeGreaterThan(5);
    const comments = await members.locator('.member-comment q').allTextContents();
    expect(comments.length).toBeGreaterThan(5);
    // The most typical all talk about links, 404s or citations; nearly all the others too.
    for (const comment of comments.slice(0, 5)) expect(comment).toMatch(ABOUT_LINKS);
    expect(comments.filter((c) => ABOUT_LINKS.test(c)).length).toBeGreaterThanOrEqual(0.9 * comments.length);
    expect(await members.locator('.member').first().textContent()).toMatch(/Prompt.*Tell me about .*Output.*Here is/);
    expect(new URL(ui.page.url()).searchParams.get('theme')).toMatch(/^theme_/);

    const link = members.locator('.member').first().getByRole('link');
    const id = (await link.textContent()) ?? '';
    await link.click();
    await expect.poll(() => ui.heading(`Interaction ${id}`).isVisible()).toBe(true);
    expect(new URL(ui.page.url()).pathname).toBe(`/interactions/${id}`);
    // Back on Themes, the theme is still open: it lives in the URL.
    await ui.page.goBack();
    await expect
      .poll(async () => (await linkTheme()).getByRole('region', { name: /^Members of/ }).isVisible())
      .toBe(true);
  });

  it('assigns new feedback to the existing themes', async () => {
    const later = plantedFeedback(40, 6, Date.now() - DAY, 0.5);
    await ingestAll(fl.store, fl.projectId, later);
    await ui.page.getByRole('button', { name: 'Assign new feedback' }).click();
    const n = later.interactions.length;
    await expect
      .poll(() => status().textContent(), { timeout: 20_000 })
      .toMatch(new RegExp(`^Examined ${n} new items: \\d+ joined a theme, \\d+ left as noise\\.$`));
    // The page reads the themes again: the period's pool now holds the new items.
    const pool = ui.page.locator('.stat', { hasText: 'Failure pool' }).locator('.value');
    await expect.poll(() => pool.textContent()).toBe(`${300 + n}`);
  });

  it('fits a phone in the dark', async () => {
    await ui.page.setViewportSize({ width: 390, height: 800 });
    await ui.page.emulateMedia({ colorScheme: 'dark' });
    try {
      await expect.poll(() => region('Categories').isVisible()).toBe(true);
      const widths = await ui.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
      expect(await ui.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(14, 17, 22)');
    } finally {
      await ui.page.setViewportSize({ width: 1280, height: 860 });
      await ui.page.emulateMedia({ colorScheme: 'light' });
    }
  });
});
