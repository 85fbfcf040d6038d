import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AppliedMigration } from '@herald/db';
import { type CheckResult, checkResult } from './check-result';
import { migrationProblems } from './migration-problems.util';

export const MIGRATIONS_CHECK = 'migrations';

const MIGRATE = '`npm run db:migrate` (docker compose runs herald-migrate before the API and workers)';

/** Prisma's migration folders: every folder with a migration.sql, in the order they apply. */
export function readMigrationFolders(migrationsDir: string): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

/** Every migration this code ships (prisma/migrations) is applied to the database, and none failed. */
export function checkMigrations(folders: readonly string[], applied: readonly AppliedMigration[] | null, now: Date): CheckResult {
  const { pending, failed, unknown } = migrationProblems(folders, applied);
  const data = { folders: folders.length, pending, failed, unknown };
  if (failed.length) {
    return checkResult(MIGRATIONS_CHECK, 'fail', `Migration ${failed.join(', ')} started and did not finish: the database may be half-migrated.`, now, {
      fix: 'Read the error in the `logs` column of _prisma_migrations, repair the database by hand, set that row\'s rolled_back_at, then migrate again: ' + MIGRATE + '.',
      data,
    });
  }
  if (pending.length) {
    const never = applied === null ? ' (the database was never migrated)' : '';
    return checkResult(MIGRATIONS_CHECK, 'fail', `${pending.length} of ${folders.length} migrations are not applied${never}: ${pending.join(', ')}.`, now, {
      fix: `Apply them: ${MIGRATE}.`,
      data,
    });
  }
  if (unknown.length) {
    return checkResult(MIGRATIONS_CHECK, 'warn', `The database has migrations this code does not know (${unknown.join(', ')}): a newer Herald migrated it.`, now, {
      fix: 'Run the Herald version that migrated this database, or a newer one.',
      data,
    });
  }
  return checkResult(MIGRATIONS_CHECK, 'ok', `All ${folders.length} migrations are applied (latest ${folders[folders.length - 1] ?? 'none'}).`, now, { data });
}
