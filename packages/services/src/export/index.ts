export { commandLine } from './command-line.js';
export { ANONYMOUS, type ContributorFilter, PerUserCap } from './contributor-limits.js';
export { EXAMPLE_SOURCES, type ExampleSource, SELECTION_SKIPS, type SelectionSkip } from './example-candidate.js';
export { DEDUPE_BITS, DEDUPE_HASHES, ExampleDeduper } from './example-deduper.js';
export { type ExportManifest, SELECTION_RULES } from './export-manifest.js';
export {
  type ExportFilters,
  type ExportInvocation,
  type ExportRequest,
  exportTarget,
} from './export-request.js';
export { type ExportPage, ExportRun, type ExportRunOptions } from './export-run.js';
export type { SkipReason } from './export-tally.js';
export { type ExportToFileOptions, exportToFile, manifestPath } from './export-to-file.js';
