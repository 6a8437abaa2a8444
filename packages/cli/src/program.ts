import { Command } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerAudit } from './commands/audit.js';
import { registerDemo } from './commands/demo.js';
import { registerEval } from './commands/eval.js';
import { registerExport } from './commands/export.js';
import { registerForget } from './commands/forget.js';
import { registerImport } from './commands/import.js';
import { registerKeys } from './commands/keys.js';
import { registerNotes } from './commands/notes.js';
import { registerProjects } from './commands/projects.js';
import { registerReport } from './commands/report.js';
import { registerRetention } from './commands/retention.js';
import { registerServe } from './commands/serve.js';
import { registerThemes } from './commands/themes.js';

export function buildProgram(): Command {
  const program = new Command('feedloop')
    .description('Collect end-user feedback on AI outputs and turn it into better AI.')
    .version('0.1.0')
    .showHelpAfterError();
  registerServe(program);
  registerDemo(program);
  registerKeys(program);
  registerImport(program);
  registerExport(program);
  registerProjects(program);
  registerAnalyze(program);
  registerReport(program);
  registerEval(program);
  registerNotes(program);
  registerThemes(program);
  registerForget(program);
  registerRetention(program);
  registerAudit(program);
  return program;
}
