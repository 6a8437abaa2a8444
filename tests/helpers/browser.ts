/**
 * Real Chromium for browser tests: Debian's chromium driven by playwright-core (Playwright cannot
 * download browsers here), a tiny static page server on its own origin (so requests to the API are
 * real cross-origin requests), and esbuild bundles of TypeScript entry points.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A file of this repository, as an absolute path (for esbuild entry points). */
export const repoPath = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/**
 * Bundles an entry (a path, or `{ contents }` of a module) into one ESM file for the page.
 * `alias` maps package names to paths, e.g. `{ '@feedloop/browser': repoPath('packages/browser/src/index.ts') }`.
 */
export async function bundle(
  entry: string | { contents: string; resolveDir?: string },
  options: { alias?: Record<string, string>; define?: Record<string, string> } = {},
): Promise<string> {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir ?? repoPath('.'), loader: 'ts' } }),
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    alias: options.alias ?? {},
    define: options.define ?? {},
    jsx: 'automatic',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface PageServer {
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

/**
 * Serves `html` at `/` (and any other path given in `pages`), plus `scripts`/`files` by path.
 * Values may be functions, read on every request, so a test can change what the next load gets.
 */
export async function servePage(options: {
  html?: string | (() => string);
  pages?: Record<string, string | (() => string)>;
  scripts?: Record<string, string | (() => string)>;
  files?: Record<string, string | Buffer>;
}): Promise<PageServer> {
  const read = (v: string | (() => string)) => (typeof v === 'function' ? v() : v);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const page = path === '/' ? options.html : options.pages?.[path];
    const script = options.scripts?.[path];
    const file = options.files?.[path];
    const ext = path.slice(path.lastIndexOf('.'));
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(read(page));
    } else if (script !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' });
      res.end(read(script));
    } else if (file !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream' });
      res.end(file);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 10_000, intervalMs = 50, message = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${message}`, { cause: last });
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
