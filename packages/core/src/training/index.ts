/** Training-data export formats and their validators: pure, universal (no `node:*`). */
export {
  ALL_EXPORT_FORMATS,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  type ExportFormat,
  type ExportFormatOf,
  type ExportKind,
  isExportKind,
  isFormatOf,
} from './export-formats.js';
export type {
  ConversationalPreferenceLine,
  DpoLine,
  OpenAiPreferenceLine,
  StandardPreferenceLine,
} from './format-dpo.js';
export { formatDpo } from './format-dpo.js';
export type { ConversationalUnpairedLine, KtoLine, StandardUnpairedLine } from './format-kto.js';
export { formatKto } from './format-kto.js';
export type { ConversationalCompletionLine, MessagesLine, SftLine, StandardCompletionLine } from './format-sft.js';
export { formatSft } from './format-sft.js';
export { LINE_REJECTIONS, type LineCheck, type LineRejection } from './line-check.js';
export { type PromptResult, promptMessages } from './prompt-messages.js';
export { type RecordRedactor, redactExample } from './redact-example.js';
export { renderPrompt } from './render-transcript.js';
export { type ExampleOf, TRAINING_CODECS, type TrainingCodec } from './training-codecs.js';
export {
  type PreferenceExample,
  type SftExample,
  TRAINING_ROLES,
  type TrainingMessage,
  type TrainingRole,
  type UnpairedExample,
} from './training-example.js';
export { validateDpoLine } from './validate-dpo.js';
export { validateKtoLine } from './validate-kto.js';
export { validateLine, validatePrompt } from './validate-line.js';
export { validateSftLine } from './validate-sft.js';
