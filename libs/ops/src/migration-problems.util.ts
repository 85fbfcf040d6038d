import type { AppliedMigration } from '@herald/db';

export interface MigrationProblems {
  /** In prisma/migrations, not applied to the database. */
  pending: string[];
  /** Started and neither finished nor rolled back: the database may be half-changed. */
  failed: string[];
  /** Applied to the database, unknown to this code: a newer Herald migrated it. */
  unknown: string[];
}

/** Compares the migration folders this code ships with what `_prisma_migrations` records. */
export function migrationProblems(folders: readonly string[], applied: readonly AppliedMigration[] | null): MigrationProblems {
  const rows = applied ?? [];
  const done = new Set(rows.filter((m) => m.finishedAt !== null && m.rolledBackAt === null).map((m) => m.name));
  const failedNames = rows.filter((m) => m.finishedAt === null && m.rolledBackAt === null).map((m) => m.name);
  const known = new Set(folders);
  return {
    pending: folders.filter((f) => !done.has(f) && !failedNames.includes(f)),
    failed: [...new Set(failedNames)].filter((name) => !done.has(name)),
    unknown: [...new Set(rows.map((m) => m.name))].filter((name) => !known.has(name)),
  };
}
