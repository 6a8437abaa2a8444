/** The options every command that opens the database shares, each also an environment variable. */
import { openStore, type Store } from '@feedloop/store';
import { type Command, Option } from 'commander';

export interface StoreOptions {
  data: string;
  databaseUrl?: string;
}

export function addStoreOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--data <dir>', 'folder for the embedded SQLite database').env('FEEDLOOP_DATA').default('.feedloop'),
    )
    .addOption(
      new Option('--database-url <url>', 'use this PostgreSQL database instead of the embedded one').env(
        'DATABASE_URL',
      ),
    );
}

/** Opens and migrates the configured store; exits with the migration's report when it fails. */
export async function openMigratedStore(options: StoreOptions): Promise<Store> {
  const store = openStore({ dataDir: options.data, databaseUrl: options.databaseUrl });
  const report = await store.migrate();
  if (report.error) {
    await store.close();
    throw new Error(`Database migration ${report.error.migration ?? ''} failed: ${report.error.message}`);
  }
  return store;
}

/** Runs `work` with an open store and always closes it. */
export async function withStore<T>(options: StoreOptions, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openMigratedStore(options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
