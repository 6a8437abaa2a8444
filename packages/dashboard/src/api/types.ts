/**
 * The API's answers, as the server's own packages declare them (type-only imports: nothing of those
 * packages reaches the browser bundle), plus the shapes of the routes the dashboard alone uses.
 */
export type {
  AssignmentReport,
  CaptureRate,
  Cohort,
  CohortMove,
  CohortMoves,
  CohortReport,
  Comparison,
  DraftReport,
  EvalCandidate,
  EvalCandidatePage,
  EvalCase,
  EvalSetDetail,
  EvalSetSummary,
  EvalVersionSummary,
  ExportManifest,
  FilteredSummary,
  Measures,
  PublishResult,
  Rate,
  ThemeConcentration,
  ThemeExample,
  ThemeRunReport,
  ThemeSummary,
  ThemesOverview,
  ThemeTrends,
  ThemeTrendWeek,
  TimeSeries,
  TimeSeriesPoint,
  WeeklyReport,
} from '@feedloop/services';
export type { InteractionSummary, InteractionView, ReleaseNote, SignalView } from '@feedloop/store';

import type { Rate } from '@feedloop/services';
import type { InteractionSummary, InteractionView, SignalView } from '@feedloop/store';

/** `GET /v1/interactions/:id`. */
export type InteractionDetail = InteractionView & { signals: SignalView[] };

/** `GET /v1/interactions`. */
export interface InteractionPage {
  interactions: InteractionSummary[];
  nextCursor: string | null;
}

/** An API key as `GET /v1/keys` lists it. */
export interface ApiKeyView {
  id: string;
  kind: 'secret' | 'public';
  name: string;
  prefix: string;
  allowedOrigins: string[];
  createdAt: string;
  revokedAt: string | null;
  /** The key this dashboard is signed in with. */
  current: boolean;
}

export interface AbuseSettings {
  enabled: boolean;
  burstPerMinute: number;
  votesPerUserPerDay: number;
  unviewedVotesPerWeek: number;
  maxVoteChanges: number;
}

/** `GET /v1/project/settings`. */
export interface ProjectSettings {
  requireTokens: boolean;
  abuse: AbuseSettings;
}

export const EXPORT_FORMATS = {
  sft: ['openai', 'hf', 'trl', 'trl-standard'],
  dpo: ['trl', 'trl-standard', 'openai'],
  kto: ['trl', 'trl-standard'],
} as const;
export type ExportKind = keyof typeof EXPORT_FORMATS;

/** `GET /v1/eval/sets/:name/versions/:version/export?format=…`. */
export const EVAL_EXPORT_FORMATS = [
  { format: 'jsonl', label: 'JSONL' },
  { format: 'promptfoo', label: 'promptfoo' },
  { format: 'openai-evals', label: 'OpenAI evals' },
] as const;
export type EvalExportFormat = (typeof EVAL_EXPORT_FORMATS)[number]['format'];

/** What a drafted release note measured: one version of a prompt or model against the one before it. */
export interface ReleaseNoteEvidence {
  kind: 'prompt' | 'model';
  subject: string;
  from: { version: string; firstSeen: number };
  to: { version: string; firstSeen: number };
  measure: 'positiveRate' | 'rating' | 'regenerateRate' | 'correctionRate';
  before: Rate | { mean: number | null; count: number };
  after: Rate | { mean: number | null; count: number };
  pValue: number;
  /** The level each test had to pass: alpha over the number of tests of the run (Bonferroni). */
  alphaPerTest: number;
  tests: number;
}

/** `GET /v1/release-notes/published`: what the app shows its users. */
export interface PublishedNote {
  id: string;
  title: string;
  body: string;
  /** When it was approved (epoch ms). */
  date: number | null;
}
