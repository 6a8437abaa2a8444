/**
 * The built dashboard's files, read from disk on demand and kept in memory with their compressed forms
 * (a few hundred kilobytes in all). A file is read again when its modification time changes, so a
 * rebuild while the server runs is picked up.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  /** Hashed file names never change content: cache them for a year. */
  immutable: boolean;
  encoded(encoding: 'br' | 'gzip'): Promise<Buffer | undefined>;
}

export class DashboardAssets {
  readonly #cache = new Map<string, { mtimeMs: number; asset: Asset }>();

  constructor(readonly dir: string | undefined) {}

  /** The file at a URL path (`/assets/index-1a2b.js`), or undefined when there is none. */
  async file(urlPath: string): Promise<Asset | undefined> {
    if (this.dir === undefined) return undefined;
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (relative.includes('\0') || relative.split('/').includes('..')) return undefined;
    const root = resolve(this.dir);
    const path = resolve(root, `.${relative}`);
    if (!path.startsWith(root + sep)) return undefined;
    let mtimeMs: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) return undefined;
      mtimeMs = info.mtimeMs;
    } catch {
      return undefined;
    }
    const hit = this.#cache.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit.asset;
    const asset = makeAsset(await readFile(path), extname(path), relative.startsWith('/assets/'), mtimeMs);
    this.#cache.set(path, { mtimeMs, asset });
    return asset;
  }

  /** The single-page app's shell, served for every client route. */
  index(): Promise<Asset | undefined> {
    return this.file('/index.html');
  }
}

function makeAsset(body: Buffer, ext: string, immutable: boolean, mtimeMs: number): Asset {
  const encodings = new Map<string, Promise<Buffer | undefined>>();
  const compressible = COMPRESSIBLE.has(ext) && body.length > 1024;
  return {
    body,
    type: TYPES[ext] ?? 'application/octet-stream',
    etag: `W/"${body.length.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`,
    immutable,
    encoded(encoding) {
      if (!compressible) return Promise.resolve(undefined);
      let pending = encodings.get(encoding);
      if (!pending) {
        pending =
          encoding === 'br'
            ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
            : gzipAsync(body, { level: 9 });
        encodings.set(encoding, pending);
      }
      return pending;
    },
  };
}
