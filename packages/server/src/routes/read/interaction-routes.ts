import { FeedloopError, ID_PATTERN } from '@feedloop/core';
import { getInteractionWithSignals } from '@feedloop/store';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

export const interactionReadRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/interactions/:id',
    {
      schema: {
        summary: 'An interaction with its signals',
        description: 'Signals in time order, including any that arrived before the interaction. Needs a secret key.',
        tags: ['read'],
        params: Type.Object({ id: Type.String({ pattern: ID_PATTERN }) }),
        response: errorResponses(400, 401, 403, 404),
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const found = await getInteractionWithSignals(app.store.db, request.caller.projectId, id);
      if (!found) throw new FeedloopError('FL_NOT_FOUND', `No interaction ${id} in this project.`);
      return { ...found.interaction, signals: found.signals };
    },
  );
};
