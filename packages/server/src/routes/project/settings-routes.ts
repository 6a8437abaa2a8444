import { FeedloopError } from '@feedloop/core';
import { changeProjectSettings, MODEL_API_KEY_ENV, type SettingsPatch } from '@feedloop/services';
import { getProjectSettings, MAX_RETENTION_DAYS, modelSettingsProblems, taxonomyOf } from '@feedloop/store';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const limit = (description: string) => Type.Integer({ minimum: 1, maximum: 1_000_000, description });
const AbuseSchema = Type.Object(
  {
    enabled: Type.Boolean({ description: 'Set aside votes that break these limits (never deleted).' }),
    burstPerMinute: limit('Votes one user may cast in any 60 seconds; more is a burst.'),
    votesPerUserPerDay: limit('Distinct interactions one user’s votes count on per UTC day.'),
    unviewedVotesPerWeek: limit('Votes in any 7 days on interactions the user never saw.'),
    maxVoteChanges: limit('Changes of one vote before it counts as flip-flop.'),
  },
  { description: 'The abuse filter (docs/analysis.md). Changes apply to votes screened from then on.' },
);

const Endpoint = (description: string) =>
  Type.Object(
    {
      baseUrl: Type.String({ minLength: 1, maxLength: 500, description: 'e.g. http://127.0.0.1:11434/v1' }),
      model: Type.String({ minLength: 1, maxLength: 200 }),
    },
    { additionalProperties: false, description },
  );

const SettingsSchema = Type.Object({
  requireTokens: Type.Boolean({
    description: 'Public-key signals must carry a valid feedback token for their interaction.',
  }),
  abuse: AbuseSchema,
  retentionDays: Type.Union([Type.Integer({ minimum: 1, maximum: MAX_RETENTION_DAYS }), Type.Null()], {
    description:
      'Days raw text (inputs, outputs, document text, comments, edits, metadata) is kept; older text is purged daily while rows and counts stay (docs/privacy.md). null keeps it forever.',
  }),
  models: Type.Object(
    {
      embeddings: Type.Optional(Endpoint('An OpenAI-compatible embeddings endpoint for themes.')),
      chat: Type.Optional(
        Endpoint('An OpenAI-compatible chat endpoint that labels themes and maps them onto the taxonomy.'),
      ),
    },
    {
      additionalProperties: false,
      description: `Optional model endpoints (docs/themes.md); the API key comes from the server's ${MODEL_API_KEY_ENV} environment variable, never from settings. {} uses the built-in offline ones.`,
    },
  ),
  taxonomy: Type.Union(
    [
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            keywords: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 200 }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 50 },
      ),
      Type.Null(),
    ],
    { description: 'The failure taxonomy themes map onto (docs/themes.md); null uses the built-in one.' },
  ),
});

const PatchSchema = Type.Object(
  {
    requireTokens: Type.Optional(SettingsSchema.properties.requireTokens),
    abuse: Type.Optional(Type.Partial(AbuseSchema, { additionalProperties: false, minProperties: 1 })),
    retentionDays: Type.Optional(SettingsSchema.properties.retentionDays),
    models: Type.Optional(SettingsSchema.properties.models),
    taxonomy: Type.Optional(SettingsSchema.properties.taxonomy),
  },
  { additionalProperties: false, minProperties: 1 },
);

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
        description:
          'Sends only the fields to change. Other servers apply the change within a few seconds. Each change is recorded in the audit log (`GET /v1/audit`).',
        tags: ['project'],
        body: PatchSchema,
        response: { 200: SettingsSchema, ...errorResponses(400, 401, 403, 404) },
        security: [{ bearer: [] }],
      },
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const { projectId } = request.caller;
      const patch = request.body as SettingsPatch;
      // What the schema cannot say: http(s) endpoints without credentials, unique category names.
      const problems = (patch.models ? modelSettingsProblems(patch.models) : []).map((p) => ({
        field: `body.${p.field}`,
        reason: p.reason,
      }));
      if (patch.taxonomy && taxonomyOf(patch.taxonomy) === null) {
        problems.push({ field: 'body.taxonomy', reason: 'expected categories with unique names' });
      }
      if (problems.length > 0)
        throw new FeedloopError('FL_VALIDATION', 'The settings are malformed.', { details: problems });
      const settings = await changeProjectSettings(app.store, {
        projectId,
        patch,
        actor: `key:${request.caller.key.id}`,
      });
      if (!settings) throw new FeedloopError('FL_NOT_FOUND', "The key's project no longer exists.");
      app.feedbackTokens.forgetSettings(projectId);
      return settings;
    },
  );
};
