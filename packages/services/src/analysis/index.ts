export { IMPLICIT_NEGATIVE, IMPLICIT_POSITIVE, signalAgreement } from './agreement.js';
export {
  type AnalysisParameters,
  COHORT_SORTS,
  DEFAULT_RANGE_MS,
  DIMENSION_NAMES,
  DIMENSION_PARAMETERS,
  type DimensionParameter,
  GRANULARITIES,
  ParameterReader,
  parseDay,
  readAlpha,
  readArms,
  readCohortOptions,
  readDimension,
  readFilter,
} from './analysis-request.js';
export { captureRate, captureTier } from './capture-rate.js';
export { cohortMoves, MOVE_DIMENSIONS } from './cohort-moves.js';
export { type CohortOptions, cohorts, DEFAULT_MIN_SUPPORT } from './cohorts.js';
export { ComparisonArmsError, compare, DEFAULT_ALPHA, verdictOf } from './comparison.js';
export { failures, worstDocuments } from './failures.js';
export { bucketStart, nextBucket } from './rollup-cells.js';
export { ANALYSES, type AnalysisCall, type AnalysisName, runAnalysis } from './run-analysis.js';
export { MAX_POINTS, TooManyPointsError, timeSeries } from './time-series.js';
export * from './types.js';
export { buildWeeklyReport, UnknownProjectError, type WeeklyReportOptions } from './weekly-report.js';
