/**
 * Training-data exports over HTTP. `GET /v1/exports/:kind` streams the lines as NDJSON, written as they
 * are produced (one page of interactions at a time, waiting whenever the client reads slower), so memory
 * stays flat however large the export. `GET /v1/exports/:kind/manifest` runs the same pass without
 * sending lines and answers its manifest. Every export is pinned to an `asOf` time (default: when the
 * request arrived), echoed in `Feedloop-Export-As-Of` and in the `Link` to the manifest, so the manifest
 * describes exactly the lines that were streamed.
 */
import { Readable } from 'node:stream';
import {
  ALL_EXPORT_FORMATS,
  EXPORT_FORMATS,
  EXPORT_KINDS,
  FeedloopError,
  type ItemError,
  parseTimestamp,
} from '@feedloop/core';
import { type ExportRequest, ExportRun, exportTarget } from '@feedloop/services';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const KindParams = Type.Object({
  kind: Type.Union(
    EXPORT_KINDS.map((k) => Type.Literal(k)),
    { description: 'sft, dpo or kto' },
  ),
});

const Dimension = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }));
const Time = (description: string) =>
  Type.Optional(
    Type.String({
      description: `${description} ISO 8601 date-time with a time zone.`,
      examples: ['2026-11-01T00:00:00Z'],
    }),
  );

const ExportQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union(
        ALL_EXPORT_FORMATS.map((f) => Type.Literal(f)),
        {
          description: `The target format; default the kind's first. ${Object.entries(EXPORT_FORMATS)
            .map(([k, fs]) => `${k}: ${fs.join(', ')}`)
            .join('; ')}`,
        },
      ),
    ),
    tenant: Dimension("Only this tenant's data (also for the other side of each pair)."),
    since: Time('Interactions created at or after this time.'),
    until: Time('Interactions created before this time.'),
    model: Dimension('Only interactions of this model.'),
    template: Dimension('Only this prompt template.'),
    templateVersion: Dimension('Only this prompt template version.'),
    maxPerUser: Type.Optional(
      Type.String({ description: 'At most this many examples from one user (default: no cap).' }),
    ),
    dedupe: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'true (default) or false' }),
    ),
    asOf: Time('Only data received up to this time (default: when the request arrived).'),
  },
  { additionalProperties: false },
);
type ExportQueryString = Static<typeof ExportQuery>;

function parseTime(value: string | undefined, field: string, errors: ItemError[]): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseTimestamp(value);
  if (ms === undefined) {
    errors.push({
      field: `query.${field}`,
      reason: 'expected an ISO 8601 date-time with a time zone, e.g. 2026-11-01T00:00:00Z',
    });
  }
  return ms;
}

/** The query as an export request, or a 400 naming every bad parameter. */
function exportRequestOf(request: FastifyRequest): ExportRequest {
  const { kind: kindParam } = request.params as { kind: string };
  const q = request.query as ExportQueryString;
  const errors: ItemError[] = [];
  const since = parseTime(q.since, 'since', errors);
  const until = parseTime(q.until, 'until', errors);
  const asOf = parseTime(q.asOf, 'asOf', errors) ?? Date.now();
  if (since !== undefined && until !== undefined && since >= until) {
    errors.push({ field: 'query.until', reason: 'expected a time after `since`' });
  }
  if (q.maxPerUser !== undefined && !/^[1-9][0-9]{0,8}$/.test(q.maxPerUser)) {
    errors.push({ field: 'query.maxPerUser', reason: 'expected a whole number of at least 1' });
  }
  let target: ReturnType<typeof exportTarget> | undefined;
  try {
    target = exportTarget(kindParam, q.format ?? EXPORT_FORMATS[kindParam as keyof typeof EXPORT_FORMATS][0]);
  } catch (error) {
    if (!(error instanceof FeedloopError)) throw error;
    errors.push({ field: 'query.format', reason: error.details?.[0]?.reason ?? error.message });
  }
  if (errors.length > 0 || target === undefined) {
    throw new FeedloopError('FL_VALIDATION', 'The export request is malformed.', { details: errors });
  }
  const filters = {
    tenant: q.tenant,
    since,
    until,
    model: q.model,
    promptTemplate: q.template,
    promptVersion: q.templateVersion,
  };
  const query = new URLSearchParams({
    ...definedOnly({ ...q, format: target.format }),
    asOf: new Date(asOf).toISOString(),
  });
  return {
    projectId: request.caller.projectId,
    ...target,
    filters,
    maxPerUser: q.maxPerUser === undefined ? null : Number(q.maxPerUser),
    dedupe: q.dedupe !== 'false',
    asOf,
    invocation: { request: `GET /v1/exports/${target.kind}?${query}` },
  };
}

function definedOnly(q: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && k !== 'asOf') out[k] = v;
  return out;
}

const TAGS = ['export'];

export const exportRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/exports/:kind',
    {
      schema: {
        summary: 'Export training data (streamed NDJSON)',
        description:
          'SFT, DPO or KTO examples, one JSON line each, PII redacted, every line checked against its format. Streamed as it is produced. The `Link` header points at the manifest of exactly this export (same `asOf`). Needs a secret key.',
        tags: TAGS,
        params: KindParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'One training example per line.',
            content: { 'application/x-ndjson': { schema: { type: 'string' } } },
          },
          ...errorResponses(400, 401, 403, 429),
        },
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request, reply) => {
      const exportRequest = exportRequestOf(request);
      const run = new ExportRun(app.store, exportRequest);
      const url = exportRequest.invocation as { request: string };
      const manifestUrl = url.request.replace(/^GET /, '').replace('?', '/manifest?');
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('feedloop-export-as-of', new Date(exportRequest.asOf).toISOString())
        .header('link', `<${manifestUrl}>; rel="describedby"`)
        .send(Readable.from(run.chunks(), { objectMode: false }));
    },
  );

  app.get(
    '/v1/exports/:kind/manifest',
    {
      schema: {
        summary: 'The manifest of an export',
        description:
          'Runs the same pass as `GET /v1/exports/:kind` with the same parameters, without sending lines, and answers its manifest: counts per source, skips by reason, filters, limits, provenance and the redaction report. Pass the `asOf` of the export (its `Link` header does) to describe exactly those lines. With `Accept: application/x-ndjson` the answer is a stream instead: `{"progress":{"scanned","written","total"}}` lines while the pass runs (at most every 250 ms; `total` is the number of interactions it will scan), then one `{"manifest":…}` line, or `{"error":…}` if the pass failed. Needs a secret key.',
        tags: TAGS,
        params: KindParams,
        querystring: ExportQuery,
        response: errorResponses(400, 401, 403, 429),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request, reply) => {
      const run = new ExportRun(app.store, exportRequestOf(request));
      if (wantsProgress(request)) {
        const total = await run.countInteractions();
        return reply
          .type('application/x-ndjson; charset=utf-8')
          .send(
            Readable.from(
              manifestWithProgress(run, total, (error) => app.log.error({ err: error }, 'manifest pass failed')),
            ),
          );
      }
      for await (const _page of run.pages()) {
        // Only the counts matter here.
      }
      return run.manifest();
    },
  );
};

/** A client that asks for NDJSON gets progress lines while the pass runs, then the manifest. */
function wantsProgress(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/x-ndjson');
}

/** How often a progress line is sent at most: often enough for a progress bar, not a line per page. */
const PROGRESS_EVERY_MS = 250;

/**
 * `{"progress":{"scanned","written","total"}}` lines, then `{"manifest":…}`. The status (200) is sent
 * before the pass runs, so a failure during it ends the stream with `{"error":…}` instead of a 5xx.
 */
async function* manifestWithProgress(
  run: ExportRun,
  total: number,
  logError: (error: unknown) => void,
): AsyncGenerator<string> {
  const line = (value: unknown) => `${JSON.stringify(value)}\n`;
  yield line({ progress: { scanned: 0, written: 0, total } });
  let sentAt = Date.now();
  try {
    for await (const { scanned, written } of run.pages()) {
      if (Date.now() - sentAt < PROGRESS_EVERY_MS) continue;
      sentAt = Date.now();
      yield line({ progress: { scanned, written, total } });
    }
    yield line({ manifest: run.manifest() });
  } catch (error) {
    logError(error);
    yield line({ error: { code: 'FL_INTERNAL', message: 'The export pass failed; the server log has the cause.' } });
  }
}
