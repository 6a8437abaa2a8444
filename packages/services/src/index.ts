export * from './analysis/index.js';
export * from './demo/index.js';
export * from './eval-sets/index.js';
export * from './export/index.js';
export { HH_SKIP_REASONS, hhRlhfLine, hhRowKey } from './import/hh-rlhf-line.js';
export { type HhTranscript, hhTranscript, parseHhTranscript } from './import/hh-transcript.js';
export type { WriteCounts } from './import/import-batcher.js';
export { type ImportOptions, type ImportProgress, importFile } from './import/import-file.js';
export { IMPORT_FORMATS, type ImportFormat, isImportFormat } from './import/import-format.js';
export {
  everyLineInvalid,
  formatImportReport,
  type ImportProblem,
  type ImportReport,
  MAX_REPORTED_PROBLEMS,
} from './import/import-report.js';
export { JSONL_SOURCE, jsonlLine } from './import/jsonl-line.js';
export type { LineItems, LineParser, Located } from './import/line-items.js';
export { OASST_SKIP_REASONS, oasstInteractionId, oasstTreeLine, oasstVoterId } from './import/oasst-tree.js';
export * from './loop/index.js';
export * from './privacy/index.js';
export { renderReportHtml, renderReportMarkdown } from './report/index.js';
export * from './screening/index.js';
export {
  detectRephrases,
  REPHRASE_JOB,
  REPHRASE_WINDOW_MS,
  type RephraseDetectionOptions,
  type RephraseDetectionReport,
  rephraseSignalId,
} from './themes/detect-rephrases.js';
export * from './themes/index.js';
export {
  chatComplete,
  type EmbedOptions,
  embedTextsRemote,
  labelThemeWithLlm,
  MODEL_API_KEY_ENV,
  type ModelCallOptions,
  type ModelChatMessage,
  type ModelEndpoint,
  ModelEndpointError,
  type ModelEndpointErrorCode,
  mapThemeToTaxonomyWithLlm,
  modelEndpointsOf,
} from './themes/model-endpoints.js';
export { isRephrase, REPHRASE_THRESHOLD, rephraseSimilarity } from './themes/rephrase-similarity.js';
