/**
 * Assigns new negative feedback to the latest themes in the background, so the themes page stays current
 * between full clustering runs. Stops with the server.
 */
import { assignNewItems } from '@feedloop/services';
import { listProjects } from '@feedloop/store';
import type { FastifyInstance } from 'fastify';

export function startThemeAssignmentJob(app: FastifyInstance, everyMs: number): void {
  if (everyMs <= 0) return;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const project of await listProjects(app.store.db)) await assignNewItems(app.store, project.id);
    })()
      .catch((error: unknown) => app.log.error({ err: error }, 'background theme assignment failed'))
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
