#!/usr/bin/env node
import { FeedloopError } from '@feedloop/core';
import { buildProgram } from './program.js';

/** One line per problem: a validation error names each bad option and what was expected. */
function describe(error: unknown): string {
  if (error instanceof FeedloopError && error.details && error.details.length > 0) {
    return [error.message, ...error.details.map((d) => `  ${d.field}: ${d.reason}`)].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`feedloop: ${describe(error)}`);
    process.exit(1);
  });
