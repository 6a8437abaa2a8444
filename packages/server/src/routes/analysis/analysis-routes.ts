/**
 * The analyses over HTTP: `GET /v1/analysis/<name>` with the same parameters as `feedloop analyze
 * <name>`, both served by `runAnalysis` in @feedloop/services. Needs a secret key.
 */
import {
  ANALYSES,
  type AnalysisName,
  COHORT_SORTS,
  DIMENSION_NAMES,
  GRANULARITIES,
  runAnalysis,
} from '@feedloop/services';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const text = (description: string, extra: Record<string, unknown> = {}) =>
  Type.Optional(Type.String({ maxLength: 200, description, ...extra }));
const choice = (values: readonly string[], description: string) =>
  Type.Optional(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );

const COMMON: Record<string, TSchema> = {
  from: text('Start of the range (inclusive), ISO 8601 with a time zone. Default: 30 days before `to`.'),
  to: text('End of the range (exclusive), ISO 8601 with a time zone. Default: now.'),
  ...Object.fromEntries(DIMENSION_NAMES.map((d) => [d, text(`Only interactions whose ${d} is this value.`)])),
  unfiltered: choice(
    ['true', 'false'],
    'true: count what the abuse filter set aside too (latest-vote-wins still applies). Default false.',
  ),
};

const PARAMETERS: Record<AnalysisName, Record<string, TSchema>> = {
  timeseries: { granularity: choice(GRANULARITIES, 'Bucket size (UTC; weeks start on Monday). Default day.') },
  cohorts: {
    dimension: choice(DIMENSION_NAMES, 'The dimension to break down by (required).'),
    sort: choice(COHORT_SORTS, 'What to rank by. Default positiveRate.'),
    order: choice(['best', 'worst'], 'best first (default) or worst first.'),
    minSupport: text('Votes a cohort needs to be ranked (default 30); smaller ones are listed unranked.'),
  },
  compare: {
    dimension: choice(DIMENSION_NAMES, 'What the arms differ in, e.g. model or promptVersion (required).'),
    values: text('Two or more comma-separated values, the baseline first (required).', { maxLength: 1000 }),
    alpha: text('Significance level, default 0.05.'),
  },
  moves: { minSupport: text('Votes a cohort needs in both periods to be checked (default 30).') },
  'capture-rate': {},
  failures: { minSupport: text('Votes a template, feature or document needs to be listed (default 30).') },
  agreement: {},
};

const DESCRIPTIONS: Record<AnalysisName, { summary: string; description: string }> = {
  timeseries: {
    summary: 'Measures over time',
    description:
      'Per bucket: interactions, signal counts per type, thumbs positive rate (Wilson interval), rating distribution and mean, correction, regenerate and outcome success rates. Served from the rollups. `filtered` says what latest-vote-wins and the abuse filter set aside.',
  },
  cohorts: {
    summary: 'Measures per value of one dimension',
    description:
      'Cohorts with sample sizes and intervals; those under the minimum support are listed after the ranked ones and never ranked. Rates rank by the interval bound on the cautious side.',
  },
  compare: {
    summary: 'Models or prompt versions side by side',
    description:
      'Each arm against the first: thumbs (two-proportion test, Wilson intervals), ratings (Mann–Whitney, bootstrap interval of the mean), regenerate and correction rates, whether each difference is significant, the votes per arm that would make it so, and a one-sentence verdict.',
  },
  moves: {
    summary: 'Cohorts that moved',
    description:
      'Per tenant, feature, language, model and prompt template: the ranked cohorts whose thumbs positive rate in the range differs significantly (two-proportion test, p < 0.05) from the same-length range just before, largest move first.',
  },
  'capture-rate': {
    summary: 'Implicit capture rate and explicit engagement',
    description:
      'The share of sessions with at least one usable implicit signal (implicit or correction), its tier (Mature > 50%, Healthy 25–50%, Building 10–25%, Capture-only < 10%), and the share with explicit feedback.',
  },
  failures: {
    summary: 'Where it fails',
    description:
      'Prompt templates with the most negative votes, features with the lowest positive rate (ranked cohorts only), and retrieved documents whose interactions are voted down most (by the lower Wilson bound).',
  },
  agreement: {
    summary: 'Agreement of implicit and explicit signals',
    description:
      'On interactions with a thumbs vote and implicit behaviour that leans one way (copy/share/accept vs regenerate/reject/abandon/rephrase), how often the two agree — a check on the negativity bias of explicit ratings.',
  },
};

export const analysisRoutes: FastifyPluginAsync = async (app) => {
  for (const name of ANALYSES) {
    app.get(
      `/v1/analysis/${name}`,
      {
        schema: {
          ...DESCRIPTIONS[name],
          tags: ['analysis'],
          querystring: Type.Object({ ...COMMON, ...PARAMETERS[name] }, { additionalProperties: false }),
          response: errorResponses(400, 401, 403, 429),
          security: [{ bearer: [] }],
        },
        config: { access: 'read' },
      },
      async (request) =>
        runAnalysis(name, {
          store: app.store,
          projectId: request.caller.projectId,
          params: request.query as Record<string, string>,
          fieldPrefix: 'query.',
        }),
    );
  }
};
