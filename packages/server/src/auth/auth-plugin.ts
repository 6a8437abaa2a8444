/**
 * Authenticates every route that declares `config.access`, before its body is validated, and exposes the
 * caller as `request.caller`. Routes without `access` (health, the OpenAPI document) are open.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type Access, authenticate, type Caller } from './authenticate.js';
import { KeyCache } from './key-cache.js';

export type AccessRule = Access | ((body: unknown) => Access);

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    /** Set for every route with `config.access`; absent on open routes. */
    caller: Caller;
  }
  interface FastifyInstance {
    keyCache: KeyCache;
  }
}

const authPlugin: FastifyPluginAsync<{ keyCacheMs: number }> = async (app, options) => {
  const keys = new KeyCache(app.store.db, options.keyCacheMs);
  app.decorate('keyCache', keys);
  app.decorateRequest('caller', undefined as unknown as Caller);
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config.access;
    if (rule === undefined) return;
    const access = typeof rule === 'function' ? rule(request.body) : rule;
    request.caller = await authenticate(request, keys, access);
  });
};

export default fp(authPlugin, { name: 'feedloop-auth', dependencies: ['feedloop-store'] });
