/**
 * `feedloop projects settings` as a user runs it: the built CLI as a real process (run `npm run build`
 * first) on a fresh SQLite data folder; what it sets is what the server reads.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createProject, getProjectSettings, openStore } from '@feedloop/store';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backends.js';
import { CLI_BIN } from '../helpers/serve-process.js';

function feedloop(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run \`npm run build\` first.`);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(FEEDLOOP_|DATABASE_URL$)/.test(name)),
  );
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('feedloop projects settings', () => {
  it('turns the token requirement on and off, and refuses a value that is not a boolean', async () => {
    const data = tempDir();
    const store = openStore({ dataDir: data });
    await store.migrate();
    const project = await createProject(store.db, { name: 'shop' });
    await store.close();

    const on = await feedloop([
      'projects',
      'settings',
      '--data',
      data,
      '--project',
      'shop',
      '--require-tokens',
      'true',
    ]);
    expect(on.code).toBe(0);
    expect(JSON.parse(on.stdout)).toMatchObject({ requireTokens: true });
    const shown = await feedloop(['projects', 'settings', '--data', data]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ requireTokens: true });
    const bad = await feedloop(['projects', 'settings', '--data', data, '--require-tokens', 'yes']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/expected true or false/);
    const off = await feedloop(['projects', 'settings', '--data', data, '--require-tokens', 'false']);
    expect(JSON.parse(off.stdout)).toMatchObject({ requireTokens: false });

    const reopened = openStore({ dataDir: data });
    try {
      expect(await getProjectSettings(reopened.db, project.id)).toMatchObject({ requireTokens: false });
    } finally {
      await reopened.close();
    }
    const missing = await feedloop(['projects', 'settings', '--data', data, '--project', 'nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/No project "nope"/);
  });
});
