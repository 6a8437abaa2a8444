/**
 * Applies each project's retention period (docs/privacy.md) in the background: once a minute after start
 * (or sooner when `everyMs` is shorter), then every `everyMs` — daily by default. Projects that keep text
 * forever cost one settings read. Several servers on one database may all run it: a row is purged once,
 * and a pass with nothing due writes nothing. Stops with the server.
 */
import { applyRetention } from '@feedloop/services';
import { listProjects } from '@feedloop/store';
import type { FastifyInstance } from 'fastify';

const FIRST_RUN_MS = 60_000;

export function startRetentionJob(app: FastifyInstance, everyMs: number): void {
  if (everyMs <= 0) return;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const project of await listProjects(app.store.db)) {
        const report = await applyRetention(app.store, { projectId: project.id, now: Date.now(), actor: 'schedule' });
        if (report.interactions + report.signals > 0) {
          app.log.info({ retention: report }, 'retention purged old text');
        }
      }
    })()
      .catch((error: unknown) => app.log.error({ err: error }, 'retention pass failed; it runs again next time'))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(tick, Math.min(everyMs, FIRST_RUN_MS));
  first.unref();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  });
}
