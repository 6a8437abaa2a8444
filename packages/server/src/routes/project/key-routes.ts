/**
 * The project's API keys over HTTP, for the dashboard: list, create (the plain text is answered once and
 * never stored), revoke. Secret key only. Only prefixes leave the server, never hashes.
 *
 * A key cannot revoke itself: that keeps at least one secret key alive (the caller's), so the project can
 * never be locked out over HTTP; to retire the key in use, sign in with another secret key first.
 */
import { FeedloopError } from '@feedloop/core';
import { type ApiKey, createApiKey, listApiKeys, revokeApiKey } from '@feedloop/store';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../openapi-responses.js';

const KeySchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('secret'), Type.Literal('public')]),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, enough to recognise it.' }),
  allowedOrigins: Type.Array(Type.String(), { description: 'Public keys: page origins it may be used from.' }),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  current: Type.Boolean({ description: 'This is the key the request was made with.' }),
});

const ORIGIN = '^(\\*|https?://[^/\\s?#]+)$';
const CreateBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('secret'), Type.Literal('public')], {
      description: 'secret: reads and writes everything; public: browsers, signals only.',
    }),
    name: Type.Optional(Type.String({ maxLength: 100, description: 'A label for people.' })),
    allowedOrigins: Type.Optional(
      Type.Array(Type.String({ pattern: ORIGIN, maxLength: 300 }), {
        maxItems: 100,
        description: 'Public keys only: page origins like https://app.example.com, or * for any (default).',
      }),
    ),
  },
  { additionalProperties: false },
);
type CreateBodyType = Static<typeof CreateBody>;

const KeyParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

function keyView(key: ApiKey, callerKeyId: string): Static<typeof KeySchema> {
  return {
    id: key.id,
    kind: key.kind,
    name: key.name,
    prefix: key.prefix,
    allowedOrigins: key.allowedOrigins,
    createdAt: new Date(key.createdAt).toISOString(),
    revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt).toISOString(),
    current: key.id === callerKeyId,
  };
}

const TAGS = ['project'];

export const keyRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/v1/keys',
    {
      schema: {
        summary: "The project's API keys",
        description: 'Oldest first, revoked ones included. Keys are stored hashed: only their prefixes are shown.',
        tags: TAGS,
        response: { 200: Type.Object({ keys: Type.Array(KeySchema) }), ...errorResponses(401, 403, 429) },
        security: [{ bearer: [] }],
      },
      config: { access: 'read' },
    },
    async (request) => {
      const { projectId, key } = request.caller;
      return { keys: (await listApiKeys(app.store.db, projectId)).map((k) => keyView(k, key.id)) };
    },
  );

  app.post(
    '/v1/keys',
    {
      schema: {
        summary: 'Create an API key',
        description: 'Answers the key in plain text this once; only its hash is stored.',
        tags: TAGS,
        body: CreateBody,
        response: {
          201: Type.Object({ key: KeySchema, plaintext: Type.String({ description: 'The key; shown only now.' }) }),
          ...errorResponses(400, 401, 403, 429),
        },
        security: [{ bearer: [] }],
      },
      config: { access: 'write-interactions' },
    },
    async (request, reply) => {
      const body = request.body as CreateBodyType;
      if (body.kind === 'secret' && body.allowedOrigins !== undefined) {
        throw new FeedloopError('FL_VALIDATION', 'The key request is malformed.', {
          details: [{ field: 'body.allowedOrigins', reason: 'only public keys have allowed origins' }],
        });
      }
      const created = await createApiKey(app.store.db, {
        projectId: request.caller.projectId,
        kind: body.kind,
        name: body.name?.trim() ?? '',
        ...(body.allowedOrigins !== undefined && body.allowedOrigins.length > 0
          ? { allowedOrigins: [...new Set(body.allowedOrigins)] }
          : {}),
      });
      return reply.status(201).send({ key: keyView(created.key, request.caller.key.id), plaintext: created.plaintext });
    },
  );

  app.post(
    '/v1/keys/:id/revoke',
    {
      schema: {
        summary: 'Revoke an API key',
        description:
          'The key stops working at once on this server, and within a few seconds on others. Revoking a revoked key answers it unchanged. A key cannot revoke itself (403): sign in with another secret key to retire it.',
        tags: TAGS,
        params: KeyParams,
        response: { 200: Type.Object({ key: KeySchema }), ...errorResponses(400, 401, 403, 404, 429) },
        security: [{ bearer: [] }],
      },
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const { id } = request.params as Static<typeof KeyParams>;
      const { projectId, key: caller } = request.caller;
      const target = (await listApiKeys(app.store.db, projectId)).find((k) => k.id === id);
      if (!target) throw new FeedloopError('FL_NOT_FOUND', `No API key ${id} in this project.`);
      if (target.id === caller.id) {
        throw new FeedloopError(
          'FL_FORBIDDEN',
          'A key cannot revoke itself; use another secret key to revoke this one, so the project keeps a working key.',
        );
      }
      if (target.revokedAt !== null) return { key: keyView(target, caller.id) };
      const revoked = (await revokeApiKey(app.store.db, target.id)) ?? target;
      app.forgetApiKey(target.id);
      return { key: keyView(revoked, caller.id) };
    },
  );
};
