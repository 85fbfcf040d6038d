import type { Db } from '@herald/db';
import type { CheckContext } from './check-context';
import { type CheckResult, checkResult } from './check-result';
import { errorText } from './error-text.util';
import { withTimeout } from './with-timeout.util';

export const POSTGRES_CHECK = 'postgres';

/** Postgres answers `SELECT 1` through Herald's own client (its pool, its driver adapter). */
export async function checkPostgres(db: Db, target: string, context: CheckContext): Promise<CheckResult> {
  const started = context.now().getTime();
  try {
    await withTimeout(db.$queryRawUnsafe('SELECT 1'), context.timeoutMs);
    const ms = context.now().getTime() - started;
    return checkResult(POSTGRES_CHECK, 'ok', `Postgres at ${target} answers (${ms} ms).`, context.now());
  } catch (error) {
    return checkResult(POSTGRES_CHECK, 'fail', `Postgres at ${target} does not answer: ${errorText(error)}.`, context.now(), {
      fix: 'Start Postgres, or correct DATABASE_URL (the database must exist: `npm start` creates its own, docker compose creates "herald").',
    });
  }
}
