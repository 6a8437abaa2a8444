/**
 * Finds rephrased follow-ups in the background (`detectRephrases`): each project's interactions received
 * since the last pass, a minute after they arrive, so the `rephrase` counts in every view include the
 * restatements the app did not report itself.
 */
import { detectRephrases } from '@feedloop/services';
import type { FastifyInstance } from 'fastify';
import { startProjectJob } from './project-job.js';

export function startRephraseJob(app: FastifyInstance, everyMs: number): void {
  startProjectJob(app, {
    everyMs,
    work: async (projectId) => {
      await detectRephrases(app.store, projectId);
    },
    failure: 'background rephrase detection failed; retried next time',
  });
}
