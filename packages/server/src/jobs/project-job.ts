/**
 * The shape every background job shares: every `everyMs` (and once after `firstRunMs`, when given), run
 * `work` for each project in turn; a pass still running when the next is due is not doubled; a failure is
 * logged and the next pass tries again; the server waits for a running pass when it closes. 0 turns the
 * job off.
 */
import { listProjects } from '@feedloop/store';
import type { FastifyInstance } from 'fastify';

export interface ProjectJob {
  everyMs: number;
  /** A first pass sooner than `everyMs` after start. */
  firstRunMs?: number;
  work: (projectId: string) => Promise<void>;
  /** Logged with the error when a pass fails. */
  failure: string;
}

export function startProjectJob(app: FastifyInstance, { everyMs, firstRunMs, work, failure }: ProjectJob): void {
  if (everyMs <= 0) return;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const project of await listProjects(app.store.db)) await work(project.id);
    })()
      .catch((error: unknown) => app.log.error({ err: error }, failure))
      .finally(() => {
        running = undefined;
      });
  };
  const first = firstRunMs === undefined ? undefined : setTimeout(tick, Math.min(everyMs, firstRunMs));
  first?.unref();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  });
}
