/**
 * Assigns new negative feedback to the latest themes in the background, so the themes page stays current
 * between full clustering runs. The job remembers each project's fitted model between passes, so only the
 * first pass on a run pays for embedding its members, and skips a pass when no feedback arrived since the
 * last one (docs/themes.md).
 */
import { AssignmentMemory, assignNewItems } from '@feedloop/services';
import type { FastifyInstance } from 'fastify';
import { startProjectJob } from './project-job.js';

export function startThemeAssignmentJob(app: FastifyInstance, everyMs: number): void {
  const memory = new AssignmentMemory();
  startProjectJob(app, {
    everyMs,
    work: async (projectId) => {
      await assignNewItems(app.store, projectId, Date.now(), { memory });
    },
    failure: 'background theme assignment failed',
  });
}
