/**
 * One Chromium tab on a running Feedloop's dashboard, for the page tests: signing in, finding the page's
 * heading, axe-core, and screenshots into docs/screenshots/dashboard-*.png (light, laptop width).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dashboardDir } from '@feedloop/dashboard';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium, repoPath } from '../helpers/browser.js';
import type { RunningFeedloop } from '../helpers/server.js';

const require = createRequire(import.meta.url);
const SHOTS = repoPath('docs/screenshots');

export interface DashboardSession {
  page: Page;
  /** Opens `path` (with its query) and signs in with the project's secret key. */
  open(path: string): Promise<void>;
  heading(name: string | RegExp): ReturnType<Page['getByRole']>;
  /** Waits for the data, then writes docs/screenshots/dashboard-<name>.png. */
  shot(name: string): Promise<void>;
  axeViolations(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDashboard(fl: RunningFeedloop): Promise<DashboardSession> {
  if (!existsSync(`${dashboardDir}/index.html`)) {
    throw new Error('The dashboard is not built: run `npm run build` first.');
  }
  const browser: Browser = await launchChromium();
  // bypassCSP lets the test inject axe-core; the app itself runs under the server's CSP either way.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
    deviceScaleFactor: 1,
    acceptDownloads: true,
    bypassCSP: true,
  });
  const page = await context.newPage();
  mkdirSync(SHOTS, { recursive: true });
  return {
    page,
    async open(path) {
      await page.goto(`${fl.url}${path}`);
      await page.getByLabel('Secret key').fill(fl.secretKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    },
    heading: (name) => page.getByRole('heading', { level: 1, name }),
    async shot(name) {
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/dashboard-${name}.png`, fullPage: true });
    },
    async axeViolations() {
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      return page.evaluate(async () => {
        type Violation = { id: string; nodes: Array<{ target: string[] }> };
        const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
        const result = await axe.run();
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    },
    close: () => browser.close(),
  };
}
