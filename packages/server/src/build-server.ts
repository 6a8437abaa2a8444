/**
 * The app factory: everything but `listen`, so tests can `inject()` requests without a socket and the
 * CLI decides where to listen.
 */

import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { FeedloopError, MAX_BODY_BYTES } from '@feedloop/core';
import type { Store } from '@feedloop/store';
import Fastify, { type FastifyInstance } from 'fastify';
import authPlugin from './auth/auth-plugin.js';
import tokenPlugin from './auth/token-plugin.js';
import { DEFAULT_SERVER_CONFIG, type ServerConfig } from './config.js';
import { errorHandler } from './http/error-handler.js';
import { acceptJsonAsText } from './http/json-body.js';
import { typeboxValidatorCompiler } from './http/validator.js';
import { startDayPairsJob } from './jobs/day-pairs-job.js';
import { startRephraseJob } from './jobs/rephrase-job.js';
import { startRetentionJob } from './jobs/retention-job.js';
import { startScreeningJob } from './jobs/screening-job.js';
import { startThemeAssignmentJob } from './jobs/theme-assignment-job.js';
import { OPENAPI_INFO } from './openapi.js';
import { analysisRoutes } from './routes/analysis/analysis-routes.js';
import { reportRoute } from './routes/analysis/report-route.js';
import { dashboardRoutes } from './routes/dashboard/dashboard-routes.js';
import { evalRoutes } from './routes/eval/eval-routes.js';
import { healthRoute } from './routes/health-route.js';
import { batchRoute } from './routes/ingest/batch-route.js';
import { singleItemRoutes } from './routes/ingest/single-routes.js';
import { langfuseRoutes } from './routes/langfuse/langfuse-routes.js';
import { releaseNoteRoutes } from './routes/loop/release-note-routes.js';
import { otlpRoutes } from './routes/otlp/otlp-route.js';
import { privacyRoutes } from './routes/privacy/privacy-routes.js';
import { keyRoutes } from './routes/project/key-routes.js';
import { projectSettingsRoutes } from './routes/project/settings-routes.js';
import { exportRoutes } from './routes/read/export-routes.js';
import { interactionListRoute } from './routes/read/interaction-list-route.js';
import { interactionReadRoutes } from './routes/read/interaction-routes.js';
import { themeRoutes } from './routes/themes/theme-routes.js';
import { tokenRoutes } from './routes/tokens/token-routes.js';
import storePlugin from './store-plugin.js';

export interface BuildServerOptions {
  store: Store;
  config?: Partial<ServerConfig>;
}

/**
 * A keep-alive connection that is busy when `close()` starts would otherwise stay open after its answer
 * until the client hangs up, holding the process past SIGTERM: answer it with `Connection: close`.
 */
function closeConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}

export async function buildServer({ store, config: overrides }: BuildServerOptions): Promise<FastifyInstance> {
  const config: ServerConfig = { ...DEFAULT_SERVER_CONFIG, ...overrides };
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: MAX_BODY_BYTES,
    // Answers in flight finish on close; idle keep-alive sockets are closed at once, and busy ones
    // after their answer (see `closeConnectionsWhenClosing`), so shutdown is prompt.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  closeConnectionsWhenClosing(app);
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    errorHandler(new FeedloopError('FL_NOT_FOUND', `No route ${request.method} ${request.url}.`), request, reply);
  });
  acceptJsonAsText(app, MAX_BODY_BYTES);

  await app.register(storePlugin, { store });
  await app.register(swagger, { openapi: OPENAPI_INFO });
  // Browsers call the ingestion routes from other origins; which origins a public key accepts is
  // checked per key, so CORS itself reflects the caller's origin.
  await app.register(cors, { origin: true, methods: ['GET', 'POST', 'OPTIONS'], maxAge: 86_400 });
  await app.register(authPlugin, { keyCacheMs: config.keyCacheMs });
  await app.register(tokenPlugin, { cacheMs: config.keyCacheMs });
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: 60_000,
    keyGenerator: (request) => request.caller?.key.id ?? request.ip,
    max: (request) => (request.caller?.key.kind === 'public' ? config.publicKeyRateLimit : config.secretKeyRateLimit),
    allowList: (request) => {
      if (!request.caller) return true;
      const limit = request.caller.key.kind === 'public' ? config.publicKeyRateLimit : config.secretKeyRateLimit;
      return limit <= 0;
    },
    errorResponseBuilder: (_request, context) =>
      new FeedloopError(
        'FL_RATE_LIMITED',
        `Rate limit of ${context.max} requests per minute reached; retry in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  });

  await app.register(healthRoute);
  await app.register(batchRoute);
  await app.register(singleItemRoutes);
  await app.register(interactionReadRoutes);
  await app.register(interactionListRoute);
  await app.register(exportRoutes);
  await app.register(analysisRoutes);
  await app.register(reportRoute);
  await app.register(evalRoutes);
  await app.register(releaseNoteRoutes);
  await app.register(themeRoutes);
  await app.register(otlpRoutes);
  await app.register(langfuseRoutes);
  await app.register(tokenRoutes);
  await app.register(projectSettingsRoutes);
  await app.register(privacyRoutes);
  await app.register(keyRoutes);
  await app.register(dashboardRoutes, { dir: config.dashboardDir });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  startScreeningJob(app, config.screenEveryMs);
  startDayPairsJob(app, config.dayPairsEveryMs);
  startThemeAssignmentJob(app, config.themeAssignEveryMs);
  startRetentionJob(app, config.retentionEveryMs);
  startRephraseJob(app, config.rephraseEveryMs);
  return app;
}
