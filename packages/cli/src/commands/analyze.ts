/**
 * `feedloop analyze <name>`: the analyses of `GET /v1/analysis/<name>` on the command line, with the
 * same parameters as options (`--model-version` for `modelVersion`) and the same JSON out.
 */
import {
  ANALYSES,
  type AnalysisName,
  COHORT_SORTS,
  DIMENSION_NAMES,
  GRANULARITIES,
  runAnalysis,
} from '@feedloop/services';
import { type Command, Option } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Options shared by the analyses and the report: range, dimension filters, unfiltered. */
export function addFilterOptions(command: Command): Command {
  command
    .option('--from <iso>', 'start of the range (inclusive); default 30 days before --to')
    .option('--to <iso>', 'end of the range (exclusive); default now')
    .option('--unfiltered', 'count what the abuse filter set aside too (latest vote still wins)');
  for (const name of DIMENSION_NAMES)
    command.option(`--${kebab(name)} <value>`, `only interactions whose ${name} is this`);
  return command;
}

/** Commander's parsed options as the string parameters the analyses read. */
export function analysisParameters(options: Record<string, unknown>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data' || key === 'databaseUrl' || key === 'project' || key === 'out') continue;
    if (value === true) params[key] = 'true';
    else if (typeof value === 'string') params[key] = value;
  }
  return params;
}

export function registerAnalyze(program: Command): void {
  const command = program
    .command('analyze')
    .description('print an analysis as JSON (the same as GET /v1/analysis/<name>)')
    .addArgument(program.createArgument('<name>', 'which analysis').choices(ANALYSES as readonly string[]))
    .option('--project <id-or-name>', 'project (default: the only project)')
    .addOption(new Option('--granularity <g>', 'timeseries: bucket size (default day)').choices(GRANULARITIES))
    .addOption(new Option('--dimension <d>', 'cohorts, compare: the dimension').choices(DIMENSION_NAMES))
    .addOption(new Option('--sort <measure>', 'cohorts: what to rank by').choices(COHORT_SORTS))
    .addOption(new Option('--order <order>', 'cohorts: best or worst first').choices(['best', 'worst']))
    .option('--min-support <n>', 'cohorts, moves, failures: votes needed to be ranked (default 30)')
    .option('--values <a,b,...>', 'compare: the values to compare, the baseline first')
    .option('--alpha <level>', 'compare: significance level (default 0.05)');
  addStoreOptions(addFilterOptions(command)).action(
    async (name: AnalysisName, options: StoreOptions & { project?: string }) => {
      await withStore(options, async (store) => {
        const projectId = await resolveProject(store, options.project);
        const result = await runAnalysis(name, {
          store,
          projectId,
          params: analysisParameters(options as unknown as Record<string, unknown>),
          fieldPrefix: '--',
        });
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      });
    },
  );
}
