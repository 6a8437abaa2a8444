import { FeedloopError } from '@feedloop/core';
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';

export const healthRoute: FastifyPluginAsync = async (app) => {
  app.get('/health', { schema: { summary: 'Liveness and database reachability', tags: ['meta'] } }, async () => {
    try {
      await sql`select 1`.execute(app.store.db);
    } catch (cause) {
      throw new FeedloopError('FL_UNAVAILABLE', 'The database is unreachable.', { cause });
    }
    return { status: 'ok', backend: app.store.backend };
  });
};
