/**
 * Screens new signals in the background (latest-vote-wins, abuse filter), so an analysis request rarely
 * finds a backlog to work through first. Analyses still screen before they read, so the numbers are never
 * stale; this only keeps that step short. Stops with the server.
 */
import { screenProject } from '@feedloop/services';
import { listProjects } from '@feedloop/store';
import type { FastifyInstance } from 'fastify';

export function startScreeningJob(app: FastifyInstance, everyMs: number): void {
  if (everyMs <= 0) return;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const project of await listProjects(app.store.db)) await screenProject(app.store, project.id);
    })()
      .catch((error: unknown) => app.log.error({ err: error }, 'background screening failed; analyses screen on read'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
