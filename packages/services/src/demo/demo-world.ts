/**
 * The made-up company the demo history is about: its tenants (customers) and their languages, the four AI
 * features, two models in an A/B test, the prompt templates and when their new versions roll out, and the
 * planted effects (how often each arm fails, and how).
 */
export const DEMO_LANGUAGES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type DemoLanguage = (typeof DEMO_LANGUAGES)[number];

export const DEMO_FEATURES = ['support-chat', 'search', 'summarize', 'code-assist'] as const;
export type DemoFeature = (typeof DEMO_FEATURES)[number];

export const DEMO_MODELS = ['atlas-large', 'atlas-mini'] as const;
export type DemoModel = (typeof DEMO_MODELS)[number];

/** The ways an answer goes wrong. The first six are the themes a user of the demo should find. */
export const FAILURE_THEMES = [
  'broken-citations',
  'too-verbose',
  'outdated-info',
  'wrong-format',
  'refused-incorrectly',
  'hallucinated-numbers',
  'wrong-answer',
  'buggy-code',
] as const;
export type FailureTheme = (typeof FAILURE_THEMES)[number];

export interface DemoTenant {
  id: string;
  /** Share of all traffic: a few big customers and a long tail. */
  volume: number;
  languages: Partial<Record<DemoLanguage, number>>;
  /** Added to the failure probability: some customers ask harder questions. */
  difficulty: number;
}

export const DEMO_TENANTS: readonly DemoTenant[] = [
  { id: 'northwind', volume: 0.34, languages: { en: 0.82, de: 0.08, es: 0.1 }, difficulty: 0 },
  { id: 'acme-corp', volume: 0.22, languages: { en: 0.9, fr: 0.05, es: 0.05 }, difficulty: 0.01 },
  { id: 'brauhaus-gmbh', volume: 0.13, languages: { de: 0.85, en: 0.15 }, difficulty: 0.02 },
  { id: 'maison-lumiere', volume: 0.11, languages: { fr: 0.8, en: 0.2 }, difficulty: 0 },
  { id: 'sakura-denki', volume: 0.09, languages: { ja: 0.85, en: 0.15 }, difficulty: 0.03 },
  { id: 'solaris-viajes', volume: 0.07, languages: { es: 0.8, en: 0.2 }, difficulty: -0.01 },
  { id: 'pixelforge', volume: 0.04, languages: { en: 1 }, difficulty: -0.02 },
];

/** How often each feature is someone's main use of the product. */
export const FEATURE_SHARE: Record<DemoFeature, number> = {
  'support-chat': 0.38,
  search: 0.27,
  summarize: 0.18,
  'code-assist': 0.17,
};

export const MODEL_VERSION: Record<DemoModel, string> = {
  'atlas-large': '2026-08-12',
  'atlas-mini': '2026-10-01',
};

/** The A/B split: the share of sessions routed to the large model. */
export const LARGE_MODEL_SHARE = 0.5;

/** The planted model difference: the small model fails this much more often (≈ 8 points of thumbs). */
export const MINI_EXTRA_FAILURE = 0.09;

export const LATENCY_MS: Record<DemoModel, number> = { 'atlas-large': 1900, 'atlas-mini': 650 };

/** A prompt version and where in the history (0 = start, 1 = now) it starts to replace the one before. */
export interface PromptRelease {
  version: string;
  rolloutAt: number;
  /** Days from the first session on the new version to every session on it. */
  rampDays: number;
  /** Failure themes this version fixes, and the share of those failures it prevents. */
  fixes?: Partial<Record<FailureTheme, number>>;
  /** A regression: extra failure probability, all of one theme. */
  regression?: { theme: FailureTheme; extraFailure: number };
}

export interface PromptTemplate {
  name: string;
  releases: readonly PromptRelease[];
  baseFailure: number;
  /** Which theme a failure of this template has, before any version's fixes. */
  themes: Partial<Record<FailureTheme, number>>;
}

export const PROMPT_TEMPLATES: Record<DemoFeature, PromptTemplate> = {
  'support-chat': {
    name: 'support-answer',
    releases: [
      { version: 'v1', rolloutAt: 0, rampDays: 0 },
      // v2 asks for shorter answers: most too-verbose failures go away.
      { version: 'v2', rolloutAt: 0.3, rampDays: 2, fixes: { 'too-verbose': 0.7 } },
    ],
    baseFailure: 0.14,
    themes: {
      'broken-citations': 0.45,
      'too-verbose': 0.16,
      'outdated-info': 0.12,
      'wrong-format': 0.04,
      'refused-incorrectly': 0.11,
      'hallucinated-numbers': 0.08,
      'wrong-answer': 0.29,
    },
  },
  search: {
    name: 'search-rag',
    releases: [
      { version: 'v2', rolloutAt: 0, rampDays: 0 },
      // v3 makes the model cite only the passages it was given: the broken-citation theme disappears.
      { version: 'v3', rolloutAt: 0.55, rampDays: 4, fixes: { 'broken-citations': 0.95 } },
    ],
    baseFailure: 0.17,
    themes: {
      'broken-citations': 0.66,
      'too-verbose': 0.05,
      'outdated-info': 0.1,
      'wrong-format': 0.05,
      'refused-incorrectly': 0.06,
      'hallucinated-numbers': 0.07,
      'wrong-answer': 0.25,
    },
  },
  summarize: {
    name: 'summarize-doc',
    releases: [
      { version: 'v4', rolloutAt: 0, rampDays: 0 },
      // v5 was meant to be friendlier; it also stopped following "in bullet points".
      { version: 'v5', rolloutAt: 0.72, rampDays: 2, regression: { theme: 'wrong-format', extraFailure: 0.07 } },
    ],
    baseFailure: 0.12,
    themes: {
      'too-verbose': 0.2,
      'wrong-format': 0.16,
      'hallucinated-numbers': 0.3,
      'refused-incorrectly': 0.07,
      'outdated-info': 0.02,
      'wrong-answer': 0.25,
    },
  },
  'code-assist': {
    name: 'code-complete',
    releases: [{ version: 'v7', rolloutAt: 0, rampDays: 0 }],
    baseFailure: 0.16,
    themes: {
      'buggy-code': 0.36,
      'wrong-format': 0.18,
      'too-verbose': 0.12,
      'outdated-info': 0.1,
      'refused-incorrectly': 0.07,
      'wrong-answer': 0.17,
    },
  },
};

/** Extra failure probability in each language: the models are weaker outside English. */
export const LANGUAGE_DIFFICULTY: Record<DemoLanguage, number> = { en: 0, de: 0.02, fr: 0.02, es: 0.02, ja: 0.05 };

/** How people react. Explicit feedback is rare and leans negative (people complain more than praise). */
export const REACTIONS = {
  vote: { good: 0.3, bad: 0.46 },
  up: { good: 0.95, bad: 0.1 },
  /** Of voters: change their vote a little later, or take it back. */
  changeVote: 0.03,
  takeBack: 0.015,
  comment: { up: 0.07, down: 0.42, silent: 0.03 },
  rating: 0.1,
  dwell: 0.05,
  copy: { good: 0.06, bad: 0.02 },
  share: 0.015,
  regenerate: 0.3,
  rephrase: 0.35,
  abandon: 0.25,
  edit: { good: 0.05, bad: 0.25 },
  accept: { good: 0.28, bad: 0.05 },
  reject: { good: 0.03, bad: 0.3 },
  outcome: 0.6,
} as const;

/** Star weights for 1..5 after a good and after a bad answer. */
export const RATING_WEIGHTS = {
  good: { '3': 0.12, '4': 0.43, '5': 0.42, '2': 0.03 },
  bad: { '1': 0.38, '2': 0.34, '3': 0.2, '4': 0.06, '5': 0.02 },
} as const;

/** Interactions per session (1–6), before regenerations are counted. */
export const SESSION_LENGTH = { '1': 0.38, '2': 0.25, '3': 0.15, '4': 0.1, '5': 0.07, '6': 0.05 } as const;

/** Relative traffic per UTC hour for people working in each language (time zones). */
export function hourWeight(language: DemoLanguage, hour: number): number {
  const peak = language === 'ja' ? 3 : language === 'en' ? 16 : 10;
  const distance = Math.min(Math.abs(hour - peak), 24 - Math.abs(hour - peak));
  return 0.08 + Math.exp(-(distance * distance) / 18);
}

/** Relative traffic per weekday (0 = Sunday): quiet weekends. */
export const WEEKDAY_WEIGHT = [0.38, 1.05, 1.1, 1.08, 1.02, 0.9, 0.42] as const;
