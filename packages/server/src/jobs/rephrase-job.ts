/**
 * Finds rephrased follow-ups in the background (`detectRephrases`): each project's interactions received
 * since the last pass, a minute after they arrive, so the `rephrase` counts in every view include the
 * restatements the app did not report itself. Stops with the server.
 */
import { detectRephrases } from '@feedloop/services';
import { listProjects } from '@feedloop/store';
import type { FastifyInstance } from 'fastify';

export function startRephraseJob(app: FastifyInstance, everyMs: number): void {
  if (everyMs <= 0) return;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const project of await listProjects(app.store.db)) await detectRephrases(app.store, project.id);
    })()
      .catch((error: unknown) =>
        app.log.error({ err: error }, 'background rephrase detection failed; retried next time'),
      )
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
