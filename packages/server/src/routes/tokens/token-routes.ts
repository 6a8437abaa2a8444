import { ID_PATTERN } from '@feedloop/core';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { DEFAULT_TOKEN_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS } from '../../auth/feedback-tokens.js';
import { errorResponses } from '../openapi-responses.js';

const MintSchema = Type.Object(
  {
    interactionId: Type.String({ pattern: ID_PATTERN, description: 'The interaction the token covers.' }),
    userId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: "When set, only this user's signals are covered." }),
    ),
    ttlSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_TOKEN_TTL_SECONDS,
        description: `Lifetime in seconds; default ${DEFAULT_TOKEN_TTL_SECONDS}.`,
      }),
    ),
  },
  { additionalProperties: false },
);

const TokenSchema = Type.Object({
  token: Type.String(),
  expiresAt: Type.String({ description: 'ISO 8601.' }),
});

/** Mints feedback tokens for the app's server to hand to its pages (docs/feedback-tokens.md). */
export const tokenRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/v1/tokens',
    {
      schema: {
        summary: 'Mint a feedback token',
        description:
          'A short-lived token that lets a page send signals about one interaction (and optionally as one user) with the public key. Needs a secret key; revoking that key invalidates its tokens.',
        tags: ['tokens'],
        body: MintSchema,
        response: { 200: TokenSchema, ...errorResponses(400, 401, 403, 429) },
        security: [{ bearer: [] }],
      },
      config: { access: 'write-interactions' },
    },
    async (request) => {
      const body = request.body as { interactionId: string; userId?: string; ttlSeconds?: number };
      return app.feedbackTokens.mint(
        request.caller.key,
        {
          interactionId: body.interactionId,
          ttlSeconds: body.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
          ...(body.userId === undefined ? {} : { userId: body.userId }),
        },
        Date.now(),
      );
    },
  );
};
