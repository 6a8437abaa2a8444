/**
 * `feedloop demo`: a server full of synthetic feedback to look around in. It keeps to its own data folder
 * (`.feedloop-demo`, never the real `.feedloop`, and never DATABASE_URL), creates the "demo" project with
 * keys, loads a generated history when the project is empty, then serves exactly as `feedloop serve` does.
 * `--no-serve` only loads.
 */
import { FeedloopError } from '@feedloop/core';
import {
  type DemoHistoryOptions,
  type DemoLoadProgress,
  demoRange,
  draftReleaseNotes,
  loadDemoHistory,
  runThemes,
  type ScreeningReport,
  screenProject,
} from '@feedloop/services';
import { listProjects, type Store } from '@feedloop/store';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { type Bootstrap, bootstrap } from '../bootstrap.js';
import { openMigratedStore } from '../store-options.js';
import { addListenOptions, checkListenOptions, type ListenOptions, listenUntilStopped } from './serve.js';

const DEMO_PROJECT = 'demo';
const DEMO_PROJECT_ID = `proj_${DEMO_PROJECT}`;

export interface DemoOptions extends ListenOptions {
  data: string;
  weeks: string;
  scale: string;
  seed: string;
  serve: boolean;
}

function numberOption(field: string, value: string, valid: (n: number) => boolean, expected: string): number {
  const n = Number(value);
  if (value.trim() === '' || !valid(n)) {
    throw new FeedloopError('FL_VALIDATION', 'The demo options are malformed.', {
      details: [{ field, reason: `expected ${expected}, got "${value}"` }],
    });
  }
  return n;
}

const thousands = (n: number) => n.toLocaleString('en-US');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A bar on a terminal; on a pipe or a log, one plain line every few seconds. */
function progressReporter(): { update(p: DemoLoadProgress): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      stream: process.stderr,
      format: 'loading demo data {bar} {percentage}% | {interactions} interactions | {signals} signals',
      hideCursor: true,
    });
    bar.start(100, 0, { interactions: 0, signals: 0 });
    return {
      update: (p) => bar.update(Math.round(p.fraction * 100), { interactions: p.interactions, signals: p.signals }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update: (p) => {
      if (Date.now() - last < 2000 && p.fraction < 1) return;
      last = Date.now();
      const percent = Math.floor(p.fraction * 100);
      process.stderr.write(`loading demo data: ${p.interactions} interactions, ${p.signals} signals (${percent}%)\n`);
    },
    stop: () => {},
  };
}

function banner(lines: string[]): string {
  const rule = '='.repeat(Math.max(...lines.map((l) => l.length)) + 4);
  return [rule, ...lines.map((l) => `  ${l}`), rule].join('\n');
}

function screeningLine(report: ScreeningReport): string {
  const { superseded = 0, ...abuse } = report.flagged;
  const reasons = Object.entries(abuse)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([reason, n]) => `${reason} ${thousands(n ?? 0)}`);
  const setAside = Object.values(abuse).reduce((sum, n) => sum + (n ?? 0), 0);
  return (
    `The abuse filter set aside ${thousands(setAside)} signals${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}; ` +
    `${thousands(superseded)} votes were replaced by a later vote of the same user.`
  );
}

/** The commands that show what was planted, with this folder and the history's start. */
function whereToLook(data: string, from: number): string {
  const base = `--data ${data.includes(' ') ? `'${data}'` : data} --from ${day(from)}T00:00:00Z`;
  return [
    'What to look at (all of it is planted in the synthetic history):',
    '  atlas-large vs atlas-mini: the large model is rated positive ~8 points more often',
    `    feedloop analyze compare ${base} --dimension model --values atlas-mini,atlas-large`,
    '  search-rag v3 fixed the broken citations of v2',
    `    feedloop analyze compare ${base} --prompt-template search-rag --dimension promptVersion --values v2,v3`,
    '  where it fails: templates, features, and two consistently bad help-center articles',
    `    feedloop analyze failures ${base}`,
    '  satisfaction week by week, and what the abuse filter set aside',
    `    feedloop analyze timeseries ${base} --granularity week`,
    '  the weekly report (Markdown and HTML)',
    `    feedloop report --data ${data} --out report/`,
  ].join('\n');
}

/** The demo project, created with keys on first use. Refuses a folder that holds anything else. */
async function demoProject(store: Store, data: string): Promise<Bootstrap | undefined> {
  const projects = await listProjects(store.db);
  const others = projects.filter((p) => p.id !== DEMO_PROJECT_ID);
  if (others.length > 0) {
    throw new Error(
      `${data} holds other projects (${others.map((p) => p.name).join(', ')}): the demo writes synthetic data only into a folder of its own. Choose another --data.`,
    );
  }
  if (projects.length > 0) return undefined;
  return bootstrap(store, { projectName: DEMO_PROJECT });
}

/** Loads the history when the demo project is empty; returns when the history in the project starts. */
async function loadIfEmpty(store: Store, data: string, history: DemoHistoryOptions): Promise<number> {
  const row = await store.db
    .selectFrom('interactions')
    .where('project_id', '=', DEMO_PROJECT_ID)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min<number>('created_at').as('first')])
    .executeTakeFirstOrThrow();
  if (Number(row.n) > 0) {
    console.log(
      `The demo project already holds ${thousands(Number(row.n))} interactions; loading nothing (delete ${data} to start over).`,
    );
    return Number(row.first);
  }
  const { from, to, weeks, scale, seed } = demoRange(history);
  console.log(`Generating ${weeks} weeks of history (${day(from)} to ${day(to)}), scale ${scale}, seed ${seed}.`);
  const progress = progressReporter();
  const summary = await loadDemoHistory(store, DEMO_PROJECT_ID, history, (p) => progress.update(p)).finally(() =>
    progress.stop(),
  );
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  console.log(
    `Loaded ${thousands(summary.interactions)} interactions and ${thousands(summary.signals)} signals in ${seconds} s.`,
  );
  console.log(screeningLine(await screenProject(store, DEMO_PROJECT_ID)));
  // So the themes and release-notes pages have something to show from the first minute.
  const themes = await runThemes(store, { projectId: DEMO_PROJECT_ID, to, now: to });
  console.log(
    themes.runId === null
      ? `No themes: ${themes.skipped}.`
      : `Clustered ${thousands(themes.poolSize)} failures and comments of the last 4 weeks into ${themes.k} themes.`,
  );
  const notes = await draftReleaseNotes(store, { projectId: DEMO_PROJECT_ID, now: to });
  console.log(`Drafted ${notes.drafted.length} "we improved on …" notes to review.`);
  return from;
}

function printKeys(boot: Bootstrap | undefined): void {
  if (!boot?.secretKey) return;
  console.log(`Created project "${DEMO_PROJECT}". Its keys are shown once:`);
  console.log(`  secret key (server side, reads):   ${boot.secretKey}`);
  if (boot.publicKey) console.log(`  public key (browser, signals only): ${boot.publicKey}`);
}

export function registerDemo(program: Command): void {
  const command = program
    .command('demo')
    .description('run a server on a synthetic feedback history (its own data folder), to look around')
    .addOption(
      new Option('--data <dir>', 'folder for the demo database (never the real one)').default('.feedloop-demo'),
    )
    .option('--weeks <n>', 'weeks of history, ending now', '8')
    .option('--scale <x>', 'volume: 1 is about 20,000 interactions over 8 weeks', '1')
    .option('--seed <n>', 'the same seed gives the same history', '1')
    .option('--no-serve', 'only load the demo data, then exit');
  addListenOptions(command).action(runDemo);
}

/** Loads the demo history into its own folder if empty, then serves it (or exits with `serve: false`). */
export async function runDemo(options: DemoOptions): Promise<void> {
  const history: DemoHistoryOptions = {
    weeks: numberOption('--weeks', options.weeks, (n) => n > 0 && n <= 104, 'a number of weeks above 0, at most 104'),
    scale: numberOption('--scale', options.scale, (n) => n > 0 && n <= 100, 'a number above 0, at most 100'),
    seed: numberOption('--seed', options.seed, Number.isInteger, 'a whole number'),
    now: Date.now(),
  };
  if (options.serve) checkListenOptions(options);
  const store = await openMigratedStore({ data: options.data });
  let serving = false;
  try {
    const boot = await demoProject(store, options.data);
    console.log(
      banner([
        'SYNTHETIC DEMO DATA: generated by `feedloop demo`, not real feedback.',
        `Folder ${options.data}, project "${DEMO_PROJECT}"; every interaction's metadata says synthetic: true.`,
      ]),
    );
    const from = await loadIfEmpty(store, options.data, history);
    if (options.serve) {
      console.log('');
      await listenUntilStopped(store, options, boot);
      serving = true;
    } else {
      printKeys(boot);
    }
    console.log(`\n${whereToLook(options.data, from)}`);
  } finally {
    if (!serving) await store.close();
  }
}
