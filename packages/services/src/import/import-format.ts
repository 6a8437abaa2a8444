/** The file formats `importFile` reads, and the parser for each. */
import { hhRlhfLine } from './hh-rlhf-line.js';
import { jsonlLine } from './jsonl-line.js';
import type { LineParser } from './line-items.js';
import { oasstTreeLine } from './oasst-tree.js';

export const IMPORT_FORMATS = ['hh-rlhf', 'oasst', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const LINE_PARSERS: Record<ImportFormat, LineParser> = {
  'hh-rlhf': hhRlhfLine,
  oasst: oasstTreeLine,
  jsonl: jsonlLine,
};

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}
