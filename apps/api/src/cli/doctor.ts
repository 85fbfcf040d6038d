// The doctor: checks everything Herald needs and says what to do about what is wrong.
//   node apps/api/dist/cli/doctor.js [--json]      (npm run doctor builds first when needed)
// Reads the same environment as the API and workers (DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX,
// TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE; DYNAMIC_CONFIG_FILE_PATH, DOCTOR_TIMEOUT_MS).
// Exit status: 0 when every check is ok, 1 when one fails, 2 when there are only warnings.
import path from 'node:path';
import { Connection } from '@temporalio/client';
import Redis from 'ioredis';
import { ConfigError, type DoctorConfig, loadDoctorConfig } from '@herald/config';
import { createPrismaClient } from '@herald/db';
import {
  type DoctorReport,
  checkResult,
  describeDatabaseUrl,
  describeRedisUrl,
  doctorExitCode,
  errorText,
  formatDoctorReport,
  localProcessGone,
  runDoctor,
} from '@herald/ops';

// dist/cli and src/cli are both three levels under the repository (the image keeps prisma/ and dynamicconfig/).
const REPO_ROOT = path.resolve(__dirname, '../../../..');

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  let config: Readonly<DoctorConfig>;
  try {
    config = loadDoctorConfig();
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems.join('; ') : errorText(error);
    const report: DoctorReport = {
      status: 'fail',
      checks: [
        checkResult('configuration', 'fail', `The environment is not valid: ${problems}.`, new Date(), {
          fix: 'Run the doctor with the environment the API and workers have (docker compose: `docker compose run --rm herald-api node apps/api/dist/cli/doctor.js`).',
        }),
      ],
    };
    await print(report, json);
    return doctorExitCode(report.status);
  }

  const report = await diagnose(config);
  await print(report, json);
  return doctorExitCode(report.status);
}

async function diagnose(config: Readonly<DoctorConfig>): Promise<DoctorReport> {
  const db = createPrismaClient(config.DATABASE_URL, { maxConnections: 4 });
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: config.DOCTOR_TIMEOUT_MS,
    // One attempt: the doctor reports an outage, it does not wait it out.
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // reported by the Redis check, not as an unhandled event
  // No retry interceptor: a Temporal that refuses is reported at once, and no retry timer
  // outlives the connection (the default one retries for seconds after close()).
  const temporal = Connection.lazy({ address: config.TEMPORAL_ADDRESS, connectTimeout: config.DOCTOR_TIMEOUT_MS, interceptors: [] });
  try {
    return await runDoctor({
      db,
      redis,
      temporal,
      namespace: config.TEMPORAL_NAMESPACE,
      targets: { postgres: describeDatabaseUrl(config.DATABASE_URL), redis: describeRedisUrl(config.REDIS_URL), temporal: config.TEMPORAL_ADDRESS },
      redisKeyPrefix: config.REDIS_KEY_PREFIX,
      migrationsDir: path.join(REPO_ROOT, 'prisma/migrations'),
      dynamicConfigFile: config.DYNAMIC_CONFIG_FILE_PATH ?? path.join(REPO_ROOT, 'dynamicconfig/development-sql.yaml'),
      timeoutMs: config.DOCTOR_TIMEOUT_MS,
      isGone: localProcessGone,
    });
  } finally {
    // Closing must not hold the verdict back when a dependency hangs.
    const closing = Promise.allSettled([db.$disconnect(), redis.quit(), temporal.close()]);
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }
}

/** Writes the report and waits until it is flushed: a piped stdout is asynchronous. */
async function print(report: DoctorReport, json: boolean): Promise<void> {
  const text = json ? JSON.stringify({ status: report.status, checks: report.checks }, null, 2) : formatDoctorReport(report);
  await new Promise<void>((resolve) => process.stdout.write(`${text}\n`, () => resolve()));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
