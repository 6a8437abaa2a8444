/**
 * `feedloop export` as a user runs it: the built CLI (run `npm run build` first) as a real process on a
 * database it did not create, on every backend. It writes the same lines as the service, a manifest
 * beside the file, plain progress lines on a non-terminal stderr, and a summary.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportManifest } from '@feedloop/services';
import { openStore } from '@feedloop/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { backends, tempDir } from '../helpers/backends.js';
import { feedloop } from '../helpers/run-cli.js';
import { CLI_BIN } from '../helpers/serve-process.js';
import { ingestHistory } from './export-history.js';
import { collect, request } from './run-export.js';

describe.each(backends())('feedloop export on $name', (backend) => {
  let location: { databaseUrl?: string; dataDir: string };
  let projectId: string;
  let storeArgs: string[];
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(CLI_BIN)) throw new Error('Run `npm run build` first: the CLI is tested as built.');
    location = await backend.freshLocation();
    const store = openStore(location);
    await store.migrate();
    projectId = await ingestHistory(store);
    await store.close();
    storeArgs = ['--data', location.dataDir];
    env = location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : {};
  });

  it('writes the service’s lines to the file and a manifest beside it', async () => {
    const out = join(tempDir(), 'pairs.jsonl');
    const asOf = new Date(Date.now() + 60_000).toISOString();
    const args = ['export', 'dpo', '--format', 'trl', '--out', out, '--tenant', 'acme', '--as-of', asOf, ...storeArgs];
    const result = await feedloop(args, env);
    expect(result.stderr).toContain('export: 28/28 interactions (100%), 9 examples');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote 9 DPO examples (trl) to ${out}; manifest ${out}.manifest.json`);
    expect(result.stdout).toMatch(/by source: .*edit 4/);
    expect(result.stdout).toContain('redacted 5: EMAIL 3, PHONE 2');

    const file = readFileSync(out, 'utf8');
    expect(existsSync(`${out}.partial`)).toBe(false);
    const store = openStore(location);
    try {
      const service = await collect(
        store,
        request(projectId, 'dpo', 'trl', { asOf: Date.parse(asOf), filters: { tenant: 'acme' } }),
      );
      expect(file).toBe(service.text);
    } finally {
      await store.close();
    }

    const manifest = JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')) as ExportManifest;
    expect(manifest).toMatchObject({
      kind: 'dpo',
      format: 'trl',
      file: {
        name: 'pairs.jsonl',
        lines: 9,
        bytes: Buffer.byteLength(file),
        sha256: createHash('sha256').update(file).digest('hex'),
      },
      counts: { written: 9, interactionsScanned: 28 },
      filters: { tenant: 'acme' },
      provenance: { backend: backend.name, projectId, asOf },
      redaction: { total: 5 },
    });
    expect(manifest.invocation).toEqual({
      command: `feedloop ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`,
    });
  });

  it('applies the cap and --no-dedupe from the command line', async () => {
    const out = join(tempDir(), 'sft.jsonl');
    const result = await feedloop(
      ['export', 'sft', '--out', out, '--max-per-user', '1', '--no-dedupe', ...storeArgs],
      env,
    );
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')) as ExportManifest;
    expect(manifest).toMatchObject({
      format: 'openai',
      limits: { maxPerUser: 1, dedupe: { enabled: false } },
      counts: { written: 11, skippedByReason: { 'user-cap': 4 } },
    });
  });

  it.each([
    [['kto', '--format', 'openai'], '"openai" is not a KTO format; use trl, trl-standard'],
    [['dpo', '--since', 'yesterday'], '--since: expected an ISO 8601 date-time'],
    [['dpo', '--max-per-user', '0'], '--max-per-user: expected a whole number of at least 1'],
    [
      ['dpo', '--since', '2026-11-21T00:00:00Z', '--until', '2026-11-20T00:00:00Z'],
      '--until: expected a time after --since',
    ],
    [['dpo', '--project', 'nope'], 'No project "nope"'],
    [['rlhf'], 'Unknown export kind "rlhf"'],
  ])('refuses %j with a clear message', async (args, message) => {
    const out = join(tempDir(), 'x.jsonl');
    const result = await feedloop(['export', ...args, '--out', out, ...storeArgs], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });
});
