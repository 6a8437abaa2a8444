/**
 * What a newcomer sees: `feedloop serve` on an empty data folder prints its address, a secret and a public
 * key, and two curl commands that work when pasted into a shell. Later starts keep the data and the keys;
 * SIGTERM shuts down cleanly; FEEDLOOP_INIT_* make the first start scriptable.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backends.js';
import { interaction, signal } from '../helpers/fixtures.js';
import { feedloop } from '../helpers/run-cli.js';
import { HttpClient, type ServeProcess, startServe, stopAllServes } from '../helpers/serve-process.js';

const run = promisify(execFile);

afterEach(stopAllServes);

/** Runs a printed command exactly as a user would paste it. */
async function paste(command: string): Promise<unknown> {
  const { stdout } = await run('bash', ['-c', command], { timeout: 10_000 });
  return JSON.parse(stdout);
}

function countRows(dataDir: string, table: 'projects' | 'api_keys' | 'interactions' | 'signals'): number {
  const db = new BetterSqlite3(join(dataDir, 'feedloop.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * POSTs `body` but sends only half of it, SIGTERMs the server, then sends the rest: the request is in
 * flight when the signal arrives.
 */
function postAcrossSigterm(
  server: ServeProcess,
  key: string,
  body: unknown,
  agent: Agent,
): Promise<{ status: number; body: string; connection: string | undefined }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/v1/batch`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
      },
    );
    req.on('error', reject);
    const half = Math.floor(payload.length / 2);
    req.write(payload.slice(0, half));
    setTimeout(() => {
      process.kill(server.pid, 'SIGTERM');
      setTimeout(() => req.end(payload.slice(half)), 300);
    }, 200);
  });
}

describe('feedloop serve, first start', () => {
  it('prints the address, both keys and two curl commands that work as printed', async () => {
    const data = tempDir();
    const server = await startServe({ args: ['--data', data] });
    const { banner } = server;

    expect(banner.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(banner.port).toBeGreaterThan(0);
    expect(banner.backend).toBe('sqlite');
    expect(banner.secretKey).toMatch(/^fl_sk_[0-9A-Za-z]{20,}$/);
    expect(banner.publicKey).toMatch(/^fl_pk_[0-9A-Za-z]{20,}$/);
    expect(banner.secretKey).not.toBe(banner.publicKey);
    expect(banner.curlCommands).toHaveLength(2);
    const [send, read] = banner.curlCommands as [string, string];
    expect(send).toContain(`${banner.url}/v1/batch`);
    expect(send).toContain(banner.secretKey);
    expect(read).toContain(`${banner.url}/v1/interactions/hello-1`);

    expect(await paste(send)).toEqual({
      results: [
        { id: 'hello-1', status: 'created' },
        { id: 'hello-1-thumbs', status: 'created' },
      ],
    });
    const stored = (await paste(read)) as { id: string; signals: Array<Record<string, unknown>> };
    expect(stored).toMatchObject({ id: 'hello-1', input: 'How do I reset my password?' });
    expect(stored.signals).toHaveLength(1);
    expect(stored.signals[0]).toMatchObject({
      id: 'hello-1-thumbs',
      interactionId: 'hello-1',
      type: 'thumbs',
      kind: 'explicit',
      value: 1,
    });

    // Pasting the first command again stores nothing twice.
    expect(await paste(send)).toEqual({
      results: [
        { id: 'hello-1', status: 'duplicate' },
        { id: 'hello-1-thumbs', status: 'duplicate' },
      ],
    });
    expect(((await paste(read)) as { signals: unknown[] }).signals).toHaveLength(1);
  });

  it('a later start on the same data prints no new keys, keeps the old ones, and SIGTERM exits 0', async () => {
    const data = tempDir();
    const first = await startServe({ args: ['--data', data] });
    const { secretKey, publicKey } = first.banner;
    const item = interaction();
    const thumb = signal(item.id as string, { value: 1 });
    const client = new HttpClient(first.url, secretKey);
    const sent = await client.post('/v1/batch', { interactions: [item], signals: [thumb] });
    client.close();
    expect(sent.status).toBe(200);
    expect(sent.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);

    expect(await first.stop()).toEqual({ code: 0, signal: null });
    expect(first.stdout).toContain('SIGTERM: finishing requests in flight, then closing the database.');
    expect(first.stderr).toBe('');

    const second = await startServe({ args: ['--data', data] });
    expect(second.banner.backend).toBe('sqlite');
    expect(second.banner.secretKey).toBeUndefined();
    expect(second.banner.publicKey).toBeUndefined();
    expect(second.banner.curlCommands).toEqual([]);
    expect(second.stdout).not.toMatch(/fl_(sk|pk)_/);
    expect(second.stdout).toContain('npx feedloop keys list');

    const again = new HttpClient(second.url, secretKey);
    const read = await again.get(`/v1/interactions/${item.id}`);
    expect(read.status).toBe(200);
    expect(read.body.signals.map((s: { id: string; value: number }) => [s.id, s.value])).toEqual([[thumb.id, 1]]);
    // The first start's public key still writes signals.
    const browser = new HttpClient(second.url, publicKey);
    const late = signal(item.id as string, { type: 'copy', kind: 'implicit', value: undefined });
    const viaPublic = await browser.post('/v1/batch', { signals: [late] });
    expect(viaPublic.status).toBe(200);
    expect(viaPublic.body.results).toEqual([{ id: late.id, status: 'created' }]);
    again.close();
    browser.close();

    expect(await second.stop()).toEqual({ code: 0, signal: null });
    // Nothing was created behind the user's back: one project, the two keys from the first start.
    expect(countRows(data, 'projects')).toBe(1);
    expect(countRows(data, 'api_keys')).toBe(2);
    expect(countRows(data, 'interactions')).toBe(1);
    expect(countRows(data, 'signals')).toBe(2);
  });

  it('on SIGTERM answers a request already in flight before exiting 0, and that write is kept', async () => {
    const data = tempDir();
    const server = await startServe({ args: ['--data', data] });
    const { secretKey } = server.banner;
    const item = interaction();
    const thumb = signal(item.id as string, { value: -1 });

    const agent = new Agent({ keepAlive: false });
    const response = await postAcrossSigterm(server, secretKey!, { interactions: [item], signals: [thumb] }, agent);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).results.map((r: { status: string }) => r.status)).toEqual(['created', 'created']);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stdout).toContain('SIGTERM: finishing requests in flight');

    const restarted = await startServe({ args: ['--data', data] });
    const client = new HttpClient(restarted.url, secretKey);
    const read = await client.get(`/v1/interactions/${item.id}`);
    client.close();
    expect(read.status).toBe(200);
    expect(read.body.signals.map((s: { id: string }) => s.id)).toEqual([thumb.id]);
  });

  // BUG (see the report): the connection that carried the in-flight request stays open after its answer
  // (`Connection: keep-alive`), and the server waits for the client to drop it — up to Fastify's 72 s
  // keepAliveTimeout. SDKs keep connections alive, so a supervisor's stop times out and ends in SIGKILL.
  it('on SIGTERM exits promptly after answering in-flight requests, even to a keep-alive client', async () => {
    const server = await startServe({ args: ['--data', tempDir()] });
    const agent = new Agent({ keepAlive: true, timeout: 120_000 });
    try {
      const item = interaction();
      const response = await postAcrossSigterm(server, server.banner.secretKey!, { interactions: [item] }, agent);
      expect(response.status).toBe(200);
      const answeredAt = Date.now();
      const exit = await Promise.race([server.exited, sleep(5_000).then(() => 'still running' as const)]);
      expect(
        exit,
        `still running ${Date.now() - answeredAt} ms after answering (Connection: ${response.connection})`,
      ).toEqual({ code: 0, signal: null });
    } finally {
      agent.destroy();
    }
  });
});

describe('feedloop serve, options', () => {
  it('names a bad interval before opening anything, and takes one from the environment too', async () => {
    const data = join(tempDir(), 'never-opened');
    const flag = await feedloop(['serve', '--data', data, '--theme-assign-every', 'soon']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('--theme-assign-every: expected a whole number of seconds (0 for never), got "soon"');
    const env = await feedloop(['serve', '--data', data], { FEEDLOOP_THEME_ASSIGN_EVERY: '-5' });
    expect(env.code).toBe(1);
    expect(env.stderr).toContain('--theme-assign-every: expected a whole number of seconds (0 for never), got "-5"');
    expect(existsSync(data)).toBe(false);
  });
});

describe('feedloop serve, headless init (FEEDLOOP_INIT_*)', () => {
  const env = {
    FEEDLOOP_INIT_PROJECT: 'Acme Support',
    FEEDLOOP_INIT_SECRET_KEY: 'fl_sk_e2eHeadlessSecret0123456789abcdef',
    FEEDLOOP_INIT_PUBLIC_KEY: 'fl_pk_e2eHeadlessPublic0123456789abcdef',
  };

  it('creates the project with the given keys: the secret key reads and writes, the public key only sends signals', async () => {
    const data = tempDir();
    const server = await startServe({ args: ['--data', data], env });
    // Keys the operator chose are not echoed into logs.
    expect(server.stdout).not.toContain(env.FEEDLOOP_INIT_SECRET_KEY);
    expect(server.stdout).not.toContain(env.FEEDLOOP_INIT_PUBLIC_KEY);
    expect(server.banner.secretKey).toBeUndefined();

    const backend = new HttpClient(server.url, env.FEEDLOOP_INIT_SECRET_KEY);
    const browser = new HttpClient(server.url, env.FEEDLOOP_INIT_PUBLIC_KEY);
    const anonymous = new HttpClient(server.url, undefined);
    const stranger = new HttpClient(server.url, 'fl_sk_notAKeyThisServerKnows0123456789');
    try {
      const item = interaction();
      const logged = await backend.post('/v1/batch', { interactions: [item] });
      expect(logged.status).toBe(200);
      expect(logged.body.results).toEqual([{ id: item.id, status: 'created' }]);

      const thumb = signal(item.id as string, { value: 1 });
      const sent = await browser.post('/v1/batch', { signals: [thumb] });
      expect(sent.status).toBe(200);
      expect(sent.body.results).toEqual([{ id: thumb.id, status: 'created' }]);

      const readByPublic = await browser.get(`/v1/interactions/${item.id}`);
      expect(readByPublic.status).toBe(403);
      expect(readByPublic.body.error.code).toBe('FL_FORBIDDEN');
      const interactionByPublic = await browser.post('/v1/batch', { interactions: [interaction()] });
      expect(interactionByPublic.status).toBe(403);

      expect((await anonymous.get(`/v1/interactions/${item.id}`)).status).toBe(401);
      expect((await stranger.get(`/v1/interactions/${item.id}`)).status).toBe(401);

      const read = await backend.get(`/v1/interactions/${item.id}`);
      expect(read.status).toBe(200);
      expect(read.body.signals.map((s: { id: string; value: number }) => [s.id, s.value])).toEqual([[thumb.id, 1]]);
    } finally {
      for (const c of [backend, browser, anonymous, stranger]) c.close();
    }
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    // Starting again with the same settings changes nothing and the keys keep working.
    const again = await startServe({ args: ['--data', data], env });
    const backendAgain = new HttpClient(again.url, env.FEEDLOOP_INIT_SECRET_KEY);
    const more = interaction();
    const res = await backendAgain.post('/v1/batch', { interactions: [more] });
    backendAgain.close();
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ id: more.id, status: 'created' }]);
    expect(await again.stop()).toEqual({ code: 0, signal: null });

    const db = new BetterSqlite3(join(data, 'feedloop.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT id, name FROM projects').all()).toEqual([
        { id: 'proj_acme-support', name: 'Acme Support' },
      ]);
      expect(db.prepare('SELECT project_id, kind FROM api_keys WHERE revoked_at IS NULL ORDER BY kind').all()).toEqual([
        { project_id: 'proj_acme-support', kind: 'public' },
        { project_id: 'proj_acme-support', kind: 'secret' },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM interactions').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });
});
