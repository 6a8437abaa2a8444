/**
 * The command-line flags the benchmarks share: `--name value` or `--name=value`, bare `--name` switches,
 * and positive numbers that stop the run with a message naming the flag when they are not.
 *
 * @example
 * const { option, flag, numberOption } = benchArgs(process.argv.slice(2));
 * const runs = numberOption('runs', 7);
 */
export function benchArgs(args) {
  /** The value of `--name value` or `--name=value`; undefined when absent. */
  const option = (name) => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const arg = args[i] ?? '';
    return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
  };
  const flag = (name) => args.includes(`--${name}`);
  const numberOption = (name, fallback) => {
    const value = option(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) {
      console.error(`--${name} expects a positive number, got ${value}`);
      process.exit(1);
    }
    return n;
  };
  return { option, flag, numberOption };
}
