/**
 * The example weekly report committed under docs/examples/weekly-report (generated from `feedloop demo`
 * data with `feedloop report`) renders in Chromium: every section, its charts, no errors, nothing fetched.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, repoPath } from '../helpers/browser.js';

const HTML = repoPath('docs/examples/weekly-report/report.html');
const MD = repoPath('docs/examples/weekly-report/report.md');

describe('the committed example weekly report', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  it('renders every section with its charts, and fetches nothing', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') problems.push(`request ${r.url()}`);
    });
    await page.setContent(readFileSync(HTML, 'utf8'));
    const headings = await page.locator('h2').allTextContents();
    for (const section of ['Headline', 'Trends', 'Themes', 'Capture rate', 'What was filtered']) {
      expect(headings.join('|')).toContain(section);
    }
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('body').textContent()).toMatch(/atlas-large/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is the same report in Markdown', () => {
    const md = readFileSync(MD, 'utf8');
    expect(md).toMatch(/^# Weekly feedback report: demo/);
    expect(md).toContain('## Themes');
  });
});
