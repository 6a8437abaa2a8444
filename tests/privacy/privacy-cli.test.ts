/**
 * `feedloop forget`, `feedloop retention`, `feedloop projects settings --retention-days` and `feedloop
 * audit` as a user runs them: the built CLI (run `npm run build` first) as a real process on a database
 * it did not create, on every backend.
 */
import { existsSync } from 'node:fs';
import { userSubject } from '@feedloop/services';
import { openStore } from '@feedloop/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.js';
import { feedloop } from '../helpers/run-cli.js';
import { CLI_BIN } from '../helpers/serve-process.js';
import { ingestPrivacyHistory } from './privacy-history.js';

describe.each(backends())('privacy commands on $name', (backend) => {
  let location: { databaseUrl?: string; dataDir: string };
  let projectId: string;
  let run: (...args: string[]) => ReturnType<typeof feedloop>;

  beforeAll(async () => {
    if (!existsSync(CLI_BIN)) throw new Error('Run `npm run build` first: the CLI is tested as built.');
    location = await backend.freshLocation();
    const store = openStore(location);
    await store.migrate();
    projectId = (await ingestPrivacyHistory(store, 'shop')).projectId;
    await store.close();
    const env: Record<string, string> = location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : {};
    run = (...args) => feedloop([...args, '--data', location.dataDir], env);
  });

  it('forgets a user and prints what was removed', async () => {
    const result = await run('forget', '--user', 'ana');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Forgot user ana in project ${projectId}.`);
    expect(result.stdout).toContain('removed: 3 interactions (3 document rows), 19 signals, 5 screening flags');
    expect(result.stdout).toContain('unlinked: 1 regeneration');

    const again = await run('forget', '--user', 'ana', '--project', 'shop', '--json');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report).toMatchObject({ userId: 'ana', removed: { interactions: 0, signals: 0 } });

    const missing = await run('forget', '--project', 'shop');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--user/);
  });

  it('sets a retention period, shows what is due, and purges it with --apply', async () => {
    const set = await run('projects', 'settings', '--retention-days', '30');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ retentionDays: 30 });
    const bad = await run('projects', 'settings', '--retention-days', 'soon');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/whole number of days/);

    // The history lies in one fixed week (see analysis-data.ts): a one-day period makes all of it due.
    const due = await run('retention', '--days', '1');
    expect(due.code).toBe(0);
    expect(due.stdout).toMatch(/Retention 1 days: the text of \d+ interaction\(s\) and \d+ signal\(s\) created before/);
    expect(due.stdout).toContain('Run with --apply');

    const applied = await run('retention', '--days', '1', '--apply', '--json');
    expect(applied.code).toBe(0);
    const report = JSON.parse(applied.stdout);
    expect(report.interactions).toBeGreaterThan(100);
    expect(report.auditIds).toHaveLength(1);
    const store = openStore(location);
    try {
      const left = await store.db
        .selectFrom('interactions')
        .select('id')
        .where('project_id', '=', projectId)
        .where('output', 'is not', null)
        .execute();
      expect(left).toEqual([]);
    } finally {
      await store.close();
    }
    const nothing = await run('retention', '--days', '1', '--apply');
    expect(nothing.stdout).toContain('nothing was due');
  });

  it('prints the audit log: the forgotten user by hash, the setting, the purge', async () => {
    const result = await run('audit');
    expect(result.code).toBe(0);
    const entries = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(entries.map((e) => e.action)).toEqual(['retention', 'settings', 'forget-user', 'forget-user']);
    expect(entries.every((e) => e.actor === 'cli')).toBe(true);
    expect(entries[3].subject).toBe(userSubject(projectId, 'ana'));
    const about = await run('audit', '--user', 'ana', '--action', 'forget-user');
    expect(about.stdout.trim().split('\n')).toHaveLength(2);
  });
});
