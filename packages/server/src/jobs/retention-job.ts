/**
 * Applies each project's retention period (docs/privacy.md) in the background: once a minute after start
 * (or sooner when `everyMs` is shorter), then every `everyMs` — daily by default. Projects that keep text
 * forever cost one settings read. Several servers on one database may all run it: a row is purged once,
 * and a pass with nothing due writes nothing.
 */
import { applyRetention } from '@feedloop/services';
import type { FastifyInstance } from 'fastify';
import { startProjectJob } from './project-job.js';

export function startRetentionJob(app: FastifyInstance, everyMs: number): void {
  startProjectJob(app, {
    everyMs,
    firstRunMs: 60_000,
    work: async (projectId) => {
      const report = await applyRetention(app.store, { projectId, now: Date.now(), actor: 'schedule' });
      if (report.interactions + report.signals > 0) app.log.info({ retention: report }, 'retention purged old text');
    },
    failure: 'retention pass failed; it runs again next time',
  });
}
