/**
 * `importFile`: reads a file in one of the import formats line by line, in constant memory, and stores
 * what it holds. Ids come from the content, so importing the same file again adds nothing.
 */
import type { Store } from '@feedloop/store';
import { ImportBatcher } from './import-batcher.js';
import { type ImportFormat, LINE_PARSERS } from './import-format.js';
import { type ImportReport, MAX_REPORTED_PROBLEMS } from './import-report.js';
import { openLines } from './read-lines.js';

export interface ImportProgress {
  /** Lines read so far, blank lines included. */
  lines: number;
  /** Items written so far, created or duplicate. */
  items: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportOptions {
  store: Store;
  projectId: string;
  format: ImportFormat;
  path: string;
  /** Called every 1,000 lines and after each batch is written. */
  onProgress?: (progress: ImportProgress) => void;
  /** About how many items go to the store per transaction. */
  batchSize?: number;
}

const PROGRESS_EVERY_LINES = 1000;

/**
 * Imports a file into a project and reports what was created, what was already there, what was left out
 * and which lines were invalid. Rejects when the file cannot be opened or read; bad lines never do.
 *
 * @example
 * const report = await importFile({ store, projectId, format: 'hh-rlhf', path: 'test.jsonl.gz' });
 * console.log(report.interactions.created);
 */
export async function importFile(options: ImportOptions): Promise<ImportReport> {
  const { store, projectId, format, path, onProgress } = options;
  const parse = LINE_PARSERS[format];
  const source = await openLines(path);
  const batcher = new ImportBatcher(store, projectId, options.batchSize);
  const report: ImportReport = {
    format,
    path,
    lines: 0,
    interactions: batcher.interactions,
    signals: batcher.signals,
    skipped: {},
    invalidLines: 0,
    problems: [],
    problemCount: 0,
  };
  let line = 0;
  const progress = () =>
    onProgress?.({ lines: line, items: batcher.written, bytesRead: source.bytesRead(), totalBytes: source.totalBytes });

  const lines = source.lines[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await lines.next();
      } catch (error) {
        await batcher.flush();
        throw new Error(
          `Reading ${path} failed after line ${line}: ${(error as Error).message}. ` +
            'The lines before it are imported; importing the file again adds only what is missing.',
          { cause: error },
        );
      }
      if (next.done) break;
      line += 1;
      // A byte-order mark would make the first line invalid JSON.
      const text = line === 1 ? next.value.replace(/^\uFEFF/, '') : next.value;
      if (text.trim() === '') continue;
      report.lines += 1;
      const items = parse(text, line);
      for (const reason of items.skipped) report.skipped[reason] = (report.skipped[reason] ?? 0) + 1;
      const problems = batcher.add(items, Date.now());
      if (problems.length > 0) {
        report.invalidLines += 1;
        report.problemCount += problems.length;
        for (const p of problems.slice(0, MAX_REPORTED_PROBLEMS - report.problems.length)) {
          report.problems.push({ line, field: p.field, reason: p.reason });
        }
      }
      if (batcher.full) {
        await batcher.flush();
        progress();
      } else if (line % PROGRESS_EVERY_LINES === 0) progress();
    }
    await batcher.flush();
    progress();
    return report;
  } finally {
    source.close();
  }
}
