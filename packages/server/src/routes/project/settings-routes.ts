import { FeedloopError } from '@feedloop/core';
import { getProjectSettings, updateProjectSettings } from '@feedloop/store';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const SettingsSchema = Type.Object({
  requireTokens: Type.Boolean({
    description: 'Public-key signals must carry a valid feedback token for their interaction.',
  }),
});

const PatchSchema = Type.Partial(SettingsSchema, { additionalProperties: false, minProperties: 1 });

/** The caller's project settings; secret key only. */
export const projectSettingsRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/project/settings',
    {
      schema: {
        summary: "The project's settings",
        tags: ['project'],
        response: { 200: SettingsSchema, ...errorResponses(401, 403, 404) },
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => {
      const settings = await getProjectSettings(app.store.db, request.caller.projectId);
      if (!settings) throw new FeedloopError('FL_NOT_FOUND', "The key's project no longer exists.");
      return settings;
    },
  );

  app.patch(
    '/v1/project/settings',
    {
      schema: {
        summary: "Change the project's settings",
        description: 'Sends only the fields to change. Other servers apply the change within a few seconds.',
        tags: ['project'],
        body: PatchSchema,
        response: { 200: SettingsSchema, ...errorResponses(400, 401, 403, 404) },
        security: [{ bearer: [] }],
      },
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const { projectId } = request.caller;
      const settings = await updateProjectSettings(
        app.store.db,
        projectId,
        request.body as { requireTokens?: boolean },
      );
      if (!settings) throw new FeedloopError('FL_NOT_FOUND', "The key's project no longer exists.");
      app.feedbackTokens.forgetSettings(projectId);
      return settings;
    },
  );
};
