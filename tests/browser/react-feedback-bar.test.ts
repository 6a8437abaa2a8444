/**
 * @feedloop/react in real Chromium against a real server, once per React it supports (peer `react >=18`):
 * a page bundled with esbuild from the sources, a FeedbackBar clicked like a user would, and the signals
 * checked in the server's store (not the DOM). The project requires feedback tokens, so every stored
 * signal also proves the `token` prop was sent.
 *
 * React 19 is the root's; React 18 is installed by the private workspace tests/react18 (npm nests it in
 * that folder's node_modules, as the root's React 19 conflicts). esbuild resolves `react` and `react-dom`
 * (and their subpaths: `react/jsx-runtime`, `react-dom/client`) to the chosen copy, for the page and for
 * @feedloop/react alike; the page reports the version it actually runs, so a wrong alias fails the test.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSignalsOfInteraction, type SignalView, updateProjectSettings } from '@feedloop/store';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, launchChromium, repoPath, servePage } from '../helpers/browser.js';
import { interaction } from '../helpers/fixtures.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

const SOURCES: Record<string, string> = {
  '@feedloop/react': repoPath('packages/react/src/index.ts'),
  '@feedloop/browser': repoPath('packages/browser/src/index.ts'),
  '@feedloop/browser/widget': repoPath('packages/browser/src/widget.ts'),
};

/** esbuild aliases for the `react` and `react-dom` that Node resolves from `folder` (of this repository). */
function reactOf(folder: string): Record<string, string> {
  const require = createRequire(repoPath(`${folder}/package.json`));
  const dir = (pkg: string) => dirname(require.resolve(`${pkg}/package.json`));
  return { react: dir('react'), 'react-dom': dir('react-dom') };
}

const REACTS = [
  { major: 19, from: '.' },
  { major: 18, from: 'tests/react18' },
];

/** Polls the store until `done` holds for the interaction's signals, or fails after `timeoutMs`. */
async function signalsWhen(
  fl: RunningFeedloop,
  interactionId: string,
  done: (signals: SignalView[]) => boolean,
  timeoutMs = 10_000,
): Promise<SignalView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const signals = await getSignalsOfInteraction(fl.store.db, fl.projectId, interactionId);
    if (done(signals) || Date.now() > deadline) return signals;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(REACTS)('@feedloop/react with React $major in Chromium', ({ major, from }) => {
  let fl: RunningFeedloop;
  let browser: Browser;
  let page: Page;
  let site: { url: string; close(): Promise<void> };
  const interactionId = interaction().id as string;

  beforeAll(async () => {
    fl = await startFeedloop();
    await updateProjectSettings(fl.store.db, fl.projectId, { requireTokens: true });
    const logged = await fl.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: `Bearer ${fl.secretKey}` },
      payload: { interactions: [interaction({ id: interactionId })] },
    });
    expect(logged.json().results[0].status).toBe('created');
    const minted = await fl.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: { authorization: `Bearer ${fl.secretKey}` },
      payload: { interactionId, userId: 'u_react' },
    });
    const config = { endpoint: fl.url, publicKey: fl.publicKey, interactionId, token: minted.json().token };
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React FeedbackBar</title></head>
      <body><div id="root"></div><script>window.FEEDLOOP_PAGE = ${JSON.stringify(config)};</script>
      <script type="module" src="/app.js"></script></body></html>`;
    const app = await bundle(fileURLToPath(new URL('./fixtures/react-app.tsx', import.meta.url)), {
      alias: { ...SOURCES, ...reactOf(from) },
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    site = await servePage({ html, scripts: { '/app.js': app } });
    browser = await launchChromium();
    page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Helpful', exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await fl?.close();
  });

  it(`runs React ${major} (react and react-dom)`, async () => {
    const versions = await page.locator('body').evaluate((body) => [body.dataset.react, body.dataset.reactDom]);
    for (const version of versions) expect(version).toMatch(new RegExp(`^${major}\\.`));
  });

  it('stores a thumb, a rating, a comment and a taken-back thumb, each once, with the user and token', async () => {
    const helpful = page.getByRole('button', { name: 'Helpful', exact: true });
    await expect.poll(() => helpful.getAttribute('aria-pressed')).toBe('false');
    // Rating and comment appear only after a thumb.
    expect(await page.getByRole('button', { name: '4 of 5' }).count()).toBe(0);

    await helpful.click();
    await expect.poll(() => helpful.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: '4 of 5' }).click();
    await expect.poll(() => page.getByRole('button', { name: '4 of 5' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Comment').fill('The second step is wrong');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#probe').textContent()).toBe('thumb=1 rating=4 commented=true');

    // The same thumb again takes it back.
    await helpful.click();
    await expect.poll(() => helpful.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => page.locator('#probe').textContent()).toBe('thumb=0 rating=4 commented=true');

    const signals = await signalsWhen(fl, interactionId, (s) => s.length >= 4);
    const seen = signals.map((s) => [s.kind, s.type, s.value]);
    expect(seen).toEqual([
      ['explicit', 'thumbs', 1],
      ['explicit', 'rating', 4],
      ['explicit', 'comment', 'The second step is wrong'],
      ['explicit', 'thumbs', 0],
    ]);
    for (const s of signals) {
      expect(s.userId).toBe('u_react');
      expect(s.interactionId).toBe(interactionId);
    }
    // A few renders per change, not a render loop from unstable snapshots.
    expect(Number(await page.locator('#probe').getAttribute('data-renders'))).toBeLessThan(12);
  });

  it('marks the thumbs down as pressed and the thumbs up as not', async () => {
    const down = page.getByRole('button', { name: 'Not helpful' });
    await down.click();
    await expect.poll(() => down.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).toBe('false');
    const signals = await signalsWhen(fl, interactionId, (s) => s.length >= 5);
    expect(signals.at(-1)).toMatchObject({ type: 'thumbs', value: -1 });
  });
});
