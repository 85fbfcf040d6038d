import path from 'node:path';

/** What `npm test` provides to the int and e2e suites (scripts/test.mjs). */
export interface TestEnv {
  databaseUrl: string;
  redisUrl: string;
  redisKeyPrefix: string;
  temporalAddress: string;
  temporalBin: string;
  runDir: string;
  encryptionKey: string;
  /** The zone the API and workers under test run in (the runner stays in UTC). */
  stackTimeZone: string;
}

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function testEnv(): TestEnv {
  const required = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the suite through \`npm test\`, which starts the services it needs.`);
    return value;
  };
  return {
    databaseUrl: required('DATABASE_URL'),
    redisUrl: required('REDIS_URL'),
    redisKeyPrefix: required('REDIS_KEY_PREFIX'),
    temporalAddress: required('TEMPORAL_ADDRESS'),
    temporalBin: required('TEMPORAL_BIN'),
    runDir: required('HERALD_TEST_RUN_DIR'),
    encryptionKey: required('HERALD_ENCRYPTION_KEY'),
    stackTimeZone: process.env.HERALD_STACK_TZ ?? 'UTC',
  };
}
