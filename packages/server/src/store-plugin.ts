import type { Store } from '@feedloop/store';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/** Makes the store available to every route as `app.store`; the caller owns opening and closing it. */
const storePlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.decorate('store', store);
};

export default fp(storePlugin, { name: 'feedloop-store' });
