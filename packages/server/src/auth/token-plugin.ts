/**
 * Makes feedback-token checks available to routes as `app.feedbackTokens`, and closes the side doors: a
 * route that takes public-key signals without a way to carry tokens (the Langfuse score routes) refuses
 * a public key when the project requires tokens.
 */
import { FeedloopError } from '@feedloop/core';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { FeedbackTokens } from './feedback-tokens.js';

declare module 'fastify' {
  interface FastifyInstance {
    feedbackTokens: FeedbackTokens;
  }
}

/** The routes whose signals may carry a `token`; they check it per item. */
const TOKEN_AWARE_ROUTES = new Set(['/v1/batch', '/v1/signals']);

const tokenPlugin: FastifyPluginAsync<{ cacheMs: number }> = async (app, options) => {
  const tokens = new FeedbackTokens(app.store.db, options.cacheMs);
  app.decorate('feedbackTokens', tokens);
  app.addHook('preHandler', async (request) => {
    const caller = request.caller;
    if (caller?.key.kind !== 'public' || TOKEN_AWARE_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (await tokens.requiresTokens(caller.projectId)) {
      throw new FeedloopError(
        'FL_FORBIDDEN',
        'This project requires feedback tokens: send public-key signals with a token to /v1/batch or /v1/signals.',
      );
    }
  });
};

export default fp(tokenPlugin, { name: 'feedloop-tokens', dependencies: ['feedloop-store', 'feedloop-auth'] });
