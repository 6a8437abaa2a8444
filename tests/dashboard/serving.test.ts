/**
 * How the server serves the dashboard: the shell at `/` and at every app URL, its hashed assets cached
 * for good and compressed, the API's own paths never shadowed, the shell free of data, and a clear 503
 * page when the dashboard has not been built.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { dashboardDir } from '@feedloop/dashboard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backends.js';
import { type RunningFeedloop, startFeedloop } from '../helpers/server.js';

describe('the dashboard at /', () => {
  let fl: RunningFeedloop;
  let notBuilt: RunningFeedloop;

  beforeAll(async () => {
    if (!existsSync(join(dashboardDir, 'index.html'))) throw new Error('Run `npm run build` first.');
    fl = await startFeedloop();
    notBuilt = await startFeedloop({ config: { dashboardDir: tempDir() } });
    await fetch(`${fl.url}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fl.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ interactions: [{ id: 'int_secret_stuff', output: 'confidential answer text' }] }),
    });
  });
  afterAll(async () => {
    await fl.close();
    await notBuilt.close();
  });

  it('serves the app shell at / and at its own URLs, with a strict CSP and no data', async () => {
    for (const path of ['/', '/cohorts?dimension=model', '/interactions/int_secret_stuff', '/settings']) {
      const res = await fetch(`${fl.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      const html = await res.text();
      expect(html, path).toContain('<div id="root"></div>');
      expect(html, path).not.toContain('confidential answer text');
      expect(html, path).not.toContain(fl.secretKey);
    }
  });

  it('serves hashed assets cached for a year, compressed when the client accepts it', async () => {
    const [script] = readdirSync(join(dashboardDir, 'assets')).filter((f) => /^index-.*\.js$/.test(f));
    expect(script).toBeDefined();
    const plain = await fetch(`${fl.url}/assets/${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toContain('text/javascript');
    expect(plain.headers.get('cache-control')).toContain('immutable');
    const body = Buffer.from(await plain.arrayBuffer());

    const res = await fl.app.inject({ url: `/assets/${script}`, headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.rawPayload).equals(body)).toBe(true);
    expect(res.rawPayload.length).toBeLessThan(body.length / 2);

    const again = await fl.app.inject({
      url: `/assets/${script}`,
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('never shadows the API: unknown API paths and missing files are JSON 404s', async () => {
    for (const path of ['/v1/nope', '/v1', '/api/whatever', '/assets/missing.js', '/favicon.ico', '/../package.json']) {
      const res = await fl.app.inject({ url: path });
      expect(res.statusCode, path).toBe(404);
      expect(res.json().error.code, path).toBe('FL_NOT_FOUND');
    }
    expect((await fetch(`${fl.url}/health`)).headers.get('content-type')).toContain('application/json');
    const doc = await (await fetch(`${fl.url}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).some((p) => p === '/' || p.includes('*'))).toBe(false);
    expect((await fetch(`${fl.url}/v1/interactions/int_secret_stuff`)).status).toBe(401);
  });

  it('says how to build the dashboard when it is missing, while the API keeps working', async () => {
    const res = await fetch(`${notBuilt.url}/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('npm run build');
    expect((await fetch(`${notBuilt.url}/cohorts`)).status).toBe(503);
    expect((await fetch(`${notBuilt.url}/health`)).status).toBe(200);
  });
});
