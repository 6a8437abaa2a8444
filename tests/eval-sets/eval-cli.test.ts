/**
 * `feedloop eval` as a user runs it: the built CLI (run `npm run build` first) as real processes on a
 * database it did not create, on every backend — candidates, accept, reject, publish, export — and a
 * bad option named in the error.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '@feedloop/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { backends, tempDir } from '../helpers/backends.js';
import { feedloop } from '../helpers/run-cli.js';
import { CLI_BIN } from '../helpers/serve-process.js';
import { type EvalHistory, ingestEvalHistory, PII_EMAIL } from './eval-history.js';
import { readYaml } from './read-yaml.js';

describe.each(backends())('feedloop eval on $name', (backend) => {
  let history: EvalHistory;
  let storeArgs: string[];
  let env: Record<string, string>;
  const run = (...args: string[]) => feedloop(['eval', ...args, ...storeArgs], env);

  beforeAll(async () => {
    if (!existsSync(CLI_BIN)) throw new Error('Run `npm run build` first: the CLI is tested as built.');
    const location = await backend.freshLocation();
    const store = openStore(location);
    await store.migrate();
    history = await ingestEvalHistory(store);
    await store.close();
    storeArgs = ['--data', location.dataDir];
    env = location.databaseUrl ? { DATABASE_URL: location.databaseUrl } : {};
  });

  it('lists candidates, curates, publishes and exports', async () => {
    const listed = await run('candidates', '--template', 'research', '--limit', '3');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^#1 cite_1 {2}strength 13: 5 down, 1 edit/);
    expect(listed.stdout).toContain('comment:  Citations point to the wrong paper');
    expect(listed.stdout).toMatch(/More: add --cursor \S+/);

    const json = await run('candidates', '--template', 'research', '--json');
    const page = JSON.parse(json.stdout) as { candidates: Array<{ interactionId: string }> };
    expect(page.candidates.map((c) => c.interactionId).sort()).toEqual([...history.cluster].sort());

    const accepted = await run('accept', 'citations', 'cite_0', '--tag', 'citations', '--tag', 'links');
    expect(accepted.stdout).toContain('Accepted cite_0 into eval set "citations" (tags: citations, links).');
    const expectedFile = join(tempDir(), 'expected.txt');
    writeFileSync(expectedFile, `Send the papers to ${PII_EMAIL}.`);
    expect((await run('accept', 'citations', history.piiId, '--expected-file', expectedFile)).code).toBe(0);
    expect((await run('reject', 'citations', 'cite_1', '--reason', 'duplicate')).stdout).toContain(
      'Rejected cite_1 for eval set "citations".',
    );
    const remaining = JSON.parse(
      (await run('candidates', '--template', 'research', '--set', 'citations', '--json')).stdout,
    ) as {
      candidates: Array<{ interactionId: string }>;
    };
    expect(remaining.candidates.map((c) => c.interactionId)).not.toContain('cite_1');
    expect(remaining.candidates).toHaveLength(5);

    const published = await run('publish', 'citations');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('Published eval set "citations" v1: 2 cases.');
    expect(published.stdout).toMatch(/redacted: EMAIL \d/);

    const out = join(tempDir(), 'citations.yaml');
    const exported = await run('export', 'citations', '1', '--format', 'promptfoo', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`Wrote eval set "citations" v1 (promptfoo) to ${out}.`);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).not.toContain(PII_EMAIL);
    const tests = (readYaml(yaml) as { tests: Array<{ metadata: { interactionId: string }; assert: unknown[] }> })
      .tests;
    expect(tests.map((t) => t.metadata.interactionId)).toEqual(['cite_0', history.piiId]);
    expect(tests[1]?.assert).toEqual([{ type: 'similar', value: 'Send the papers to <EMAIL_1>.', threshold: 0.8 }]);

    const stdout = await run('export', 'citations');
    expect(
      stdout.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['citations/v1/1', 'citations/v1/2']);

    const again = await run('publish', 'citations');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'feedloop: Nothing to publish: the draft of eval set "citations" is unchanged since v1.',
    );

    const sets = await run('sets');
    expect(sets.stdout).toContain('citations: 2 accepted, 1 rejected; latest v1');
  });

  it('names a bad option', async () => {
    const bad = await run('candidates', '--limit', '0', '--since', 'yesterday');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('  --since: expected an ISO 8601 date-time');
    expect(bad.stderr).toContain('  --limit: expected a whole number of at least 1');
    const format = await run('export', 'citations', 'latest', '--format', 'csv');
    expect(format.stderr).toContain('  --format: expected one of jsonl, promptfoo, openai-evals');
    const set = await run('accept', 'bad name', 'cite_3', '--expected', 'x');
    expect(set.stderr).toContain('  <set>: expected a set name');
  });
});
