import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Store } from '@feedloop/store';
import type { ExportManifest } from './export-manifest.js';
import type { ExportRequest } from './export-request.js';
import { ExportRun, type ExportRunOptions } from './export-run.js';

export interface ExportToFileOptions extends ExportRunOptions {
  /** Called once, before the first page, with the number of interactions the export will scan. */
  onTotal?: (total: number) => void;
  /** Called after each page with the number of anchor interactions scanned so far and examples written. */
  onProgress?: (progress: { scanned: number; written: number }) => void;
}

/** Where the manifest of `out` goes: beside it, as `<out>.manifest.json`. */
export const manifestPath = (out: string) => `${out}.manifest.json`;

/**
 * Runs an export into `out` and writes its manifest beside it. Lines go to `<out>.partial`, respecting
 * the stream's backpressure, and the file is renamed into place only when complete, so a crash never
 * leaves a truncated file under the final name.
 *
 * @example
 * const manifest = await exportToFile(store, request, 'pairs.jsonl'); // also writes pairs.jsonl.manifest.json
 */
export async function exportToFile(
  store: Store,
  request: ExportRequest,
  out: string,
  options: ExportToFileOptions = {},
): Promise<ExportManifest> {
  const run = new ExportRun(store, request, options);
  if (options.onTotal) options.onTotal(await run.countInteractions());
  const partial = `${out}.partial`;
  const stream = createWriteStream(partial);
  const sha256 = createHash('sha256');
  let lines = 0;
  try {
    for await (const { text, scanned, written } of run.pages()) {
      options.onProgress?.({ scanned, written });
      if (!text) continue;
      sha256.update(text);
      lines += countNewlines(text);
      if (!stream.write(text)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, out);
  const manifest: ExportManifest = {
    ...run.manifest(),
    file: { name: basename(out), lines, bytes: stream.bytesWritten, sha256: sha256.digest('hex') },
  };
  await writeFile(manifestPath(out), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function countNewlines(chunk: string): number {
  let n = 0;
  for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) n++;
  return n;
}
