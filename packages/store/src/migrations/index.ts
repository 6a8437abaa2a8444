import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import * as initial from './001-initial.js';
import * as inputHash from './002-input-hash.js';
import * as analysis from './003-analysis.js';
import * as privacy from './004-privacy.js';
import * as evalSets from './005-eval-sets.js';
import * as releaseNotes from './006-release-notes.js';
import * as rollupMarginals from './007-rollup-marginals.js';
import * as themes from './008-themes.js';
import * as rephrase from './009-rephrase.js';
import * as candidateIndexes from './010-candidate-indexes.js';
import * as themeIndexes from './011-theme-indexes.js';
import * as captureBits from './012-capture-bits.js';
import * as hourMarginals from './013-hour-marginals.js';
import * as dayPairs from './014-day-pairs.js';
import * as memberDimensions from './015-member-dimensions.js';
import * as captureIndex from './016-capture-index.js';
import * as themeMemberDays from './017-theme-member-days.js';
import * as signalTypeIndex from './018-signal-type-index.js';

/** Every migration, in order. Names are permanent once released. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-input-hash': inputHash,
  '003-analysis': analysis,
  '004-privacy': privacy,
  '005-eval-sets': evalSets,
  '006-release-notes': releaseNotes,
  '007-rollup-marginals': rollupMarginals,
  '008-themes': themes,
  '009-rephrase': rephrase,
  '010-candidate-indexes': candidateIndexes,
  '011-theme-indexes': themeIndexes,
  '012-capture-bits': captureBits,
  '013-hour-marginals': hourMarginals,
  '014-day-pairs': dayPairs,
  '015-member-dimensions': memberDimensions,
  '016-capture-index': captureIndex,
  '017-theme-member-days': themeMemberDays,
  '018-signal-type-index': signalTypeIndex,
};

export interface MigrationReport {
  applied: string[];
  error?: { migration: string | undefined; message: string };
}

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'feedloop_migrations',
    migrationLockTableName: 'feedloop_migrations_lock',
  });
}

function reportOf(result: MigrationResultSet): MigrationReport {
  const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (result.error === undefined) return { applied };
  const failed = (result.results ?? []).find((r) => r.status === 'Error');
  const message = result.error instanceof Error ? result.error.message : String(result.error);
  return { applied, error: { migration: failed?.migrationName, message } };
}

/** Brings the schema up to date. Never throws mid-way: the report says what ran and what failed. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationReport> {
  return reportOf(await migrator(db).migrateToLatest());
}

/**
 * Undoes the migrations after `name`, newest first (their `down`). For upgrade tests: a database taken
 * back to an older schema, then brought up to date again, must end as a fresh one.
 */
export async function migrateDownTo(db: Kysely<unknown>, name: string): Promise<MigrationReport> {
  return reportOf(await migrator(db).migrateTo(name));
}
