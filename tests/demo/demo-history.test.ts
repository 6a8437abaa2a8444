/**
 * The demo as a newcomer meets it: a synthetic history loaded on the embedded SQLite store, then read
 * through the same analyses the dashboard, the CLI and the weekly report use. What was planted must be
 * found: the large model is better, every week has data, the abuse filter catches the burst voter and the
 * headless browser and nobody else, the capture rate is plausible, the planted bad articles are the worst
 * documents, v3 of the search prompt stopped the broken-citation complaints. And `feedloop demo` itself,
 * as a process, loads into its own folder and refuses one that holds real projects.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AnalysisFilter,
  BAD_ARTICLES,
  captureRate,
  compare,
  type DemoLoadSummary,
  failures,
  generateDemoHistory,
  loadDemoHistory,
  type ScreeningReport,
  screenProject,
  timeSeries,
} from '@feedloop/services';
import { createProject, listProjects, openStore, type Store } from '@feedloop/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, tempDir } from '../helpers/backends.js';
import { feedloop } from '../helpers/run-cli.js';
import { CLI_BIN } from '../helpers/serve-process.js';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const OPTIONS = { scale: 0.25, seed: 1, now: NOW };
const sqlite = backends().find((b) => b.name === 'sqlite');

describe('the demo history on SQLite', () => {
  let store: Store;
  let projectId: string;
  let summary: DemoLoadSummary;
  let screening: ScreeningReport;
  let filter: AnalysisFilter;

  beforeAll(async () => {
    if (!sqlite) throw new Error('the SQLite backend is always available');
    store = await sqlite.open();
    projectId = (await createProject(store.db, { name: 'demo' })).id;
    summary = await loadDemoHistory(store, projectId, OPTIONS);
    screening = await screenProject(store, projectId);
    filter = { projectId, from: summary.from, to: summary.to };
  });
  afterAll(() => store?.close());

  it('loads eight weeks ending at `now`, about 5,000 interactions at scale 0.25, every one labelled synthetic', async () => {
    expect(summary.to).toBe(NOW);
    expect(summary.from).toBe(NOW - 8 * 7 * 86_400_000);
    expect(summary.interactions).toBeGreaterThan(4500);
    expect(summary.interactions).toBeLessThan(5500);
    const rows = await store.db.selectFrom('interactions').select(['metadata', 'created_at']).execute();
    expect(rows).toHaveLength(summary.interactions);
    for (const row of rows) {
      expect(JSON.parse(row.metadata)).toMatchObject({ synthetic: true, generator: 'feedloop-demo' });
      expect(Number(row.created_at)).toBeGreaterThanOrEqual(summary.from);
      expect(Number(row.created_at)).toBeLessThan(NOW);
    }
    const signals = await store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(signals.n)).toBe(summary.signals);
  });

  it('shows atlas-large rated positive significantly more often than atlas-mini, by several points', async () => {
    const result = await compare(store.db, filter, 'model', ['atlas-mini', 'atlas-large']);
    const [large] = result.comparisons;
    expect(large?.positiveRate.significant).toBe(true);
    expect(large?.positiveRate.difference).toBeGreaterThan(0.05);
    expect(large?.positiveRate.difference).toBeLessThan(0.14);
    expect(large?.verdict).toMatch(/^atlas-large \(.*\) is rated positive more often than atlas-mini/);
  });

  it('has traffic and votes in every week, more on weekdays than at weekends', async () => {
    const weeks = await timeSeries(store.db, filter, 'week');
    expect(weeks.points).toHaveLength(9); // eight weeks ending on a Friday touch nine Monday-weeks
    for (const point of weeks.points) {
      expect(point.measures.interactions).toBeGreaterThan(0);
      expect(point.measures.positiveRate.trials).toBeGreaterThan(0);
    }
    const days = await timeSeries(store.db, filter, 'day');
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (const point of days.points) byWeekday[new Date(point.bucketStart).getUTCDay()] += point.measures.interactions;
    const [sunday = 0, , tuesday = 0] = byWeekday;
    expect(tuesday).toBeGreaterThan(2 * sunday);
  });

  it('has the abuse filter set aside the burst voter’s and the headless browser’s signals, with reasons, and no one else’s', async () => {
    expect(screening.flagged.burst).toBeGreaterThan(0);
    expect(screening.flagged.bot).toBeGreaterThan(0);
    const weeks = await timeSeries(store.db, filter, 'week');
    expect(weeks.filtered.applied).toBe(true);
    expect(Object.keys(weeks.filtered.byReason)).toEqual(expect.arrayContaining(['burst', 'bot']));
    expect(weeks.filtered.superseded).toBeGreaterThan(0);

    const flagged = await store.db
      .selectFrom('signal_flags as f')
      .innerJoin('signals as s', (join) =>
        join.onRef('s.project_id', '=', 'f.project_id').onRef('s.id', '=', 'f.signal_id'),
      )
      .where('f.reason', '!=', 'superseded')
      .select(['s.user_id', 's.value_num', 's.metadata', 'f.reason'])
      .execute();
    const byUser = new Map<string | null, typeof flagged>();
    for (const row of flagged) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
    expect(byUser.size).toBe(2);
    const groups = [...byUser.values()];
    const bot = groups.find((rows) => rows.some((row) => row.reason === 'bot'));
    const burster = groups.find((rows) => rows !== bot);
    // Hundreds of down votes at scale 1; dozens here, all down, on answers the voter never saw.
    expect(burster?.length).toBeGreaterThan(50);
    expect(burster?.every((row) => row.value_num === -1 && row.reason !== 'bot')).toBe(true);
    expect(burster?.some((row) => row.reason === 'burst')).toBe(true);
    expect(
      bot?.every((row) => row.reason === 'bot' && JSON.parse(row.metadata).userAgent.includes('HeadlessChrome')),
    ).toBe(true);

    // Unfiltered, the burst pulls the burst voter's tenant down; filtered, it does not.
    const tenant = { ...filter, where: { tenant: 'acme-corp' } };
    const [kept, all] = await Promise.all([
      timeSeries(store.db, tenant, 'week'),
      timeSeries(store.db, { ...tenant, unfiltered: true }, 'week'),
    ]);
    expect(all.total.positiveRate.trials).toBeGreaterThan(kept.total.positiveRate.trials);
    expect(all.total.positiveRate.estimate ?? 1).toBeLessThan((kept.total.positiveRate.estimate ?? 0) - 0.02);
  });

  it('has a capture rate in the Healthy tier', async () => {
    const capture = await captureRate(store.db, filter);
    expect(capture.tier).toBe('Healthy');
    expect(capture.explicitRate.estimate).toBeGreaterThan(capture.implicitRate.estimate ?? 1);
  });

  it('names the planted bad help-center articles as the worst retrieved documents', async () => {
    const report = await failures(store.db, filter);
    const worst = report.worstDocuments.slice(0, 2).map((d) => d.docId);
    expect(worst.sort()).toEqual([...BAD_ARTICLES].sort());
    expect(report.worstDocuments[0]?.negativeRate.low).toBeGreaterThan(
      report.worstDocuments[2]?.negativeRate.high ?? 1,
    );
  });

  it('shows search-rag v3 stopped the broken-citation complaints of v2', async () => {
    const comments = await store.db
      .selectFrom('signals as s')
      .innerJoin('interactions as i', (join) =>
        join.onRef('i.project_id', '=', 's.project_id').onRef('i.id', '=', 's.interaction_id'),
      )
      .where('i.prompt_template', '=', 'search-rag')
      .where('s.type', '=', 'comment')
      .select(['i.prompt_version', 's.value'])
      .execute();
    const aboutLinks = /link|404|cite|citation|source|lien|enlace|quelle|fuente|リンク|参照|引用/i;
    const share = (version: string) => {
      const texts = comments
        .filter((c) => c.prompt_version === version)
        .map((c) => String(JSON.parse(c.value ?? '""')));
      return texts.filter((t) => aboutLinks.test(t)).length / texts.length;
    };
    expect(share('v2')).toBeGreaterThan(0.12);
    expect(share('v3')).toBeLessThan(share('v2') / 3);
  });

  it('generates the same history for the same seed and `now`, and another for another seed', () => {
    const first = (options: typeof OPTIONS) => generateDemoHistory(options).next().value;
    const a = first(OPTIONS);
    expect(a?.interactions.length).toBeGreaterThan(0);
    expect(first(OPTIONS)).toEqual(a);
    expect(first({ ...OPTIONS, seed: 2 })).not.toEqual(a);
  });

  it('hands the history out in batches of about 2,000 items, each signal after its interaction', () => {
    const seen = new Set<string>();
    let batches = 0;
    for (const batch of generateDemoHistory(OPTIONS)) {
      batches += 1;
      expect(batch.interactions.length + batch.signals.length).toBeLessThan(2100);
      for (const i of batch.interactions) seen.add(i.id);
      for (const s of batch.signals) expect(seen.has(s.interactionId ?? '')).toBe(true);
    }
    expect(batches).toBeGreaterThan(3);
  });
});

describe('feedloop demo --no-serve', () => {
  beforeAll(() => {
    if (!existsSync(CLI_BIN)) throw new Error('Run `npm run build` first: the CLI is tested as built.');
  });

  it('loads the synthetic history into its own folder under a clear banner, once', async () => {
    const data = join(tempDir(), 'demo');
    const first = await feedloop(['demo', '--no-serve', '--data', data, '--scale', '0.1']);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('SYNTHETIC DEMO DATA');
    expect(first.stdout).toMatch(/Loaded [\d,]+ interactions and [\d,]+ signals/);
    expect(first.stdout).toMatch(/The abuse filter set aside \d+ signals \(.*burst.*\)/);
    expect(first.stdout).toMatch(/secret key \(server side, reads\): +fl_sk_/);
    expect(first.stdout).toContain(`feedloop analyze compare --data ${data}`);

    const store = openStore({ dataDir: data });
    try {
      const projects = await listProjects(store.db);
      expect(projects.map((p) => p.name)).toEqual(['demo']);
      const row = await store.db
        .selectFrom('interactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n)).toBeGreaterThan(1500);
    } finally {
      await store.close();
    }

    const again = await feedloop(['demo', '--no-serve', '--data', data, '--scale', '0.1']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('SYNTHETIC DEMO DATA');
    expect(again.stdout).toMatch(/already holds [\d,]+ interactions; loading nothing/);
    expect(again.stdout).not.toContain('secret key');
  });

  it('refuses a folder that holds a real project, and writes nothing to it', async () => {
    const data = tempDir();
    const store = openStore({ dataDir: data });
    await store.migrate();
    await createProject(store.db, { name: 'production' });
    await store.close();

    const result = await feedloop(['demo', '--no-serve', '--data', data, '--scale', '0.1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('holds other projects (production)');
    const after = openStore({ dataDir: data });
    try {
      expect((await listProjects(after.db)).map((p) => p.name)).toEqual(['production']);
      const row = await after.db
        .selectFrom('interactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n)).toBe(0);
    } finally {
      await after.close();
    }
  });

  it('names a bad option', async () => {
    const result = await feedloop(['demo', '--no-serve', '--data', join(tempDir(), 'demo'), '--scale', 'lots']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--scale: expected a number above 0, at most 100, got "lots"');
  });
});
