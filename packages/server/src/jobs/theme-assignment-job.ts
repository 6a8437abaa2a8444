/**
 * Assigns new negative feedback to the latest themes in the background, so the themes page stays current
 * between full clustering runs.
 */
import { assignNewItems } from '@feedloop/services';
import type { FastifyInstance } from 'fastify';
import { startProjectJob } from './project-job.js';

export function startThemeAssignmentJob(app: FastifyInstance, everyMs: number): void {
  startProjectJob(app, {
    everyMs,
    work: async (projectId) => {
      await assignNewItems(app.store, projectId);
    },
    failure: 'background theme assignment failed',
  });
}
