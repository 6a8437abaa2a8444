/**
 * `POST /v1/traces`: OTLP/HTTP trace export (JSON encoding), authenticated with a secret key, so any
 * OpenTelemetry SDK or Collector can send its GenAI spans here unchanged. The mapping from spans to
 * interactions and signals is in `trace-items.ts`; docs/integrations/opentelemetry.md is its contract.
 */
import { FeedloopError, MAX_BATCH_ITEMS } from '@feedloop/core';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { documentOnly } from '../../http/validator.js';
import { ingestItems } from '../ingest/ingest-items.js';
import { errorResponses } from '../openapi-responses.js';
import { exportResponse } from './export-response.js';
import { inflateGzipBody } from './gzip-body.js';
import { decodeTraces } from './otlp-spans.js';
import { traceItems } from './trace-items.js';

/** How many decoding problems one answer lists; enough to fix a payload, short enough to read. */
const MAX_LISTED_ISSUES = 20;

const ExportResponseSchema = Type.Object({
  partialSuccess: Type.Optional(
    Type.Object({
      rejectedSpans: Type.Integer({ description: 'GenAI spans (or their evaluation events) that were not stored.' }),
      errorMessage: Type.String({ description: 'Which spans, and why; or a warning when nothing was rejected.' }),
    }),
  ),
});

export const otlpRoutes: FastifyPluginAsync = async (app) => {
  // Protobuf is OTLP/HTTP's default encoding; say plainly how to switch rather than a generic 415.
  app.addContentTypeParser(['application/x-protobuf', 'application/protobuf'], (_request, payload, done) => {
    payload.resume();
    done(
      new FeedloopError(
        'FL_UNSUPPORTED_MEDIA_TYPE',
        'Feedloop takes OTLP/HTTP as JSON, not protobuf: set OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json (or `encoding: json` in a Collector otlphttp exporter).',
      ),
      undefined,
    );
  });
  app.addHook('preParsing', inflateGzipBody);

  app.post(
    '/v1/traces',
    {
      schema: {
        summary: 'Ingest OpenTelemetry traces (OTLP/HTTP, JSON)',
        description:
          'An OTLP `ExportTraceServiceRequest` in the JSON encoding, optionally gzipped. Spans that follow the GenAI semantic conventions become interactions (id: `feedloop.interaction.id`, else `gen_ai.response.id`, else `<traceId>:<spanId>`); retrieval spans of the same trace become their context documents; `gen_ai.evaluation.result` events become signals. Other spans are ignored. A body that breaks the encoding is answered 400; GenAI spans that cannot be stored are counted in `partialSuccess`.',
        tags: ['ingest'],
        body: Type.Object({ resourceSpans: Type.Optional(Type.Array(Type.Unknown())) }),
        response: { 200: ExportResponseSchema, ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
        security: [{ bearer: [] }],
      },
      validatorCompiler: documentOnly,
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const decoded = decodeTraces(request.body);
      if (!decoded.ok) {
        const shown = decoded.issues.slice(0, MAX_LISTED_ISSUES);
        const first = shown[0]!;
        throw new FeedloopError('FL_VALIDATION', `The OTLP request is malformed: ${first.field} ${first.reason}.`, {
          details: shown,
        });
      }
      const { items, warnings } = traceItems(decoded.spans);
      const interactions = items.flatMap((item) => (item.interaction ? [item.interaction] : []));
      const signals = items.flatMap((item) => item.signals);
      if (interactions.length + signals.length > MAX_BATCH_ITEMS) {
        throw new FeedloopError(
          'FL_PAYLOAD_TOO_LARGE',
          `One export may carry at most ${MAX_BATCH_ITEMS} GenAI spans and evaluations; lower the batch span processor's maxExportBatchSize.`,
        );
      }
      const results = await ingestItems(app.store, request.caller.projectId, interactions, signals);
      return exportResponse(
        items,
        results.slice(0, interactions.length),
        results.slice(interactions.length),
        warnings,
        decoded.spans.length,
      );
    },
  );
};
