/**
 * The dashboard in real Chromium, served by a real server at `/`, over a month of seeded feedback: what a
 * person signing in would see on each page. Also writes docs/screenshots/dashboard-*.png (light, laptop
 * width). Needs the built dashboard (`npm run build`).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dashboardDir } from '@feedloop/dashboard';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../helpers/analysis-data.js';
import { launchChromium, repoPath } from '../helpers/browser.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';
import { PLANTED, seedDashboardData, startOfUtcDay } from './dashboard-data.js';

const require = createRequire(import.meta.url);
const SHOTS = repoPath('docs/screenshots');
const LAPTOP = { width: 1280, height: 860 };

let fl: RunningFeedloop;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  if (!existsSync(`${dashboardDir}/index.html`)) {
    throw new Error('The dashboard is not built: run `npm run build` first.');
  }
  fl = await startFeedloop();
  await seedDashboardData(fl);
  browser = await launchChromium();
  // bypassCSP lets the test inject axe-core; the app itself runs under the server's CSP either way.
  context = await browser.newContext({
    viewport: LAPTOP,
    colorScheme: 'light',
    deviceScaleFactor: 1,
    acceptDownloads: true,
    bypassCSP: true,
  });
  page = await context.newPage();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await fl?.close();
});

const shot = async (name: string) => {
  // Charts draw after their data arrives: wait until no request is in flight and nothing says "Loading".
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
  await page.screenshot({ path: `${SHOTS}/dashboard-${name}.png`, fullPage: true });
};

const signIn = async (key = fl.secretKey) => {
  await page.getByLabel('Secret key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

const axeViolations = async () => {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    type Violation = { id: string; nodes: Array<{ target: string[] }> };
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
};

const dayLabel = (ms: number) =>
  new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(ms);

describe('the dashboard', () => {
  it('asks for a key, explains a wrong or public one, and opens the overview with the right one', async () => {
    await page.goto(fl.url);
    await expect.poll(() => heading('Sign in to Feedloop').isVisible()).toBe(true);
    await shot('signin');

    await signIn('fl_sk_not_a_real_key');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/unknown or has been revoked/);
    await signIn(fl.publicKey);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/This is a public key/);

    await signIn();
    await expect.poll(() => heading('Overview').isVisible()).toBe(true);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([fl.secretKey]);
  });

  it('shows one point per day of the last 7 days, the set-aside votes, capture rate and this week', async () => {
    await page.getByRole('button', { name: '7 days' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('range')).toBe('7d');
    const points = page.locator('figure[aria-label^="Thumbs positive rate"] circle[aria-label]');
    await expect.poll(() => points.count()).toBe(7);
    const today = startOfUtcDay(Date.now());
    const expectedDays = Array.from({ length: 7 }, (_, i) => dayLabel(today - (6 - i) * DAY));
    const labels = await points.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(labels.map((l) => l.split(':')[0])).toEqual(expectedDays);

    await expect.poll(() => page.locator('.notice', { hasText: 'set aside' }).textContent()).toMatch(/burst \d+/);
    await expect
      .poll(() => page.getByText(/tier /).textContent())
      .toMatch(/tier (Mature|Healthy|Building|Capture-only)/);
    await expect.poll(() => page.getByText(/Positive rate over the last 7 days/).count()).toBe(1);
    expect(await axeViolations()).toEqual([]);

    await page.getByRole('button', { name: '30 days' }).click();
    await expect
      .poll(() => page.locator('figure[aria-label^="Thumbs positive rate"] circle[aria-label]').count())
      .toBeGreaterThan(20);
    await shot('overview');

    await page.getByRole('button', { name: 'Show unfiltered' }).click();
    await expect.poll(() => page.getByText(/Showing unfiltered numbers/).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('unfiltered')).toBe('true');
    await page.getByRole('button', { name: 'Hide them again' }).click();
  });

  it('ranks cohorts by their interval, sorts by any column and lists small cohorts apart', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cohorts' }).click();
    await expect.poll(() => heading('Cohorts').isVisible()).toBe(true);
    const ranked = page.locator('section[aria-labelledby="ranked-heading"] tbody th');
    await expect.poll(() => ranked.allTextContents()).toEqual(['atlas-large', 'atlas-medium', 'atlas-mini']);
    const unranked = page.locator('section[aria-labelledby="unranked-heading"] tbody th');
    expect(await unranked.allTextContents()).toEqual(['atlas-nano']);
    await shot('cohorts');

    await page.getByLabel('Ranking').selectOption('worst');
    await expect.poll(() => ranked.allTextContents()).toEqual(['atlas-mini', 'atlas-medium', 'atlas-large']);
    await page.getByLabel('Ranking').selectOption('best');
    await expect.poll(() => ranked.allTextContents()).toEqual(['atlas-large', 'atlas-medium', 'atlas-mini']);

    await page.getByRole('button', { name: 'Interactions', exact: true }).click();
    await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent()).toMatch(/Interactions/);
    await page.getByRole('button', { name: /^Interactions ▼/ }).click();
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toMatch(/Interactions/);
    const counts = await page
      .locator('section[aria-labelledby="ranked-heading"] tbody tr td:nth-child(3)')
      .allTextContents();
    const numbers = counts.map((c) => Number(c.replace(/,/g, '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(await ranked.allTextContents()).toEqual(['atlas-medium', 'atlas-mini', 'atlas-large']);
  });

  it('compares two models and states the planted winner in plain words', async () => {
    await page.getByRole('link', { name: 'Models & prompts' }).click();
    await expect.poll(() => heading('Models & prompts').isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: /^atlas-mini/ }).check();
    await page.getByRole('checkbox', { name: /^atlas-large/ }).check();
    const verdict = page.locator('.verdict');
    await expect
      .poll(() => verdict.textContent())
      .toMatch(/^atlas-large .* is rated positive more often than atlas-mini/);
    expect(await verdict.textContent()).toMatch(/significant/);
    expect(await page.getByRole('cell', { name: /^\+\d+\.\d pts \(significant, p/ }).count()).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('values')).toBe('atlas-mini,atlas-large');
    await shot('compare');
    expect(await axeViolations()).toEqual([]);
  });

  it('finds the planted interaction by text and shows its signals in time order with the edit diff', async () => {
    await page.getByRole('link', { name: 'Interactions' }).click();
    await expect.poll(() => heading('Interactions').isVisible()).toBe(true);
    await page.getByLabel('Search prompts and answers').fill('FLUX capacitor');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.locator('.interaction-list > li');
    await expect.poll(() => results.count()).toBe(1);
    expect(await results.first().textContent()).toContain(PLANTED.question);
    await shot('interactions');

    await page.getByRole('link', { name: PLANTED.question }).click();
    await expect.poll(() => heading(`Interaction ${PLANTED.id}`).isVisible()).toBe(true);
    const types = page.locator('ol.timeline > li strong');
    await expect.poll(() => types.allTextContents()).toEqual(PLANTED.order);
    expect(await page.getByText(PLANTED.comment).count()).toBe(1);
    expect(await page.getByText('Calibration needs 1.21 gigawatts.').count()).toBe(1);
    const diff = page.getByLabel('Edit compared with the answer');
    expect(await diff.locator('del').allTextContents()).toEqual(['88', 'one minute']);
    expect(await diff.locator('ins').allTextContents()).toEqual(['1.21', 'two minutes']);
    await shot('interaction');
    expect(await axeViolations()).toEqual([]);

    await page.getByRole('link', { name: '← All interactions' }).click();
    await expect.poll(() => page.getByLabel('Search prompts and answers').inputValue()).toBe('FLUX capacitor');
  });

  it('builds an export manifest and downloads exactly the examples it counts', async () => {
    await page.getByRole('link', { name: 'Exports' }).click();
    await expect.poll(() => heading('Exports').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Build manifest' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Manifest' }).isVisible()).toBe(true);
    const examples = Number(
      (await page.locator('.stat', { hasText: 'Examples' }).locator('.value').textContent())?.replace(/,/g, ''),
    );
    expect(examples).toBeGreaterThan(0);
    await shot('exports');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Download .* examples/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^feedloop-sft-openai-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = readFileSync((await download.path()) ?? '', 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(examples);
    expect(JSON.parse(lines[0] ?? '{}').messages).toBeDefined();
  });

  it('shows how far the export pass has got while a manifest builds', async () => {
    // The manifest request goes to a server that sends one progress line, then holds the stream until the
    // test has seen the progress bar, then sends the real manifest: a pass as slow as on a large project.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = createServer(async (req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
      res.write(`${JSON.stringify({ progress: { scanned: 40, written: 3, total: 100 } })}\n`);
      await released;
      const real = await fl.app.inject({
        url: req.url ?? '',
        headers: { authorization: `Bearer ${fl.secretKey}` },
      });
      res.end(`${JSON.stringify({ manifest: real.json() })}\n`);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    await page.route('**/v1/exports/sft/manifest?*', (route) => {
      const url = new URL(route.request().url());
      return route.continue({ url: `${slowUrl}${url.pathname}${url.search}` });
    });
    try {
      // Other settings than the manifest built above, so it is not answered from the cache.
      await page.getByLabel('Drop duplicate examples').uncheck();
      await page.getByRole('button', { name: 'Build manifest' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'interactions scanned' }).textContent())
        .toBe('40 of 100 interactions scanned (40%), 3 examples so far.');
      expect(await page.getByRole('progressbar', { name: 'Interactions scanned' }).getAttribute('value')).toBe('40');
      release();
      await expect.poll(() => page.getByRole('heading', { name: 'Manifest' }).isVisible()).toBe(true);
      expect(await page.getByRole('progressbar').count()).toBe(0);
    } finally {
      release();
      await page.unroute('**/v1/exports/sft/manifest?*');
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('creates a key, shows it once, and revoking it makes the API refuse it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => heading('Settings').isVisible()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('ci-bot');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByLabel('The new key');
    await expect.poll(() => secret.textContent()).toMatch(/^fl_sk_/);
    const plaintext = (await secret.textContent()) ?? '';
    const api = (key: string) => fetch(`${fl.url}/v1/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect((await api(plaintext)).status).toBe(200);

    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect.poll(() => page.getByRole('row', { name: /ci-bot/ }).count()).toBe(1);
    expect(await page.content()).not.toContain(plaintext);
    await shot('settings');

    await page
      .getByRole('row', { name: /ci-bot/ })
      .getByRole('button', { name: /Revoke/ })
      .click();
    await page.getByRole('button', { name: /Yes, revoke/ }).click();
    await expect.poll(() => page.getByRole('row', { name: /ci-bot/ }).textContent()).toMatch(/revoked/);
    expect((await api(plaintext)).status).toBe(401);
    // The dashboard's own key is marked and cannot be revoked from here.
    expect(await page.getByText('in use by this dashboard').count()).toBe(1);
  });

  it('keeps the filters in the URL through a reload', async () => {
    await page.goto(`${fl.url}/cohorts`);
    await page.getByRole('button', { name: '90 days' }).click();
    await page.getByLabel('Break down by').selectOption('promptVersion');
    await page.getByRole('button', { name: 'Dimension filters' }).click();
    await page.getByLabel('Tenant').fill('globex');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const ranked = page.locator('section[aria-labelledby="ranked-heading"] tbody th');
    await expect.poll(() => ranked.allTextContents()).toEqual(['3', '2']);

    await page.reload();
    await expect.poll(() => ranked.allTextContents()).toEqual(['3', '2']);
    expect(await page.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('Break down by').inputValue()).toBe('promptVersion');
    expect(await page.getByLabel('Tenant').inputValue()).toBe('globex');
    // Another page keeps the shared filters, not this page's own.
    await page.getByRole('link', { name: 'Overview' }).click();
    const params = new URL(page.url()).searchParams;
    expect([params.get('range'), params.get('tenant'), params.get('dimension')]).toEqual(['90d', 'globex', null]);
  });

  it('opens Themes from the navigation, explaining what a run does before the first one', async () => {
    await page.getByRole('link', { name: 'Themes', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'No themes yet' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Re-cluster now' }).count()).toBe(1);
  });

  it('folds the navigation behind a menu button at phone width, and signs out', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 800 });
    await phone.goto(fl.url);
    // sessionStorage belongs to a tab: a new tab signs in again.
    await phone.getByLabel('Secret key').fill(fl.secretKey);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => phone.getByRole('heading', { level: 1, name: 'Overview' }).isVisible()).toBe(true);
    const nav = phone.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Menu' }).click();
    expect(await nav.isVisible()).toBe(true);
    await nav.getByRole('link', { name: 'Cohorts' }).click();
    await expect.poll(() => phone.getByRole('heading', { level: 1, name: 'Cohorts' }).isVisible()).toBe(true);
    expect(await nav.isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => phone.getByLabel('Secret key').isVisible()).toBe(true);
    expect(await phone.evaluate(() => sessionStorage.length)).toBe(0);
    await phone.close();
  });
});
