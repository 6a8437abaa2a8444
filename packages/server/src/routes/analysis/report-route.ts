/**
 * `GET /v1/reports/weekly`: the weekly report as JSON, Markdown or self-contained HTML — the same report
 * `feedloop report` writes. Needs a secret key.
 */
import { FeedloopError } from '@feedloop/core';
import { buildWeeklyReport, parseDay, renderReportHtml, renderReportMarkdown } from '@feedloop/services';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const ReportQuery = Type.Object(
  {
    week: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description: 'Any day of the week to report (UTC, weeks start on Monday). Default: the last full week.',
        examples: ['2026-11-16'],
      }),
    ),
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('markdown'), Type.Literal('html')], {
        description: 'json (default), markdown or html.',
      }),
    ),
    unfiltered: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    minSupport: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'Default 30.' })),
  },
  { additionalProperties: false },
);

export const reportRoute: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/reports/weekly',
    {
      schema: {
        summary: 'The weekly report',
        description:
          'Trends, cohorts that moved, model and prompt comparisons, worst templates and documents, capture rate and what was filtered, for one week.',
        tags: ['analysis'],
        querystring: ReportQuery,
        response: errorResponses(400, 401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request, reply) => {
      const q = request.query as { week?: string; format?: string; unfiltered?: string; minSupport?: string };
      const week = q.week === undefined ? undefined : parseDay(q.week);
      if (q.week !== undefined && week === undefined) {
        throw new FeedloopError('FL_VALIDATION', 'The report request is malformed.', {
          details: [{ field: 'query.week', reason: 'expected a real date like 2026-11-16' }],
        });
      }
      const report = await buildWeeklyReport(app.store, {
        projectId: request.caller.projectId,
        week,
        unfiltered: q.unfiltered === 'true',
        minSupport: q.minSupport === undefined ? undefined : Number(q.minSupport),
      });
      if (q.format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(renderReportMarkdown(report));
      if (q.format === 'html') return reply.type('text/html; charset=utf-8').send(renderReportHtml(report));
      return report;
    },
  );
};
