/**
 * Screens new signals in the background (latest-vote-wins, abuse filter), so an analysis request rarely
 * finds a backlog to work through first. Analyses still screen before they read, so the numbers are never
 * stale; this only keeps that step short.
 */
import { screenProject } from '@feedloop/services';
import type { FastifyInstance } from 'fastify';
import { startProjectJob } from './project-job.js';

export function startScreeningJob(app: FastifyInstance, everyMs: number): void {
  startProjectJob(app, {
    everyMs,
    work: async (projectId) => {
      await screenProject(app.store, projectId);
    },
    failure: 'background screening failed; analyses screen on read',
  });
}
