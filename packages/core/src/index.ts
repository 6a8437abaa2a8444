export { ERROR_CODES, type ErrorCode, FeedloopError } from './errors.js';
export { uuidv7 } from './ids.js';
export {
  type Detection,
  PII_TYPES,
  type PiiType,
  RECOGNIZER_IDS,
  type RecognizerId,
} from './redaction/pii-types.js';
export { mergeReports, type RedactionReport } from './redaction/redaction-report.js';
export {
  createRedactor,
  type RedactedRecord,
  type RedactionSession,
  type Redactor,
  type RedactorOptions,
} from './redaction/redactor.js';
export * from './stats/index.js';
export * from './training/index.js';
export { pointerToPath } from './validation/field-path.js';
export { compileStructuralCheck } from './validation/structural.js';
export { parseTimestamp } from './validation/timestamp.js';
export { type Validated, validateInteraction, validateSignal } from './validation/validate-item.js';
export {
  type ChatMessage,
  type ContextDocument,
  DIMENSIONS,
  type Dimension,
  type Dimensions,
  type InteractionRecord,
  type SignalRecord,
} from './wire/records.js';
export {
  type Batch,
  type BatchResult,
  BatchResultSchema,
  BatchSchema,
  ChatMessageSchema,
  ContextDocumentSchema,
  ID_PATTERN,
  type Interaction,
  InteractionSchema,
  type ItemError,
  ItemErrorSchema,
  type ItemResult,
  ItemResultSchema,
  type ItemStatus,
  MAX_BATCH_ITEMS,
  MAX_BODY_BYTES,
  type Signal,
  SignalSchema,
} from './wire/schemas.js';
export {
  BUILTIN_SIGNAL_KIND,
  BUILTIN_SIGNAL_TYPES,
  type BuiltinSignalType,
  CUSTOM_SIGNAL_TYPE_PATTERN,
  isBuiltinSignalType,
  isCustomSignalType,
  SIGNAL_KINDS,
  type SignalKind,
} from './wire/signal-types.js';
