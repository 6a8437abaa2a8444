#!/usr/bin/env node
import { buildProgram } from './program.js';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`feedloop: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
