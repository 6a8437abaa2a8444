/**
 * What the analyses return. One implementation serves the HTTP API, the CLI and the weekly report, so
 * these shapes are the contract between them (and are mirrored as TypeBox schemas in the server).
 */
/** The dimensions an interaction carries, as rollup columns. */
export const ANALYSIS_DIMENSIONS = [
  'tenant',
  'feature',
  'language',
  'model',
  'model_version',
  'prompt_template',
  'prompt_version',
] as const;
export type AnalysisDimension = (typeof ANALYSIS_DIMENSIONS)[number];

export type Granularity = 'hour' | 'day' | 'week';

/** Which events an analysis covers. `from` inclusive, `to` exclusive, epoch ms. */
export interface AnalysisFilter {
  projectId: string;
  from: number;
  to: number;
  /** Only interactions whose dimension equals the value ('' for "not set"). */
  where?: Partial<Record<AnalysisDimension, string>>;
  /** Count set-aside signals too (abuse filter off); latest-vote-wins still applies. */
  unfiltered?: boolean;
}

/** Counts of one group of events, after latest-vote-wins and (unless unfiltered) the abuse filter. */
export interface Tally {
  interactions: number;
  /** Signal count per type (thumbs, rating, copy, regenerate, edit, ..., custom types). */
  signals: Record<string, number>;
  thumbsUp: number;
  thumbsDown: number;
  /** Ratings per star value ("1".."5"). */
  ratings: Record<string, number>;
  ratingSum: number;
  outcomeSuccess: number;
  outcomeFailure: number;
}

/** A rate with its 95% Wilson interval and the sample it rests on; estimate is null when trials = 0. */
export interface Rate {
  estimate: number | null;
  low: number;
  high: number;
  successes: number;
  trials: number;
}

/** A mean with its 95% bootstrap interval; all null when there is no sample. */
export interface MeanInterval {
  estimate: number | null;
  low: number | null;
  high: number | null;
  count: number;
}

/** The measures every view shows, derived from a Tally. */
export interface Measures {
  interactions: number;
  signals: Record<string, number>;
  /** Thumbs up / (up + down). */
  positiveRate: Rate;
  ratingCount: number;
  ratingMean: number | null;
  ratingDistribution: Record<string, number>;
  /** Edits per interaction. */
  correctionRate: Rate;
  /** Regenerations per interaction. */
  regenerateRate: Rate;
  outcomeSuccessRate: Rate;
}

/** What was set aside, per reason, so every view can say how much was filtered and why. */
export interface FilteredSummary {
  /** Votes replaced by a later vote of the same user on the same interaction (always applied). */
  superseded: number;
  /** Signals set aside by the abuse filter, per reason. Excluded unless the view is unfiltered. */
  byReason: Record<string, number>;
  total: number;
  applied: boolean;
}

export interface TimeSeriesPoint {
  bucketStart: number;
  measures: Measures;
}

export interface TimeSeries {
  granularity: Granularity;
  filter: AnalysisFilter;
  points: TimeSeriesPoint[];
  total: Measures;
  filtered: FilteredSummary;
}

export interface Cohort {
  value: string;
  measures: Measures;
  /** Below the minimum support: shown, but not ranked as best or worst. */
  ranked: boolean;
}

export type CohortSort =
  | 'positiveRate'
  | 'negativeCount'
  | 'ratingMean'
  | 'correctionRate'
  | 'regenerateRate'
  | 'volume';

export interface CohortReport {
  dimension: AnalysisDimension;
  sort: CohortSort;
  /** Minimum thumbs votes for a cohort to be ranked. */
  minSupport: number;
  filter: AnalysisFilter;
  /** Ranked cohorts first (sorted), then the unranked ones by volume. */
  cohorts: Cohort[];
  filtered: FilteredSummary;
}

/** One rate compared between the baseline and another arm. */
export interface RateComparison {
  baseline: Rate;
  other: Rate;
  /** other − baseline. */
  difference: number;
  pValue: number;
  significant: boolean;
  /** Votes per arm a test would need to call this observed difference significant (80% power). */
  samplesNeededPerArm: number | null;
}

export interface RatingComparison {
  baselineMean: MeanInterval;
  otherMean: MeanInterval;
  /** Mann–Whitney, two-sided. */
  pValue: number;
  /** P(a rating from the other arm beats one from the baseline), ties halved. */
  probabilityOtherHigher: number;
  significant: boolean;
}

export interface ArmComparison {
  value: string;
  positiveRate: RateComparison;
  rating: RatingComparison | null;
  regenerateRate: RateComparison;
  correctionRate: RateComparison;
  /** One plain sentence: who is better at what, or that the data cannot tell yet. */
  verdict: string;
}

export interface Comparison {
  dimension: AnalysisDimension;
  baseline: string;
  alpha: number;
  filter: AnalysisFilter;
  arms: Array<{ value: string; measures: Measures }>;
  /** Each non-baseline arm against the baseline. */
  comparisons: ArmComparison[];
  filtered: FilteredSummary;
}

export type CaptureTier = 'Mature' | 'Healthy' | 'Building' | 'Capture-only';

export interface CaptureRate {
  sessions: number;
  sessionsWithImplicit: number;
  sessionsWithExplicit: number;
  implicitRate: Rate;
  explicitRate: Rate;
  tier: CaptureTier;
}

export interface DocumentHealth {
  docId: string;
  source: string | null;
  interactions: number;
  votes: number;
  negative: number;
  negativeRate: Rate;
}

export interface FailureReport {
  filter: AnalysisFilter;
  minSupport: number;
  /** Prompt templates by negative votes, most first. */
  worstTemplates: Cohort[];
  /** Features (query types) by positive rate, lowest first (ranked cohorts only). */
  worstFeatures: Cohort[];
  /** Retrieved documents by negative rate of the votes on interactions that used them. */
  worstDocuments: DocumentHealth[];
  filtered: FilteredSummary;
}

/** Agreement of implicit and explicit evidence on interactions that have both. */
export interface SignalAgreement {
  interactions: number;
  /** Both positive or both negative. */
  agree: number;
  agreementRate: Rate;
  /** Thumbs down where implicit evidence was positive: the negativity bias of explicit ratings. */
  explicitNegativeImplicitPositive: number;
  explicitPositiveImplicitNegative: number;
}

/** A cohort whose positive rate moved significantly from the previous week. */
export interface CohortMove {
  dimension: AnalysisDimension;
  value: string;
  before: Rate;
  after: Rate;
  difference: number;
  pValue: number;
}

/** The cohorts that moved in [from, to) against [previousFrom, from), largest move first. */
export interface CohortMoves {
  from: number;
  to: number;
  previousFrom: number;
  /** Votes a cohort needed in both periods to be checked. */
  minSupport: number;
  moves: CohortMove[];
}

/** Everything the weekly report shows; rendered to Markdown and to self-contained HTML. */
export interface WeeklyReport {
  projectId: string;
  projectName: string;
  /** Monday 00:00 UTC of the reported week, and the Monday after (exclusive). */
  weekStart: number;
  weekEnd: number;
  generatedAt: number;
  /** This week by day. */
  daily: TimeSeries;
  /** The week before, as one total, for "what changed". */
  previousWeek: Measures;
  /** The last eight weeks by week, for the trend charts. */
  weekly: TimeSeries;
  movedCohorts: CohortMove[];
  /** Models and prompt versions side by side (only dimensions with two or more arms with data). */
  comparisons: Comparison[];
  failures: FailureReport;
  capture: CaptureRate;
  agreement: SignalAgreement;
  /** What the abuse filter and latest-vote-wins set aside this week. */
  filtered: FilteredSummary;
  /** The week's failure themes (from the latest clustering run), or null before the first run. */
  themes: {
    poolSize: number;
    noise: number;
    themes: Array<{
      label: string;
      category: string;
      size: number;
      share: Rate;
      previousShare: Rate;
      trendSignificant: boolean;
      example: string | null;
    }>;
    categories: Array<{ category: string; share: Rate; previousShare: Rate }>;
  } | null;
  /** "We improved on X" notes approved this week, and how many drafts wait for a decision. */
  releaseNotes: { approved: Array<{ title: string; body: string; date: number | null }>; draftsWaiting: number };
}
