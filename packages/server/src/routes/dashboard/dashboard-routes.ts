/**
 * The web dashboard at `/`: its built files, and its shell (index.html) for every other path so the
 * app's own URLs (`/cohorts?dimension=model`) can be loaded and shared. The API's paths are never
 * shadowed: an unknown `/v1/…`, `/api/…` or a missing file is the usual JSON 404. Until the dashboard is
 * built, `/` answers 503 with a page saying how to build it.
 *
 * The shell is static and carries no data: everything is read by the app over the API with a secret key.
 */
import { FeedloopError } from '@feedloop/core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type Asset, DashboardAssets } from './dashboard-assets.js';

/** Paths that belong to the API, never to the app. */
const API_PATH = /^\/(v1|api)(\/|$)|^\/(openapi\.json|health)$/;

const SHELL_HEADERS = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    // Observable Plot styles its charts with a <style> element and style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Feedloop dashboard not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2328;background:#fff}
code{background:#f0f2f4;padding:.1em .3em;border-radius:4px}@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}code{background:#21262d}}</style>
</head><body><h1>The dashboard has not been built</h1>
<p>The Feedloop API is running, but the dashboard's files are missing. In the Feedloop folder, run</p>
<pre><code>npm run build</code></pre>
<p>then reload this page. The API itself is available: <a href="/health">/health</a>, <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>`;

async function send(request: FastifyRequest, reply: FastifyReply, asset: Asset, headers: Record<string, string> = {}) {
  void reply
    .header('content-type', asset.type)
    .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('etag', asset.etag)
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff')
    .headers(headers);
  if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
  const accepted = String(request.headers['accept-encoding'] ?? '');
  const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : undefined;
  const encoded = encoding ? await asset.encoded(encoding) : undefined;
  if (encoding && encoded) return reply.header('content-encoding', encoding).send(encoded);
  return reply.send(asset.body);
}

/** Where `npm run build` put the dashboard: the @feedloop/dashboard package's dist folder, if installed. */
async function builtDashboardDir(): Promise<string | undefined> {
  try {
    return (await import('@feedloop/dashboard')).dashboardDir;
  } catch {
    return undefined;
  }
}

export const dashboardRoutes: FastifyPluginAsync<{ dir?: string | undefined }> = async (app, options) => {
  const assets = new DashboardAssets(options.dir ?? (await builtDashboardDir()));

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (API_PATH.test(path)) throw new FeedloopError('FL_NOT_FOUND', `No route ${request.method} ${request.url}.`);
    const file = path === '/' || path === '/index.html' ? undefined : await assets.file(path);
    if (file) return send(request, reply, file);
    // A path with a file extension is a file that is not there; anything else is one of the app's pages.
    if (/\.[a-z0-9]+$/i.test(path)) throw new FeedloopError('FL_NOT_FOUND', `No file ${path}.`);
    const shell = await assets.index();
    if (!shell) {
      return reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
    }
    return send(request, reply, shell, SHELL_HEADERS);
  };

  app.get('/', { schema: { hide: true } }, serve);
  app.get('/*', { schema: { hide: true } }, serve);
};
