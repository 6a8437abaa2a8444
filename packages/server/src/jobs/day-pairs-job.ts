/**
 * Rebuilds the daily pair rollups of days whose rollups changed (`buildDayPairs`), so reads with two
 * dimensions involved find them current. A few days per project and pass, most recent first: after an
 * upgrade the history is built over the following minutes, and until then those days are read from the
 * hourly rollups (same numbers, slower).
 */
import { buildDayPairs } from '@feedloop/store';
import type { FastifyInstance } from 'fastify';
import { startProjectJob } from './project-job.js';

export function startDayPairsJob(app: FastifyInstance, everyMs: number): void {
  startProjectJob(app, {
    everyMs,
    firstRunMs: 5_000,
    work: async (projectId) => {
      await buildDayPairs(app.store, projectId);
    },
    failure: 'building daily pair rollups failed; those days are read from the hourly rollups meanwhile',
  });
}
