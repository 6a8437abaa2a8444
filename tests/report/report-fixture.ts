/**
 * A hand-built `WeeklyReport` for the renderers: a support bot's week of 2026-11-16, with a Saturday
 * without any data, eight weeks of trend, two comparisons, and data values chosen to break things —
 * a cohort named `<script>alert(1)</script>`, one with a `|`, a document id that tries to close an
 * attribute, a project name with `&`. Counts are written by hand; rates and intervals follow from them
 * with the same statistics the analyses use.
 */
import { trialsPerGroupNeeded, twoProportionTest, wilsonInterval } from '@feedloop/core';
import type {
  AnalysisFilter,
  ArmComparison,
  Cohort,
  MeanInterval,
  Measures,
  Rate,
  RateComparison,
  TimeSeries,
  WeeklyReport,
} from '../../packages/services/src/analysis/types.js';

const DAY = 86_400_000;
export const WEEK_START = Date.UTC(2026, 10, 16); // Monday 2026-11-16
const WEEK_END = WEEK_START + 7 * DAY;
const PROJECT = 'proj_support';

export const HOSTILE = '<script>alert(1)</script>';
export const PIPE = 'acme | eu-west';
export const HOSTILE_DOC = '"><img src=x onerror="window.__xss=1">';

export function rate(successes: number, trials: number): Rate {
  const interval = wilsonInterval({ successes, trials });
  return {
    estimate: trials === 0 ? null : interval.estimate,
    low: interval.low,
    high: interval.high,
    successes,
    trials,
  };
}

interface Counts {
  interactions: number;
  up: number;
  down: number;
  /** How many 1-, 2-, 3-, 4- and 5-star ratings. */
  stars?: [number, number, number, number, number];
  edits?: number;
  regenerates?: number;
  copies?: number;
  outcomes?: [success: number, failure: number];
}

export function measures(c: Counts): Measures {
  const stars = c.stars ?? [0, 0, 0, 0, 0];
  const ratingCount = stars.reduce((a, b) => a + b, 0);
  const ratingSum = stars.reduce((sum, n, i) => sum + n * (i + 1), 0);
  const [success, failure] = c.outcomes ?? [0, 0];
  const signals: Record<string, number> = {};
  const add = (type: string, n: number) => {
    if (n > 0) signals[type] = n;
  };
  add('thumbs', c.up + c.down);
  add('rating', ratingCount);
  add('edit', c.edits ?? 0);
  add('regenerate', c.regenerates ?? 0);
  add('copy', c.copies ?? 0);
  add('outcome', success + failure);
  return {
    interactions: c.interactions,
    signals,
    positiveRate: rate(c.up, c.up + c.down),
    ratingCount,
    ratingMean: ratingCount ? ratingSum / ratingCount : null,
    ratingDistribution: Object.fromEntries(stars.map((n, i) => [String(i + 1), n])),
    correctionRate: rate(c.edits ?? 0, c.interactions),
    regenerateRate: rate(c.regenerates ?? 0, c.interactions),
    outcomeSuccessRate: rate(success, success + failure),
  };
}

const filter = (from: number, to: number, extra: Partial<AnalysisFilter> = {}): AnalysisFilter => ({
  projectId: PROJECT,
  from,
  to,
  ...extra,
});

const noneFiltered = { superseded: 0, byReason: {}, total: 0, applied: true };

/** Mon–Sun; Saturday has no data at all (the app was down for maintenance). */
const DAYS: Counts[] = [
  { interactions: 640, up: 96, down: 34, stars: [3, 4, 8, 12, 15], edits: 19, regenerates: 51, copies: 122 },
  { interactions: 700, up: 150, down: 50, stars: [2, 5, 9, 20, 24], edits: 21, regenerates: 49, copies: 140 },
  { interactions: 620, up: 111, down: 49, stars: [4, 6, 8, 14, 13], edits: 25, regenerates: 56, copies: 101 },
  { interactions: 655, up: 98, down: 52, stars: [6, 7, 9, 12, 10], edits: 31, regenerates: 66, copies: 97 },
  { interactions: 590, up: 101, down: 39, stars: [2, 3, 7, 13, 16], edits: 17, regenerates: 41, copies: 118 },
  { interactions: 0, up: 0, down: 0 },
  { interactions: 121, up: 14, down: 7, stars: [0, 1, 2, 3, 3], edits: 4, regenerates: 9, copies: 20 },
];

const sum = (items: Counts[]): Counts => {
  const total = (pick: (c: Counts) => number) => items.reduce((s, c) => s + pick(c), 0);
  return {
    interactions: total((c) => c.interactions),
    up: total((c) => c.up),
    down: total((c) => c.down),
    stars: [0, 1, 2, 3, 4].map((i) => total((c) => c.stars?.[i] ?? 0)) as Counts['stars'],
    edits: total((c) => c.edits ?? 0),
    regenerates: total((c) => c.regenerates ?? 0),
    copies: total((c) => c.copies ?? 0),
  };
};

const THIS_WEEK = sum(DAYS);
const PREVIOUS_WEEK: Counts = {
  interactions: 3100,
  up: 480,
  down: 260,
  stars: [20, 24, 41, 70, 66],
  edits: 140,
  regenerates: 301,
  copies: 560,
};

/** Eight weeks, oldest first, ending with this week. */
const WEEKS: Counts[] = [
  { interactions: 1210, up: 160, down: 92, stars: [8, 9, 14, 20, 18], edits: 61, regenerates: 140, copies: 190 },
  { interactions: 1480, up: 201, down: 110, stars: [9, 11, 17, 26, 22], edits: 70, regenerates: 160, copies: 240 },
  { interactions: 1905, up: 262, down: 140, stars: [12, 14, 22, 33, 30], edits: 88, regenerates: 190, copies: 310 },
  { interactions: 2230, up: 318, down: 170, stars: [14, 17, 27, 41, 38], edits: 101, regenerates: 222, copies: 381 },
  { interactions: 2610, up: 377, down: 201, stars: [16, 19, 31, 52, 47], edits: 117, regenerates: 250, copies: 455 },
  { interactions: 2890, up: 431, down: 229, stars: [18, 22, 37, 61, 58], edits: 129, regenerates: 280, copies: 502 },
  PREVIOUS_WEEK,
  THIS_WEEK,
];

export const DAILY_POINTS_WITH_DATA = DAYS.filter((d) => d.up + d.down > 0).length;

function series(granularity: 'day' | 'week', start: number, step: number, counts: Counts[]): TimeSeries {
  return {
    granularity,
    filter: filter(start, start + counts.length * step),
    points: counts.map((c, i) => ({ bucketStart: start + i * step, measures: measures(c) })),
    total: measures(sum(counts)),
    filtered: noneFiltered,
  };
}

function compareRates(baseline: Rate, other: Rate, alpha: number): RateComparison {
  const test = twoProportionTest(baseline, other);
  const needed =
    baseline.estimate === null || other.estimate === null
      ? null
      : trialsPerGroupNeeded(baseline.estimate, other.estimate, alpha);
  return {
    baseline,
    other,
    difference: (other.estimate ?? 0) - (baseline.estimate ?? 0),
    pValue: test.pValue,
    significant: test.pValue < alpha,
    samplesNeededPerArm: needed !== null && Number.isFinite(needed) ? needed : null,
  };
}

function armComparison(
  baseline: Measures,
  arm: { value: string; measures: Measures },
  alpha: number,
  verdict: string,
  rating: ArmComparison['rating'],
): ArmComparison {
  return {
    value: arm.value,
    positiveRate: compareRates(baseline.positiveRate, arm.measures.positiveRate, alpha),
    rating,
    regenerateRate: compareRates(baseline.regenerateRate, arm.measures.regenerateRate, alpha),
    correctionRate: compareRates(baseline.correctionRate, arm.measures.correctionRate, alpha),
    verdict,
  };
}

const gptX = measures({
  interactions: 1650,
  up: 262,
  down: 122,
  stars: [9, 13, 21, 38, 40],
  edits: 70,
  regenerates: 150,
});
const claudeY = measures({
  interactions: 1675,
  up: 309,
  down: 107,
  stars: [8, 13, 22, 36, 41],
  edits: 47,
  regenerates: 121,
});
export const MODEL_VERDICT =
  'claude-y needs fewer regenerations and corrections than gpt-x; its higher positive rate (74.3% vs 68.2%) is not significant yet.';

const v12 = measures({
  interactions: 2100,
  up: 362,
  down: 148,
  stars: [12, 18, 30, 50, 52],
  edits: 80,
  regenerates: 190,
});
const v13 = measures({ interactions: 1100, up: 196, down: 70, stars: [5, 7, 12, 22, 26], edits: 34, regenerates: 76 });
const v14 = measures({ interactions: 125, up: 13, down: 11, edits: 3, regenerates: 5 });
export const PROMPT_VERDICT_14 = 'The data cannot tell prompt version 14 from 12 yet: it has only 24 votes.';

const ALPHA = 0.05;

export function weeklyReportFixture(): WeeklyReport {
  const weeklyStart = WEEK_START - 7 * 7 * DAY;
  return {
    projectId: PROJECT,
    projectName: 'Acme & Co support bot',
    weekStart: WEEK_START,
    weekEnd: WEEK_END,
    generatedAt: Date.UTC(2026, 10, 23, 6, 0),
    daily: series('day', WEEK_START, DAY, DAYS),
    previousWeek: measures(PREVIOUS_WEEK),
    weekly: series('week', weeklyStart, 7 * DAY, WEEKS),
    movedCohorts: [
      {
        dimension: 'tenant',
        value: HOSTILE,
        before: rate(60, 100),
        after: rate(82, 100),
        difference: 0.22,
        pValue: 0.0006,
      },
      {
        dimension: 'tenant',
        value: PIPE,
        before: rate(140, 200),
        after: rate(110, 200),
        difference: -0.15,
        pValue: 0.0021,
      },
      {
        dimension: 'language',
        value: '',
        before: rate(40, 80),
        after: rate(61, 85),
        difference: 0.2176,
        pValue: 0.0043,
      },
    ],
    comparisons: [
      {
        dimension: 'model',
        baseline: 'gpt-x',
        alpha: ALPHA,
        filter: filter(WEEK_START, WEEK_END),
        arms: [
          { value: 'gpt-x', measures: gptX },
          { value: 'claude-y', measures: claudeY },
        ],
        comparisons: [
          armComparison(gptX, { value: 'claude-y', measures: claudeY }, ALPHA, MODEL_VERDICT, {
            baselineMean: meanOf(gptX, 0.2),
            otherMean: meanOf(claudeY, 0.2),
            pValue: 0.83,
            probabilityOtherHigher: 0.508,
            significant: false,
          }),
        ],
        filtered: noneFiltered,
      },
      {
        dimension: 'prompt_version',
        baseline: '12',
        alpha: ALPHA,
        filter: filter(WEEK_START, WEEK_END),
        arms: [
          { value: '12', measures: v12 },
          { value: '13', measures: v13 },
          { value: '14', measures: v14 },
        ],
        comparisons: [
          armComparison(
            v12,
            { value: '13', measures: v13 },
            ALPHA,
            'Prompt version 13 and 12 perform alike so far: no measure differs significantly.',
            {
              baselineMean: meanOf(v12, 0.17),
              otherMean: meanOf(v13, 0.26),
              pValue: 0.71,
              probabilityOtherHigher: 0.515,
              significant: false,
            },
          ),
          armComparison(v12, { value: '14', measures: v14 }, ALPHA, PROMPT_VERDICT_14, null),
        ],
        filtered: noneFiltered,
      },
    ],
    failures: {
      filter: filter(WEEK_START, WEEK_END),
      minSupport: 30,
      worstTemplates: [
        cohort('refund_policy', {
          interactions: 900,
          up: 120,
          down: 88,
          stars: [9, 8, 10, 9, 8],
          edits: 40,
          regenerates: 90,
        }),
        cohort('support', { interactions: 2100, up: 400, down: 120, edits: 60, regenerates: 170 }),
        cohort(`billing ${PIPE}`, { interactions: 40, up: 3, down: 6, edits: 2, regenerates: 4 }, false),
      ],
      worstFeatures: [
        cohort('search', { interactions: 800, up: 110, down: 70, edits: 30, regenerates: 88 }),
        cohort(HOSTILE, { interactions: 300, up: 60, down: 30, edits: 8, regenerates: 20 }),
      ],
      worstDocuments: [
        {
          docId: 'kb/refunds#v2',
          source: 'kb',
          interactions: 140,
          votes: 61,
          negative: 33,
          negativeRate: rate(33, 61),
        },
        { docId: HOSTILE_DOC, source: null, interactions: 60, votes: 35, negative: 15, negativeRate: rate(15, 35) },
        {
          docId: 'doc_7',
          source: 'confluence',
          interactions: 220,
          votes: 90,
          negative: 30,
          negativeRate: rate(30, 90),
        },
      ],
      filtered: noneFiltered,
    },
    capture: {
      sessions: 1204,
      sessionsWithImplicit: 460,
      sessionsWithExplicit: 290,
      implicitRate: rate(460, 1204),
      explicitRate: rate(290, 1204),
      tier: 'Healthy',
    },
    agreement: {
      interactions: 412,
      agree: 323,
      agreementRate: rate(323, 412),
      explicitNegativeImplicitPositive: 61,
      explicitPositiveImplicitNegative: 28,
    },
    filtered: {
      superseded: 37,
      byReason: { bot: 120, burst: 14, 'flip-flop': 6, 'weight-cap': 9 },
      total: 149,
      applied: true,
    },
    themes: {
      poolSize: 412,
      noise: 31,
      themes: [
        {
          label: 'broken link · 404 · source',
          category: 'broken citations',
          size: 70,
          share: rate(70, 412),
          previousShare: rate(95, 388),
          trendSignificant: true,
          example: 'the source link is broken, 404',
        },
      ],
      categories: [{ category: 'broken citations', share: rate(70, 412), previousShare: rate(95, 388) }],
    },
    releaseNotes: {
      approved: [
        {
          title: 'Fewer broken citations',
          body: 'Since version 3 of the support prompt, answers cite working sources.',
          date: WEEK_START + 2 * DAY,
        },
      ],
      draftsWaiting: 2,
    },
  };
}

/** A rating mean with a hand-set bootstrap-like interval around it. */
function meanOf(m: Measures, halfWidth: number): MeanInterval {
  const estimate = m.ratingMean;
  return estimate === null
    ? { estimate: null, low: null, high: null, count: 0 }
    : { estimate, low: estimate - halfWidth, high: Math.min(5, estimate + halfWidth), count: m.ratingCount };
}

function cohort(value: string, counts: Counts, ranked = true): Cohort {
  return { value, measures: measures(counts), ranked };
}

/** A project's first week: nothing happened, and every renderer must still say so without "NaN". */
export function quietWeekFixture(): WeeklyReport {
  const empty = measures({ interactions: 0, up: 0, down: 0 });
  const emptySeries = (granularity: 'day' | 'week', from: number, to: number): TimeSeries => ({
    granularity,
    filter: filter(from, to),
    points: [],
    total: empty,
    filtered: noneFiltered,
  });
  return {
    projectId: PROJECT,
    projectName: 'New project',
    weekStart: WEEK_START,
    weekEnd: WEEK_END,
    generatedAt: WEEK_END,
    daily: emptySeries('day', WEEK_START, WEEK_END),
    // An analysis that serialised through JSON may hand NaN or null: both must render as "—".
    previousWeek: { ...empty, positiveRate: { ...empty.positiveRate, estimate: Number.NaN } },
    weekly: emptySeries('week', WEEK_START - 7 * 7 * DAY, WEEK_END),
    movedCohorts: [],
    comparisons: [],
    failures: {
      filter: filter(WEEK_START, WEEK_END),
      minSupport: 30,
      worstTemplates: [],
      worstFeatures: [],
      worstDocuments: [],
      filtered: noneFiltered,
    },
    capture: {
      sessions: 0,
      sessionsWithImplicit: 0,
      sessionsWithExplicit: 0,
      implicitRate: rate(0, 0),
      explicitRate: rate(0, 0),
      tier: 'Capture-only',
    },
    agreement: {
      interactions: 0,
      agree: 0,
      agreementRate: rate(0, 0),
      explicitNegativeImplicitPositive: 0,
      explicitPositiveImplicitNegative: 0,
    },
    filtered: { superseded: 0, byReason: {}, total: 0, applied: true },
    themes: null,
    releaseNotes: { approved: [], draftsWaiting: 0 },
  };
}
