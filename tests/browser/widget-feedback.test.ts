/**
 * `<feedloop-feedback>` in real Chromium against a real server: operable with the keyboard alone, no
 * axe violations, and what it sends is what is stored. Also writes the screenshots in docs/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getSignalsOfInteraction } from '@feedloop/store';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, launchChromium, type PageServer, repoPath, servePage, waitFor } from '../helpers/browser.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

const require = createRequire(import.meta.url);
let feedloop: RunningFeedloop;
let pages: PageServer;
let browser: Browser;

beforeAll(async () => {
  feedloop = await startFeedloop();
  const sdk = await bundle({
    contents: `import * as feedloop from './packages/browser/src/index.ts';
import './packages/browser/src/widget.ts';
(window as unknown as { feedloop: typeof feedloop }).feedloop = feedloop;`,
  });
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>widget</title><style>
body{font:15px/1.4 system-ui,sans-serif;margin:24px;background:#fff;color:#1f2328}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}}
feedloop-feedback{width:320px}
</style></head><body>
<p>Go to Settings → Security → Reset password.</p>
<feedloop-feedback interaction="w-1"></feedloop-feedback>
<script type="module">
import '/sdk.js';
window.feedloop.init(${JSON.stringify({ endpoint: feedloop.url, publicKey: feedloop.publicKey, flushIntervalMs: 100 })});
window.ready = true;
</script></body></html>`;
  pages = await servePage({ html, scripts: { '/sdk.js': sdk } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await feedloop?.close();
});

const open = async (colorScheme: 'light' | 'dark' = 'light'): Promise<Page> => {
  const page = await browser.newPage({ colorScheme, deviceScaleFactor: 1 });
  await page.goto(pages.url);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  return page;
};

const stored = (id: string) =>
  waitFor(async () => {
    const found = await getSignalsOfInteraction(feedloop.store.db, feedloop.projectId, id);
    return found.length ? found : undefined;
  });

const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const inner = document.activeElement?.shadowRoot?.activeElement;
    return inner?.getAttribute('aria-label') ?? inner?.textContent?.trim() ?? inner?.tagName;
  });

const axe = async (page: Page) => {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(el: Element): Promise<{ violations: { id: string }[] }> } }).axe;
    const result = await run.run(document.querySelector('feedloop-feedback')!);
    return result.violations.map((v) => v.id);
  });
};

describe('<feedloop-feedback>', () => {
  it('can be fully operated with the keyboard, and each action is stored once', async () => {
    const page = await open();
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Good response');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await stored('w-1')).length === 1);

    // Down thumb, then the rating; arrow keys move between the stars.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('1 star');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusedLabel(page)).toBe('4 stars');
    await page.keyboard.press(' ');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Cite the help article');
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('Send');
    await page.keyboard.press('Enter');

    const signals = await waitFor(async () => {
      const s = await stored('w-1');
      return s.length >= 3 ? s : undefined;
    });
    expect(signals.map((s) => [s.kind, s.type, s.value])).toEqual([
      ['explicit', 'thumbs', 1],
      ['explicit', 'rating', 4],
      ['explicit', 'comment', 'Cite the help article'],
    ]);
    const status = await page.locator('feedloop-feedback [role=status]').textContent();
    expect(status).toMatch(/Thanks/);
    expect(await page.locator('feedloop-feedback [data-v=up]').getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('has no axe violations, idle or expanded', async () => {
    const page = await open();
    expect(await axe(page)).toEqual([]);
    await page.locator('feedloop-feedback [data-v=down]').click();
    await page.locator('feedloop-feedback [data-s="2"]').click();
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('writes screenshots of its states, light and dark', async () => {
    const dir = repoPath('docs/screenshots');
    mkdirSync(dir, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open(scheme);
      const widget = page.locator('feedloop-feedback');
      await page.evaluate(() => document.querySelector('feedloop-feedback')?.setAttribute('interaction', 'w-shot'));
      await widget.screenshot({ path: `${dir}/widget-idle-${scheme}.png` });
      await widget.locator('[data-v=up]').click();
      await widget.locator('[data-s="4"]').click();
      await widget.locator('textarea').fill('Cite the help article');
      await widget.locator('textarea').blur();
      // The pointer still rests on a star after the click; hovered styles would make every shot differ.
      await page.mouse.move(0, 0);
      await widget.screenshot({ path: `${dir}/widget-open-${scheme}.png`, animations: 'disabled' });
      await widget.locator('button[type=submit]').click();
      await expect.poll(() => widget.locator('form').isHidden()).toBe(true);
      await widget.screenshot({ path: `${dir}/widget-thanks-${scheme}.png` });
      await page.close();
    }
  });
});
