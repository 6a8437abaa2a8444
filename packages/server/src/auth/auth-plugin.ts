/**
 * Authenticates every route that declares `config.access`, before its body is validated, and exposes the
 * caller as `request.caller`. Routes without `access` (health, the OpenAPI document) are open.
 */
import { type ApiKey, findActiveKey } from '@feedloop/store';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { type Access, authenticate, type Caller } from './authenticate.js';
import { TtlCache } from './ttl-cache.js';

export type AccessRule = Access | ((body: unknown) => Access);

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    /** Set for every route with `config.access`; absent on open routes. */
    caller: Caller;
  }
}

const authPlugin: FastifyPluginAsync<{ keyCacheMs: number }> = async (app, options) => {
  // Known and unknown keys alike are remembered for a few seconds: one indexed read per key, not per
  // request; a key created or revoked by another process applies within `keyCacheMs`.
  const keys = new TtlCache<ApiKey | undefined>(options.keyCacheMs, (plaintext) =>
    findActiveKey(app.store.db, plaintext),
  );
  app.decorateRequest('caller', undefined as unknown as Caller);
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config.access;
    if (rule === undefined) return;
    const access = typeof rule === 'function' ? rule(request.body) : rule;
    request.caller = await authenticate(request, keys, access);
  });
};

export default fp(authPlugin, { name: 'feedloop-auth', dependencies: ['feedloop-store'] });
