import { BatchResultSchema, BatchSchema, FeedloopError, MAX_BATCH_ITEMS } from '@feedloop/core';
import type { FastifyPluginAsync } from 'fastify';
import type { Access } from '../../auth/authenticate.js';
import { documentOnly } from '../../http/validator.js';
import { errorResponses } from '../openapi-responses.js';
import { browserUserAgent } from './browser-user-agent.js';
import { ingestItems } from './ingest-items.js';

function listField(body: Record<string, unknown>, field: 'interactions' | 'signals'): unknown[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new FeedloopError('FL_VALIDATION', 'The batch is malformed.', {
      details: [{ field, reason: 'expected an array' }],
    });
  }
  return value;
}

/** Reads the batch envelope; the items inside are validated one by one. */
function readBatch(body: unknown): { interactions: unknown[]; signals: unknown[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new FeedloopError('FL_VALIDATION', 'The batch is malformed.', {
      details: [{ field: 'body', reason: 'expected an object like { "interactions": [...], "signals": [...] }' }],
    });
  }
  const record = body as Record<string, unknown>;
  const interactions = listField(record, 'interactions');
  const signals = listField(record, 'signals');
  const count = interactions.length + signals.length;
  if (count > MAX_BATCH_ITEMS) {
    throw new FeedloopError(
      'FL_PAYLOAD_TOO_LARGE',
      `A batch holds at most ${MAX_BATCH_ITEMS} items; this one has ${count}. Split it.`,
    );
  }
  return { interactions, signals };
}

/** A batch that carries interactions needs a secret key; signals alone may come with a public key. */
function batchAccess(body: unknown): Access {
  const interactions = (body as { interactions?: unknown } | null)?.interactions;
  return Array.isArray(interactions) && interactions.length > 0 ? 'write-interactions' : 'write-signals';
}

export const batchRoute: FastifyPluginAsync = async (app) => {
  app.post(
    '/v1/batch',
    {
      schema: {
        summary: 'Ingest interactions and signals',
        description: `Up to ${MAX_BATCH_ITEMS} items. Each item is validated on its own: a bad item is answered \`invalid\` with its fields and never blocks the others. Re-sending an id answers \`duplicate\` and stores nothing twice. A public key may send signals only.`,
        tags: ['ingest'],
        body: BatchSchema,
        response: { 200: BatchResultSchema, ...errorResponses(400, 401, 403, 413, 429, 503) },
        security: [{ bearer: [] }, { publicKeyInBody: [] }],
      },
      validatorCompiler: documentOnly,
      config: { access: batchAccess },
    },
    async (request) => {
      const { interactions, signals } = readBatch(request.body);
      const gate = app.feedbackTokens.gateFor(request.caller);
      return {
        results: await ingestItems(
          app.store,
          request.caller.projectId,
          interactions,
          signals,
          gate,
          browserUserAgent(request),
        ),
      };
    },
  );
};
