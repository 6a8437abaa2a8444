/**
 * `feedloop import` as a user runs it: the built CLI as a real process on a fresh data folder (run
 * `npm run build` first). It prints a summary and exits 0; it exits non-zero when the file cannot be read
 * or when every line is invalid.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backends.js';
import { CLI_BIN } from '../helpers/serve-process.js';

const OASST = fileURLToPath(new URL('../../../shared/data/oasst/en_100_tree.jsonl', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with none of the runner's FEEDLOOP_* or DATABASE_URL settings leaking in. */
function feedloop(args: string[]): Promise<Run> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run \`npm run build\` first.`);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(FEEDLOOP_|DATABASE_URL$)/.test(name)),
  );
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function count(dataDir: string, sql: string): number {
  const db = new BetterSqlite3(join(dataDir, 'feedloop.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('feedloop import (built CLI)', () => {
  it('imports into a fresh data folder, prints a summary, and adds nothing the second time', async () => {
    const data = tempDir();
    const first = await feedloop(['import', '--format', 'oasst', OASST, '--data', data]);
    expect(first.code).toBe(0);
    // No project yet: the import makes the one `serve` would, and shows its keys once.
    expect(first.stderr).toMatch(/Created project "default" \(proj_default\)/);
    expect(first.stderr).toMatch(/secret key \(server side, reads\):\s+fl_sk_/);
    expect(first.stdout).toContain('Imported into project "default" (proj_default):');
    expect(first.stdout).toContain('100 lines of oasst');
    expect(first.stdout).toMatch(/interactions\s+670 created, 0 duplicate/);
    expect(first.stdout).toMatch(/signals\s+1,958 created, 0 duplicate/);
    expect(first.stdout).toContain('17 × oasst: synthetic (model-written) assistant message: not imported');
    expect(first.stdout).toMatch(/invalid lines\s+0/);
    expect(count(data, 'SELECT count(*) AS n FROM interactions')).toBe(670);

    const second = await feedloop(['import', '--format', 'oasst', OASST, '--data', data, '--project', 'default']);
    expect(second.code).toBe(0);
    expect(second.stderr).not.toContain('Created project');
    expect(second.stdout).toMatch(/interactions\s+0 created, 670 duplicate/);
    expect(second.stdout).toMatch(/signals\s+0 created, 1,958 duplicate/);
    expect(count(data, 'SELECT count(*) AS n FROM signals')).toBe(1958);
  });

  it('exits non-zero when the file cannot be read', async () => {
    const data = tempDir();
    const run = await feedloop(['import', '--format', 'jsonl', join(data, 'missing.jsonl'), '--data', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^feedloop: .*ENOENT.*missing\.jsonl/m);
    expect(run.stderr).not.toContain('Created project');
  });

  it('reports bad lines and exits 0 while some are good; exits non-zero when all are bad', async () => {
    const data = tempDir();
    const mixed = join(data, 'mixed.jsonl');
    writeFileSync(mixed, '{"interaction": {"id": "c1", "output": "hi"}}\n{"signal": {"id": "s1", "type": "thumbs"}}\n');
    const ok = await feedloop(['import', '--format', 'jsonl', mixed, '--data', data]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/interactions\s+1 created/);
    expect(ok.stdout).toMatch(/invalid lines\s+1/);
    expect(ok.stdout).toContain('line 2: signal.interactionId:');

    const bad = join(data, 'bad.jsonl');
    writeFileSync(bad, 'not json\n{"signal": 1}\n');
    const failed = await feedloop(['import', '--format', 'jsonl', bad, '--data', data]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/invalid lines\s+2/);
    expect(failed.stderr).toContain('Every line of');
  });

  it('refuses an unknown format or project', async () => {
    const data = tempDir();
    const format = await feedloop(['import', '--format', 'csv', OASST, '--data', data]);
    expect(format.code).not.toBe(0);
    expect(format.stderr).toContain("option '--format <format>' argument 'csv' is invalid");
    const project = await feedloop(['import', '--format', 'oasst', OASST, '--data', data, '--project', 'nope']);
    expect(project.code).toBe(1);
    expect(project.stderr).toContain('No project "nope".');
  });
});
