/**
 * Langfuse-compatible score intake, so an app instrumented with Langfuse sends its user feedback to
 * Feedloop by changing a base URL: `POST /api/public/scores` (one score) and the `score-create` events of
 * `POST /api/public/ingestion`. Langfuse clients authenticate with Basic `publicKey:secretKey`; the secret
 * half is the Feedloop key (see auth/authenticate.ts). The mapping is in `score-signals.ts`.
 */
import { FeedloopError, uuidv7 } from '@feedloop/core';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { documentOnly } from '../../http/validator.js';
import { ingestItems } from '../ingest/ingest-items.js';
import { errorResponses } from '../openapi-responses.js';
import { ingestScoreEvents, readBatch } from './ingestion-batch.js';
import { describeErrors, scoreErrors } from './score-errors.js';
import { scoreSignals } from './score-signals.js';

const ScoreSchema = Type.Object(
  {
    id: Type.Optional(Type.String()),
    traceId: Type.Optional(Type.String({ description: 'The Feedloop interaction id.' })),
    sessionId: Type.Optional(Type.String()),
    observationId: Type.Optional(Type.String()),
    name: Type.String({ examples: ['user-feedback'] }),
    value: Type.Union([Type.Number(), Type.String(), Type.Boolean()]),
    dataType: Type.Optional(Type.String({ examples: ['NUMERIC', 'BOOLEAN', 'CATEGORICAL', 'TEXT', 'CORRECTION'] })),
    comment: Type.Optional(Type.String()),
    metadata: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: true },
);

const IngestionAnswerSchema = Type.Object({
  successes: Type.Array(Type.Object({ id: Type.String(), status: Type.Integer() })),
  errors: Type.Array(
    Type.Object({
      id: Type.Union([Type.String(), Type.Null()]),
      status: Type.Integer(),
      message: Type.String(),
      error: Type.String(),
    }),
  ),
});

export const langfuseRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/api/public/scores',
    {
      schema: {
        summary: 'Create a score (Langfuse-compatible)',
        description:
          'A Langfuse score becomes one or two signals (docs/integrations/langfuse.md): `traceId` is the interaction id. Answers `{ id }`, the score id.',
        tags: ['langfuse'],
        body: ScoreSchema,
        response: { 200: Type.Object({ id: Type.String() }), ...errorResponses(400, 401, 403, 413, 429, 503) },
        // Basic `<anything>:<key>` is accepted too; the document declares the Bearer scheme only.
        security: [{ bearer: [] }],
      },
      validatorCompiler: documentOnly,
      config: { access: 'write-signals' },
    },
    async (request) => {
      const mapped = scoreSignals(request.body, { newId: uuidv7 });
      if (!mapped.ok) {
        throw new FeedloopError('FL_VALIDATION', `The score is malformed: ${describeErrors(mapped.errors)}.`, {
          details: mapped.errors,
        });
      }
      const results = await ingestItems(app.store, request.caller.projectId, [], mapped.signals);
      const errors = scoreErrors(results);
      if (errors.length > 0) {
        throw new FeedloopError('FL_VALIDATION', `The score is malformed: ${describeErrors(errors)}.`, {
          details: errors,
        });
      }
      return { id: mapped.scoreId };
    },
  );

  app.post(
    '/api/public/ingestion',
    {
      schema: {
        summary: 'Batch ingestion (Langfuse-compatible; score-create events only)',
        description:
          'Each `score-create` event becomes signals as in `POST /api/public/scores`. Answers 207 with one success or error per event, by event id; other event types are answered as errors.',
        tags: ['langfuse'],
        body: Type.Object({ batch: Type.Array(Type.Unknown()), metadata: Type.Optional(Type.Unknown()) }),
        response: { 207: IngestionAnswerSchema, ...errorResponses(400, 401, 403, 413, 429, 503) },
        // Basic `<anything>:<key>` is accepted too; the document declares the Bearer scheme only.
        security: [{ bearer: [] }],
      },
      validatorCompiler: documentOnly,
      config: { access: 'write-signals' },
    },
    async (request, reply) => {
      const answer = await ingestScoreEvents(app.store, request.caller.projectId, readBatch(request.body));
      return reply.status(207).send(answer);
    },
  );
};
