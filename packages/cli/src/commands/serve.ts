import { buildServer } from '@feedloop/server';
import type { Store } from '@feedloop/store';
import { type Command, Option } from 'commander';
import { type Bootstrap, bootstrap } from '../bootstrap.js';
import { addStoreOptions, openMigratedStore, type StoreOptions } from '../store-options.js';
import { startBanner } from './banner.js';

/** How the server listens: the options `serve` and `demo` share. */
export interface ListenOptions {
  host: string;
  port: string;
  rateLimitSecret: string;
  rateLimitPublic: string;
  themeAssignEvery: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

interface ServeOptions extends StoreOptions, ListenOptions {
  demo?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function addListenOptions(command: Command): Command {
  return command
    .addOption(new Option('--host <host>', 'address to listen on').env('FEEDLOOP_HOST').default('127.0.0.1'))
    .addOption(
      new Option('--port <port>', 'port to listen on (0 picks a free one)').env('FEEDLOOP_PORT').default('4545'),
    )
    .addOption(
      new Option('--rate-limit-secret <n>', 'requests per minute per secret key, 0 for none')
        .env('FEEDLOOP_RATE_LIMIT_SECRET')
        .default('600000'),
    )
    .addOption(
      new Option('--rate-limit-public <n>', 'requests per minute per public key, 0 for none')
        .env('FEEDLOOP_RATE_LIMIT_PUBLIC')
        .default('6000'),
    )
    .addOption(
      new Option(
        '--theme-assign-every <seconds>',
        'how often new negative feedback joins the latest themes, 0 for never (docs/themes.md: heavy at scale)',
      )
        .env('FEEDLOOP_THEME_ASSIGN_EVERY')
        .default('300'),
    )
    .addOption(
      new Option('--log-level <level>', 'log verbosity')
        .env('FEEDLOOP_LOG_LEVEL')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
        .default('warn'),
    );
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port: expected 0–65535, got ${value}`);
  return port;
}

/** An interval flag in whole seconds (0 turns the job off), as milliseconds. */
export function parseEverySeconds(flag: string, value: string): number {
  if (!/^[0-9]{1,9}$/.test(value.trim())) {
    throw new Error(`${flag}: expected a whole number of seconds (0 for never), got ${JSON.stringify(value)}`);
  }
  return Number(value.trim()) * 1000;
}

/** Checks the listen options before anything is opened, so a bad flag fails fast and by name. */
export function checkListenOptions(options: ListenOptions): void {
  parsePort(options.port);
  parseEverySeconds('--theme-assign-every', options.themeAssignEvery);
}

/**
 * Serves the API on an open store until SIGTERM or SIGINT, then finishes requests in flight and closes
 * the store. Prints the start banner; returns the address it listens on.
 */
export async function listenUntilStopped(
  store: Store,
  options: ListenOptions,
  boot: Bootstrap | undefined,
): Promise<string> {
  const port = parsePort(options.port);
  const app = await buildServer({
    store,
    config: {
      secretKeyRateLimit: Number(options.rateLimitSecret),
      publicKeyRateLimit: Number(options.rateLimitPublic),
      themeAssignEveryMs: parseEverySeconds('--theme-assign-every', options.themeAssignEvery),
      logLevel: options.logLevel,
    },
  });
  const address = await app.listen({ host: options.host, port });
  const url = address.replace('[::1]', 'localhost');
  console.log(startBanner(url, store.backend, boot));
  if (!LOOPBACK.has(options.host)) {
    console.log(`\nListening beyond loopback on ${options.host}: every API read needs a secret key.`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing requests in flight, then closing the database.`);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return url;
}

export function registerServe(program: Command): void {
  const serve = program
    .command('serve')
    .description('run the Feedloop server')
    .option('--demo', 'serve the synthetic demo history instead, from .feedloop-demo (same as `feedloop demo`)');
  addListenOptions(addStoreOptions(serve)).action(async (options: ServeOptions) => {
    if (options.demo) {
      // Loaded on demand: the demo command builds on this module's listen options.
      const { runDemo } = await import('./demo.js');
      await runDemo({ ...options, data: '.feedloop-demo', weeks: '8', scale: '1', seed: '1', serve: true });
      return;
    }
    checkListenOptions(options);
    const store = await openMigratedStore(options);
    const boot = await bootstrap(store, {
      projectName: process.env.FEEDLOOP_INIT_PROJECT,
      secretKey: process.env.FEEDLOOP_INIT_SECRET_KEY,
      publicKey: process.env.FEEDLOOP_INIT_PUBLIC_KEY,
    });
    await listenUntilStopped(store, options, boot);
  });
}
