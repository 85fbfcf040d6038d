// `npm test`: type-check and lint, unit tests, then the integration and end-to-end suites
// against a real Postgres database, Redis key prefix and Temporal dev server of their own, so a
// test run never touches `npm start`'s data and two runs can share the machine.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run } from './lib/exec.mjs';
import { log } from './lib/log.mjs';
import { freePort, waitFor } from './lib/net.mjs';
import { deleteRedisKeys, dropDatabase, ensureDatabase, ensurePostgres, ensureRedis } from './lib/services.mjs';
import { stopProcess } from './lib/children.mjs';
import { ensureSearchAttributes, startTemporalServer, temporalHealthy } from './lib/temporal.mjs';
import { root } from './lib/toolchain.mjs';

// The API and workers that end-to-end tests start run in these zones while Jest stays in UTC:
// far from UTC with a 45-minute offset and daylight saving, then a zone with US DST rules.
const STACK_TIME_ZONES = ['Pacific/Chatham', 'America/New_York'];

const jestBin = path.join(root, 'node_modules/jest/bin/jest.js');

async function jest(args, env) {
  try {
    await run(process.execPath, [jestBin, ...args], { cwd: root, env, inherit: true });
    return true;
  } catch {
    return false;
  }
}

async function timed(label, fn) {
  const t = Date.now();
  const result = await fn();
  log.step(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return result;
}

/** What the suites measured on the way (libs/testing recordMeasurement): times, not verdicts. */
function printMeasurements(file) {
  if (!existsSync(file)) return;
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  log.step('measured during the tests:');
  for (const { name, ms } of lines) console.log(`    ${name}: ${(ms / 1000).toFixed(1)} s`);
}

export async function runTests({ temporalBin, started, args }) {
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const patterns = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--only');
  // Given as a flag: after --selectProjects, a bare word would read as another project's name.
  const pathArgs = patterns.length ? ['--testPathPatterns', ...patterns] : [];
  const want = (stage) => !only || only === stage;
  const results = [];

  if (want('static')) {
    const ok = await timed('type-check and lint', async () => {
      try {
        await run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root, inherit: true });
        await run(process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.', '--max-warnings=0'], { cwd: root, inherit: true });
        return true;
      } catch {
        return false;
      }
    });
    results.push(['type-check and lint', ok]);
  }

  if (want('unit')) {
    results.push(['unit', await timed('unit tests', () => jest(['--selectProjects', 'unit', ...pathArgs], { ...process.env, TZ: 'UTC' }))]);
    // The time-zone specs again under a process TZ far ahead of UTC with southern daylight saving,
    // then one behind it with US rules: their results must not depend on TZ (when a pattern picks
    // suites, only if it names them).
    if (patterns.length === 0 || patterns.some((p) => p.includes('timezone'))) {
      for (const zone of ['Pacific/Auckland', 'America/New_York']) {
        const passed = await timed(`time-zone unit tests (TZ ${zone})`, () =>
          jest(['--selectProjects', 'unit', '--testPathPatterns', 'timezone\\.spec'], { ...process.env, TZ: zone }),
        );
        results.push([`unit timezone ${zone}`, passed]);
      }
    }
  }

  if (want('int') || want('e2e')) {
    const runId = `${Date.now()}-${process.pid}`;
    const runDir = path.join(root, '.test-runs', runId);
    mkdirSync(runDir, { recursive: true });
    const databaseUrl = `postgresql://postgres@127.0.0.1:5432/herald_test_${runId.replace(/-/g, '_')}`;
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    await ensurePostgres(databaseUrl);
    await ensureRedis(redisUrl);
    await ensureDatabase(databaseUrl);
    const { deploy } = await import('./db/migrate.mjs');
    await deploy(databaseUrl, { quiet: true });

    const temporalPort = await freePort();
    const temporalAddress = `127.0.0.1:${temporalPort}`;
    const temporal = startTemporalServer({
      bin: temporalBin,
      port: temporalPort,
      dbFile: path.join(runDir, 'temporal.db'),
      logFile: path.join(runDir, 'temporal.log'),
      headless: true,
    });
    let ok = true;
    try {
      await waitFor('the test Temporal server', () => temporalHealthy(temporalBin, temporalAddress), { timeoutMs: 90_000, intervalMs: 500 });
      await ensureSearchAttributes(temporalBin, temporalAddress);
      const env = {
        ...process.env,
        TZ: 'UTC',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: `herald-test-${runId}:`,
        TEMPORAL_ADDRESS: temporalAddress,
        TEMPORAL_BIN: temporalBin,
        HERALD_TEST_RUN_DIR: runDir,
        HERALD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        HERALD_STACK_TZ: STACK_TIME_ZONES[0],
      };
      const projects = [want('int') && ['--selectProjects', 'int'], want('e2e') && ['--selectProjects', 'e2e']].filter(Boolean);
      for (const project of projects) {
        const name = project[1];
        const passed = await timed(`${name} tests (stack TZ ${STACK_TIME_ZONES[0]})`, () => jest([...project, '--runInBand', ...pathArgs], env));
        results.push([name, passed]);
        ok &&= passed;
      }
      // The time-zone suites again under the other zones (when a pattern picks suites, only if it names them).
      if (want('e2e') && (patterns.length === 0 || patterns.some((p) => p.includes('timezone')))) {
        for (const zone of STACK_TIME_ZONES.slice(1)) {
          const passed = await timed(`time-zone e2e tests (stack TZ ${zone})`, () =>
            jest(['--selectProjects', 'e2e', '--runInBand', '--testPathPatterns', 'timezone'], { ...env, HERALD_STACK_TZ: zone }),
          );
          results.push([`e2e timezone ${zone}`, passed]);
          ok &&= passed;
        }
      }
    } finally {
      printMeasurements(path.join(runDir, 'measurements.jsonl'));
      await stopProcess(temporal, 10_000);
      await dropDatabase(databaseUrl).catch((e) => log.warn(`could not drop ${databaseUrl}: ${e.message}`));
      await deleteRedisKeys(redisUrl, `herald-test-${runId}:`);
      if (ok) rmSync(runDir, { recursive: true, force: true });
      else log.warn(`logs of the failed run kept in ${runDir}`);
    }
  }

  console.log('');
  for (const [name, passed] of results) (passed ? log.ok : log.fail)(`${name}`);
  const allPassed = results.every(([, passed]) => passed);
  log.step(`npm test ${allPassed ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return allPassed ? 0 : 1;
}
