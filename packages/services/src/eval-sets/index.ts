export { evidenceOf, MAX_SHOWN_COMMENTS } from './candidate-evidence.js';
export { EVIDENCE_WEIGHTS, type EvidenceCounts, evidenceStrength, rankCandidates } from './candidate-ranking.js';
export {
  CANDIDATE_PARAMETERS,
  type CandidateCursor,
  type CandidateRequest,
  DEFAULT_CANDIDATE_LIMIT,
  decodeCursor,
  encodeCursor,
  MAX_CANDIDATE_LIMIT,
  readCandidateRequest,
} from './candidate-request.js';
export {
  type AcceptCaseInput,
  acceptCase,
  type EditCaseInput,
  editCase,
  type RejectCaseInput,
  rejectCase,
} from './eval-curation.js';
export {
  contextText,
  EVAL_EXPORT_FORMATS,
  type EvalExportFile,
  type EvalExportFormat,
  formatEvalVersion,
  isEvalExportFormat,
  PROMPTFOO_SIMILARITY_THRESHOLD,
} from './eval-export-formats.js';
export {
  CLI_EVAL_FIELDS,
  type EvalFieldNames,
  HTTP_EVAL_FIELDS,
  MAX_TAGS,
  parseVersion,
  SET_NAME_PATTERN,
  TAG_PATTERN,
} from './eval-set-fields.js';
export { getEvalSet, getEvalVersion, listEvalSets, refuseVersionChange } from './eval-set-reads.js';
export type * from './eval-set-types.js';
export { type EvalExportRequest, exportEvalVersion } from './export-eval-version.js';
export { findEvalCandidates } from './find-candidates.js';
export { type PublishOptions, publishEvalSet } from './publish-eval-set.js';
export { toYaml, type YamlValue, yamlString } from './yaml-text.js';
