/** Runs the built CLI as a user would, with a clean environment: FEEDLOOP_* and DATABASE_URL never leak in. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI_BIN } from './serve-process.js';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function feedloop(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(FEEDLOOP_|DATABASE_URL$)/.test(k)));
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI_BIN, ...args], {
      env: { ...clean, ...env },
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
