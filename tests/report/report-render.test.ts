/**
 * The weekly report as a reader gets it: `report.md` says what the numbers are, with tables that stay
 * tables whatever the data holds; `report.html` opened in real Chromium is one self-contained page that
 * loads nothing, runs nothing from the data, and draws one marker per day with votes and one bar per week.
 */
import { createRequire } from 'node:module';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeeklyReport } from '../../packages/services/src/analysis/types.js';
import { renderReportHtml, renderReportMarkdown } from '../../packages/services/src/report/index.js';
import { launchChromium } from '../helpers/browser.js';
import {
  DAILY_POINTS_WITH_DATA,
  HOSTILE,
  HOSTILE_DOC,
  MODEL_VERDICT,
  PIPE,
  PROMPT_VERDICT_14,
  quietWeekFixture,
  WEEK_START,
  weeklyReportFixture,
} from './report-fixture.js';

const require = createRequire(import.meta.url);
const SECTIONS = [
  'Headline',
  'Trends',
  'Cohorts that moved',
  'Model and prompt comparisons',
  'Where it fails',
  'Themes',
  'Capture rate',
  'What we improved',
  'What was filtered',
];
const SATURDAY = WEEK_START + 5 * 86_400_000;

/** Splits a Markdown table row on its unescaped pipes, and unescapes each cell. */
function cells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\(.)/g, '$1'));
}

interface MdTable {
  header: string[];
  rule: string;
  rows: string[][];
}

/** Every table in the Markdown: runs of lines starting with "|". */
function tables(md: string): MdTable[] {
  const found: MdTable[] = [];
  let run: string[] = [];
  for (const line of [...md.split('\n'), '']) {
    if (line.startsWith('|')) {
      run.push(line);
      continue;
    }
    if (run.length) found.push({ header: cells(run[0]!), rule: run[1] ?? '', rows: run.slice(2).map(cells) });
    run = [];
  }
  return found;
}

const rowStartingWith = (md: string, first: string): string[] | undefined =>
  tables(md)
    .flatMap((t) => t.rows)
    .find((r) => r[0] === first);

const withoutSaturday = (): WeeklyReport => {
  const report = weeklyReportFixture();
  report.daily.points = report.daily.points.filter((p) => p.bucketStart !== SATURDAY);
  return report;
};

describe('report.md', () => {
  const md = renderReportMarkdown(weeklyReportFixture());

  it('has a title with project and week, and every section', () => {
    expect(md.split('\n')[0]).toBe('# Weekly feedback report: Acme \\& Co support bot');
    expect(md).toContain('Week of 2026-11-16 to 2026-11-22 (UTC)');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(SECTIONS.map((s) => `## ${s}`));
  });

  it('states the headline: positive rate against last week, whether it is significant, and volumes', () => {
    // 571 / 801 this week against 480 / 740: a two-proportion test gives p ≈ 0.008.
    expect(md).toContain(
      'Positive rate this week: **71.2%** (95% CI 67.9–74.2%, n = 801 votes), against 64.9% (n = 740) the week before: **+6.3 pp**, a significant change (two-proportion test, p = 0.008).',
    );
    expect(md).toContain('- Interactions: 3,326 (previous week 3,100, +7.3%)');
    expect(md).toContain('- Thumbs votes: 801 (previous week 740, +8.2%)');
  });

  it('shows each day with its Wilson interval, and the day without data as n = 0 instead of NaN', () => {
    // 150 up, 50 down: 75.0%, Wilson 95% interval 68.6–80.5%.
    expect(rowStartingWith(md, 'Tue 2026-11-17')).toEqual([
      'Tue 2026-11-17',
      '700',
      '150',
      '50',
      '75.0% (68.6–80.5%)',
      '3.98 (n = 60)',
      '3.0%',
      '7.0%',
    ]);
    expect(rowStartingWith(md, 'Sat 2026-11-21')).toEqual([
      'Sat 2026-11-21',
      '0',
      '0',
      '0',
      '— (n = 0)',
      '— (n = 0)',
      '—',
      '—',
    ]);
    const weekly = tables(md).find((t) => t.header[0] === 'Week of');
    expect(weekly?.rows.map((r) => r[0])).toEqual([
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
  });

  it('still shows a day the series left out', () => {
    const gap = renderReportMarkdown(withoutSaturday());
    expect(rowStartingWith(gap, 'Sat 2026-11-21')?.[4]).toBe('— (n = 0)');
    expect(tables(gap).find((t) => t.header[0] === 'Day')?.rows).toHaveLength(9); // 7 days, week, previous week
  });

  it('lists the cohorts that moved, keeping hostile and piped names as plain cells', () => {
    expect(rowStartingWith(md, 'tenant')).toEqual([
      'tenant',
      HOSTILE,
      '60.0% (n = 100)',
      '82.0% (n = 100)',
      '+22.0 pp',
      '< 0.001',
    ]);
    const moved = tables(md).find((t) => t.header[1] === 'Cohort')!;
    expect(moved.rows.map((r) => r[1])).toEqual([HOSTILE, PIPE, '(not set)']);
    // Escaped so that no Markdown renderer takes it for HTML.
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(md).not.toContain(HOSTILE);
    expect(renderReportMarkdown(quietWeekFixture())).toContain('None moved significantly');
  });

  it('gives each comparison its arms, verdict, p-values and the sample still needed', () => {
    expect(md).toContain('### By model, against gpt-x');
    expect(md).toContain(`**claude-y vs gpt-x:** ${MODEL_VERDICT}`);
    expect(md).toContain(`**14 vs 12:** ${PROMPT_VERDICT_14}`);
    expect(rowStartingWith(md, 'claude-y')).toEqual([
      'claude-y',
      '1,675',
      '416',
      '74.3% (69.9–78.2%)',
      '3.74 (n = 120)',
      '7.2%',
      '2.8%',
    ]);
    const versus = tables(md).find((t) => t.header[2] === 'claude-y')!;
    expect(versus.header).toEqual([
      'Measure',
      'gpt-x (baseline)',
      'claude-y',
      'Difference',
      'p-value',
      'Significant',
      'Sample needed per arm',
    ]);
    // 68.2% vs 74.3% on 384 and 416 votes: p = 0.059, and 878 votes per arm would settle it.
    expect(versus.rows[0]).toEqual([
      'Positive rate',
      '68.2% (63.4–72.7%, n = 384)',
      '74.3% (69.9–78.2%, n = 416)',
      '+6.0 pp',
      '0.059',
      'no',
      '878 (494 more)',
    ]);
    expect(versus.rows.find((r) => r[0] === 'Correction rate')?.slice(5)).toEqual(['yes', 'reached']);
  });

  it('names where it fails, with the support of each', () => {
    expect(rowStartingWith(md, 'refund_policy')?.slice(0, 4)).toEqual([
      'refund_policy',
      '208',
      '88',
      '57.7% (50.9–64.2%)',
    ]);
    expect(rowStartingWith(md, `billing ${PIPE} (below 30 votes, not ranked)`)?.[1]).toBe('9');
    expect(rowStartingWith(md, 'kb/refunds#v2')).toEqual([
      'kb/refunds#v2',
      'kb',
      '140',
      '61',
      '33',
      '54.1% (41.7–66.0%)',
    ]);
    expect(rowStartingWith(md, HOSTILE_DOC)?.[1]).toBe('(none)');
  });

  it('shows the capture tier with its thresholds, explicit engagement and agreement', () => {
    expect(md).toContain('Implicit capture: **38.2%** (95% CI 35.5–41.0%): 460 of 1,204 sessions');
    expect(md).toContain('Tier **Healthy** (25–50% of sessions).');
    const tiers = tables(md).find((t) => t.header[0] === 'Tier')!;
    expect(tiers.rows).toEqual([
      ['Mature', '> 50%', ''],
      ['Healthy', '25–50%', '◀ 38.2%'],
      ['Building', '10–25%', ''],
      ['Capture-only', '< 10%', ''],
    ]);
    expect(md).toContain('Explicit engagement: **24.1%**');
    expect(md).toContain('agree on **78.4%** (95% CI 74.2–82.1%) of the 412 interactions');
  });

  it('says what was filtered, per reason, that the numbers exclude it, and how to see it unfiltered', () => {
    expect(md).toContain('Superseded votes (latest vote wins): **37**');
    const reasons = tables(md).find((t) => t.header[0] === 'Reason')!;
    expect(reasons.rows).toEqual([
      ['bot', '120'],
      ['burst', '14'],
      ['weight-cap', '9'],
      ['flip-flop', '6'],
      ['All reasons', '149'],
    ]);
    expect(md).toContain('The numbers above exclude these signals');
    expect(md).toContain('`feedloop report --unfiltered`');
  });

  it('writes well-formed tables: every row has as many cells as its header', () => {
    for (const report of [weeklyReportFixture(), quietWeekFixture(), withoutSaturday()]) {
      const found = tables(renderReportMarkdown(report));
      expect(found.length).toBeGreaterThanOrEqual(3);
      for (const t of found) {
        expect(cells(t.rule)).toEqual(t.header.map(() => expect.stringMatching(/^-{3}:?$/)));
        for (const row of t.rows) expect(row, `row "${row.join(' | ')}"`).toHaveLength(t.header.length);
      }
    }
  });

  it('never prints NaN, undefined or null, even for a week without any data', () => {
    for (const report of [weeklyReportFixture(), quietWeekFixture(), withoutSaturday()]) {
      for (const text of [renderReportMarkdown(report), renderReportHtml(report)]) {
        expect(text).not.toMatch(/NaN|undefined|\bnull\b|\[object Object\]|Infinity/);
      }
    }
    const quiet = renderReportMarkdown(quietWeekFixture());
    expect(quiet).toContain('Positive rate this week: **—** (n = 0)');
    expect(quiet).toContain('No comparison this week');
  });
});

describe('report.html in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  interface Opened {
    page: Page;
    requests: string[];
    errors: string[];
    dialogs: string[];
  }

  /** Opens the report like a file would be; `bypassCSP` tests the escaping without the CSP's help. */
  async function open(html: string, options: BrowserContextOptions = {}): Promise<Opened> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const opened: Opened = { page, requests: [], errors: [], dialogs: [] };
    page.on('request', (r) => opened.requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') opened.errors.push(m.text());
    });
    page.on('pageerror', (e) => opened.errors.push(e.message));
    page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });
    return opened;
  }

  const html = renderReportHtml(weeklyReportFixture());

  it('loads nothing from anywhere and runs no script, even with the CSP bypassed', async () => {
    for (const bypassCSP of [false, true]) {
      const { page, requests, errors, dialogs } = await open(html, { bypassCSP });
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(await page.locator('script, img, iframe, object, embed, link, [onerror]').count()).toBe(0);
      // The hostile values are there, as text a reader can see.
      expect(await page.locator('tbody td', { hasText: HOSTILE }).first().textContent()).toBe(HOSTILE);
      expect(await page.locator('tbody th', { hasText: HOSTILE }).first().textContent()).toBe(HOSTILE);
      expect(await page.locator('tbody th', { hasText: 'onerror' }).first().textContent()).toBe(HOSTILE_DOC);
      expect(await page.locator('tbody td', { hasText: 'eu-west' }).first().textContent()).toBe(PIPE);
      expect(await page.title()).toBe('Weekly feedback report: Acme & Co support bot');
      await page.context().close();
    }
    expect(html).not.toMatch(/https?:\/\/|url\(|@import|@font-face/);
  });

  it('forbids scripts and outside resources by its own Content-Security-Policy', async () => {
    const { page, errors } = await open(html);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline';/);
    // The policy is in force: a script added later is refused.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__xss = 1';
      document.body.append(script);
    });
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(errors.some((e) => e.includes('Content Security Policy'))).toBe(true);
    await page.context().close();
  });

  it('has the same sections as the Markdown, each table with a caption', async () => {
    const { page } = await open(html);
    expect(await page.locator('h2').allTextContents()).toEqual(SECTIONS);
    const tableCount = await page.locator('table').count();
    expect(tableCount).toBe(tables(renderReportMarkdown(weeklyReportFixture())).length);
    const captions = await page.locator('table > caption').allTextContents();
    expect(captions).toHaveLength(tableCount);
    expect(captions.every((c) => c.trim().length > 0)).toBe(true);
    await page.context().close();
  });

  it('draws a marker per day with votes, a bar per week and an interval per arm, each described', async () => {
    for (const report of [weeklyReportFixture(), withoutSaturday()]) {
      const { page } = await open(renderReportHtml(report));
      const markers = page.locator('#chart-daily-positive-rate svg circle');
      expect(await markers.count()).toBe(DAILY_POINTS_WITH_DATA);
      const tooltips = await markers.locator('title').allTextContents();
      expect(tooltips).toHaveLength(DAILY_POINTS_WITH_DATA);
      expect(tooltips).toContain('Tue 2026-11-17: 75.0% positive, 95% CI 68.6–80.5%, n = 200 votes');
      expect(await page.locator('#chart-daily-positive-rate svg .chart-band').count()).toBeGreaterThan(0);

      expect(await page.locator('#chart-weekly-volume svg rect').count()).toBe(8);
      const bars = await page.locator('#chart-weekly-volume svg rect title').allTextContents();
      expect(bars.at(-1)).toBe('Week of 2026-11-16: 2,029 signals, 801 thumbs votes, 3,326 interactions');

      const plots = page.locator('figure[id^="chart-comparison-"] svg');
      expect(await plots.count()).toBe(2);
      expect(await plots.nth(0).locator('circle').count()).toBe(2);
      expect(await plots.nth(1).locator('circle').count()).toBe(3);
      expect(await plots.nth(1).locator('line.interval-bar').count()).toBe(3);

      const svgs = await page
        .locator('svg')
        .evaluateAll((all) =>
          all.map((s) => ({ role: s.getAttribute('role'), label: s.getAttribute('aria-label') ?? '' })),
        );
      expect(svgs).toHaveLength(4);
      for (const svg of svgs) {
        expect(svg.role).toBe('img');
        expect(svg.label.trim().length).toBeGreaterThan(20);
      }
      await page.context().close();
    }
  });

  it('draws no marker or bar for a week without data, and still describes every chart', async () => {
    const { page, errors } = await open(renderReportHtml(quietWeekFixture()));
    expect(await page.locator('#chart-daily-positive-rate svg circle').count()).toBe(0);
    expect(await page.locator('#chart-daily-positive-rate svg').getAttribute('aria-label')).toContain(
      'no day has thumbs votes',
    );
    expect(await page.locator('#chart-weekly-volume svg rect').count()).toBe(8);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('follows the light or dark preference, and fits a phone screen', async () => {
    const colours: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await open(html, { colorScheme });
      colours.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      await page.context().close();
    }
    expect(colours).toEqual(['rgb(255, 255, 255)', 'rgb(13, 17, 23)']);

    const { page } = await open(html, { viewport: { width: 375, height: 800 } });
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const chartWidth = await page
      .locator('#chart-daily-positive-rate svg')
      .evaluate((s) => s.getBoundingClientRect().width);
    expect(chartWidth).toBeLessThanOrEqual(375);
    expect(chartWidth).toBeGreaterThan(300);
    await page.context().close();
  });

  it('has no accessibility violations (axe), in light and in dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      // The report's CSP forbids scripts, axe included: bypass it for the audit only.
      const { page } = await open(html, { colorScheme, bypassCSP: true });
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }
        ).axe;
        const result = await axe.run();
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect(violations, colorScheme).toEqual([]);
      await page.context().close();
    }
  });
});

describe('release notes in the report', () => {
  it('lists the notes approved this week and the drafts waiting', () => {
    const md = renderReportMarkdown(weeklyReportFixture());
    expect(md).toContain(
      '**Fewer broken citations** — Since version 3 of the support prompt, answers cite working sources.',
    );
    expect(md).toContain('2 drafted notes wait for a decision: `feedloop notes list --status draft`.');
    expect(renderReportMarkdown(quietWeekFixture())).toContain('No release notes were approved this week.');
  });
});

describe('themes in the report', () => {
  it('shows category and theme shares against the week before, or how to make the first run', () => {
    const md = renderReportMarkdown(weeklyReportFixture());
    expect(md).toMatch(/\| broken citations +\| +17\.0% \| +24\.5% \|/);
    expect(md).toContain('(changed significantly)');
    expect(renderReportMarkdown(quietWeekFixture())).toContain('No themes yet. Run `feedloop themes run`');
  });
});
