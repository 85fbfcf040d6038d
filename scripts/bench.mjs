// `npm run bench [-- --quick] [-- --only <name>] [-- --keep-logs]`: Herald's benchmarks (bench/), against the real
// Temporal dev server, Postgres, Redis and the sandbox. Like `npm test`, a run gets a database, a
// Redis key prefix and a Temporal server of its own (the driver starts that one, because the
// recovery benchmark kills and restarts it), so it never touches `npm start`'s or a test run's data.
// The set-up (as npm test's) builds bench/ into bench/dist with the packages.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run } from './lib/exec.mjs';
import { log } from './lib/log.mjs';
import { freePort } from './lib/net.mjs';
import { deleteRedisKeys, dropDatabase, ensureDatabase, ensurePostgres, ensureRedis } from './lib/services.mjs';
import { root } from './lib/toolchain.mjs';

export async function runBench({ temporalBin, args }) {
  const runId = `${Date.now()}-${process.pid}`;
  const runDir = path.join(root, 'bench/results/runs', runId);
  mkdirSync(runDir, { recursive: true });
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/herald_bench_${runId.replace(/-/g, '_')}`;
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  await ensurePostgres(databaseUrl);
  await ensureRedis(redisUrl);
  await ensureDatabase(databaseUrl);
  const { deploy } = await import('./db/migrate.mjs');
  await deploy(databaseUrl, { quiet: true });
  const env = {
    ...process.env,
    TZ: 'UTC',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `herald-bench-${runId}:`,
    TEMPORAL_BIN: temporalBin,
    // The driver starts the server on this port (bench/src/temporal-server.ts).
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    // libs/testing's helpers (stack, processes) keep their logs in the run's folder.
    HERALD_TEST_RUN_DIR: runDir,
    HERALD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BENCH_RESULTS_DIR: path.join(root, 'bench/results'),
  };
  let ok = false;
  try {
    await run(process.execPath, ['--enable-source-maps', path.join(root, 'bench/dist/main.js'), ...args], { cwd: root, env, inherit: true });
    ok = true;
  } catch {
    ok = false;
  } finally {
    await dropDatabase(databaseUrl).catch((e) => log.warn(`could not drop ${databaseUrl}: ${e.message}`));
    await deleteRedisKeys(redisUrl, `herald-bench-${runId}:`);
    // The Temporal database and logs are large; keep them only when something failed (or asked).
    if (ok && !args.includes('--keep-logs')) rmSync(runDir, { recursive: true, force: true });
    else log.warn(`logs of the ${ok ? '' : 'failed '}run kept in ${runDir}`);
  }
  return ok ? 0 : 1;
}
