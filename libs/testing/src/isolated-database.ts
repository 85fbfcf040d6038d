import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Db, createPrismaClient } from '@herald/db';
import { REPO_ROOT, testEnv } from './test-env';

export interface IsolatedDatabase {
  url: string;
  /** A client of its own for the test (two connections). */
  db: Db;
  drop(): Promise<void>;
}

/**
 * A migrated database of the test's own on the run's Postgres server, for suites whose stack
 * must not see other suites' posts: the sweep and the doctor look at the whole database.
 */
export async function createIsolatedDatabase(label: string): Promise<IsolatedDatabase> {
  const admin = createPrismaClient(testEnv().databaseUrl, { maxConnections: 1 });
  const name = `herald_${label}_${randomBytes(4).toString('hex')}`;
  await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(testEnv().databaseUrl);
  url.pathname = `/${name}`;
  await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'scripts/db/migrate.mjs'), 'deploy'], {
    env: { ...process.env, DATABASE_URL: url.toString() },
  });
  const db = createPrismaClient(url.toString(), { maxConnections: 2 });
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect();
      await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.$disconnect();
    },
  };
}
