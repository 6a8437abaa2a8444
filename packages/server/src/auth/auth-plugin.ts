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
  interface FastifyInstance {
    /** Stops trusting a revoked key on this server at once, instead of after the cache's few seconds. */
    forgetApiKey(keyId: string): void;
  }
  interface FastifyRequest {
    /** Set for every route with `config.access`; absent on open routes. */
    caller: Caller;
  }
}

const authPlugin: FastifyPluginAsync<{ keyCacheMs: number }> = async (app, options) => {
  // Known and unknown keys alike are remembered for a few seconds: one indexed read per key, not per
  // request; a key created or revoked by another process applies within `keyCacheMs`.
  // Which cached plain texts belong to a key id, so a revocation here can drop them from the cache.
  const plaintextsById = new Map<string, Set<string>>();
  const keys = new TtlCache<ApiKey | undefined>(options.keyCacheMs, async (plaintext) => {
    const key = await findActiveKey(app.store.db, plaintext);
    if (key) plaintextsById.set(key.id, (plaintextsById.get(key.id) ?? new Set()).add(plaintext));
    return key;
  });
  app.decorate('forgetApiKey', (keyId: string) => {
    for (const plaintext of plaintextsById.get(keyId) ?? []) keys.forget(plaintext);
    plaintextsById.delete(keyId);
  });
  app.decorateRequest('caller', undefined as unknown as Caller);
  app.addHook('preValidation', async (request) => {
    const rule = request.routeOptions.config.access;
    if (rule === undefined) return;
    const access = typeof rule === 'function' ? rule(request.body) : rule;
    request.caller = await authenticate(request, keys, access);
  });
};

export default fp(authPlugin, { name: 'feedloop-auth', dependencies: ['feedloop-store'] });
