/**
 * Assigns new negative feedback to the latest themes in the background, so the themes page stays current
 * between full clustering runs. The job keeps each project's fitted model between passes, so only the
 * first pass on a run pays for embedding its members (docs/themes.md).
 */
import { assignNewItems, RunModelCache } from '@feedloop/services';
import type { FastifyInstance } from 'fastify';
import { startProjectJob } from './project-job.js';

export function startThemeAssignmentJob(app: FastifyInstance, everyMs: number): void {
  const models = new RunModelCache();
  startProjectJob(app, {
    everyMs,
    work: async (projectId) => {
      await assignNewItems(app.store, projectId, Date.now(), { models });
    },
    failure: 'background theme assignment failed',
  });
}
