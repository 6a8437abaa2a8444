/**
 * Themes over HTTP (secret key): run a clustering, read the themes of a period with their shares, trends,
 * evidence, cohorts and examples, list a theme's members, see shares week by week, and assign new feedback
 * to the existing themes now (the server also does this in the background).
 */
import { FeedloopError, type ItemError, parseTimestamp } from '@feedloop/core';
import { assignNewItems, runThemes, themeMembers, themesOverview, themeTrends } from '@feedloop/services';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const TAGS = ['themes'];
const time = (description: string) =>
  Type.Optional(Type.String({ description: `${description} ISO 8601 with a time zone.`, maxLength: 40 }));
const Range = {
  from: time('Start of the period (inclusive).'),
  to: time('End of the period (exclusive); default now.'),
};

/** Reads `from`/`to`, naming the field of a bad one. */
function readRange(q: { from?: string; to?: string }, prefix: string): { from?: number; to?: number } {
  const errors: ItemError[] = [];
  const read = (name: 'from' | 'to') => {
    const value = q[name];
    if (value === undefined) return undefined;
    const ms = parseTimestamp(value);
    if (ms === undefined)
      errors.push({ field: `${prefix}${name}`, reason: 'expected an ISO 8601 date-time with a time zone' });
    return ms;
  };
  const range = { from: read('from'), to: read('to') };
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
    errors.push({ field: `${prefix}to`, reason: 'expected a time after `from`' });
  }
  if (errors.length > 0)
    throw new FeedloopError('FL_VALIDATION', 'The themes request is malformed.', { details: errors });
  return range;
}

export const themeRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/v1/themes/runs',
    {
      schema: {
        summary: 'Cluster the failure pool into themes',
        description:
          'Collects the interactions with negative evidence and every comment in the window (default the last 28 days), clusters them (the number of themes chosen automatically unless `k` is given; noise kept apart), labels and maps each theme onto the failure taxonomy, and stores the run. Later reads use the latest run.',
        tags: TAGS,
        body: Type.Object(
          {
            ...Range,
            tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            k: Type.Optional(Type.Integer({ minimum: 2, maximum: 200, description: 'The number of themes.' })),
          },
          { additionalProperties: false },
        ),
        response: errorResponses(400, 401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => {
      const body = (request.body ?? {}) as { from?: string; to?: string; tenant?: string; k?: number };
      return runThemes(app.store, {
        projectId: request.caller.projectId,
        ...readRange(body, 'body.'),
        tenant: body.tenant,
        k: body.k,
      });
    },
  );

  app.get(
    '/v1/themes',
    {
      schema: {
        summary: 'Themes of a period',
        description:
          'From the latest run: each theme with its label, keywords, taxonomy category, size, share of the period’s failure pool, trend against the previous period of the same length (two-proportion test), the signal types behind it, the cohorts where it concentrates and representative examples; and the shares per taxonomy category. Default period: the last 7 days.',
        tags: TAGS,
        querystring: Type.Object(Range, { additionalProperties: false }),
        response: errorResponses(400, 401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) =>
      themesOverview(app.store.db, request.caller.projectId, readRange(request.query as object, 'query.')),
  );

  app.get(
    '/v1/themes/trends',
    {
      schema: {
        summary: 'Theme and category shares week by week',
        tags: TAGS,
        querystring: Type.Object(
          {
            weeks: Type.Optional(
              Type.String({ pattern: '^([1-9]|[1-4][0-9]|5[0-2])$', description: '1–52, default 8.' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: errorResponses(400, 401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => {
      const { weeks } = request.query as { weeks?: string };
      return themeTrends(app.store.db, request.caller.projectId, {
        weeks: weeks === undefined ? undefined : Number(weeks),
      });
    },
  );

  app.get(
    '/v1/themes/:id/members',
    {
      schema: {
        summary: "A theme's members",
        description: 'Most typical first, each with the comment (or prompt) that placed it, the prompt and the output.',
        tags: TAGS,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        querystring: Type.Object(
          {
            ...Range,
            limit: Type.Optional(
              Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$', description: '1–1000, default 50.' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: errorResponses(400, 401, 403, 404, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const q = request.query as { from?: string; to?: string; limit?: string };
      const members = await themeMembers(app.store.db, request.caller.projectId, id, {
        ...readRange(q, 'query.'),
        limit: q.limit === undefined ? undefined : Number(q.limit),
      });
      if (!members) throw new FeedloopError('FL_NOT_FOUND', `No theme ${id} in this project.`);
      return { members };
    },
  );

  app.post(
    '/v1/themes/assign',
    {
      schema: {
        summary: 'Assign new feedback to the existing themes now',
        description:
          'New pool items join the nearest theme of the latest run, or noise. The server also does this every few minutes.',
        tags: TAGS,
        response: errorResponses(401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => assignNewItems(app.store, request.caller.projectId),
  );
};
