import { InteractionSchema, ItemResultSchema, SignalSchema } from '@feedloop/core';
import type { FastifyPluginAsync } from 'fastify';
import { documentOnly } from '../../http/validator.js';
import { errorResponses } from '../openapi-responses.js';
import { browserUserAgent } from './browser-user-agent.js';
import { ingestItems, throwIfInvalid } from './ingest-items.js';

/** Strips the body's `publicKey` (a credential, not part of the item). */
function itemOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('publicKey' in body)) return body;
  const { publicKey: _credential, ...item } = body as Record<string, unknown>;
  return item;
}

export const singleItemRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/v1/interactions',
    {
      schema: {
        summary: 'Log one interaction',
        description: 'Answers 201 when stored, 200 when an interaction with this id was already stored.',
        tags: ['ingest'],
        body: InteractionSchema,
        response: { 200: ItemResultSchema, 201: ItemResultSchema, ...errorResponses(400, 401, 403, 413, 429, 503) },
        security: [{ bearer: [] }],
      },
      validatorCompiler: documentOnly,
      config: { access: 'write-interactions' },
    },
    async (request, reply) => {
      const [result] = await ingestItems(app.store, request.caller.projectId, [request.body], []);
      const stored = throwIfInvalid(result);
      const { errors: _none, ...answer } = stored;
      return reply.status(stored.status === 'created' ? 201 : 200).send(answer);
    },
  );

  app.post(
    '/v1/signals',
    {
      schema: {
        summary: 'Send one signal',
        description:
          'Answers 201 when stored, 200 when a signal with this id was already stored. A public key may be sent as `publicKey` in the body.',
        tags: ['ingest'],
        body: SignalSchema,
        response: { 200: ItemResultSchema, 201: ItemResultSchema, ...errorResponses(400, 401, 403, 413, 429, 503) },
        security: [{ bearer: [] }, { publicKeyInBody: [] }],
      },
      validatorCompiler: documentOnly,
      config: { access: 'write-signals' },
    },
    async (request, reply) => {
      const gate = app.feedbackTokens.gateFor(request.caller);
      const [result] = await ingestItems(
        app.store,
        request.caller.projectId,
        [],
        [itemOf(request.body)],
        gate,
        browserUserAgent(request),
      );
      const stored = throwIfInvalid(result);
      const { errors: _none, ...answer } = stored;
      return reply.status(stored.status === 'created' ? 201 : 200).send(answer);
    },
  );
};
