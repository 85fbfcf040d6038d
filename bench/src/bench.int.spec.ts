// Keeps the benchmark harness working: runs the driver as `npm run bench` does, with the smoke
// sizes, on the burst benchmark (the one with the most moving parts: a fleet of channels, posts
// through the API, the sandbox's request log, the baseline's worker and Temporal's visibility),
// after the calendar benchmark (posts seeded in Postgres, the worker stopped and started again).
// A check that it runs, not a measurement: the figures of a loaded test machine mean nothing.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, freePort, testEnv } from '@herald/testing';
import type { Row } from './report';

describe('npm run bench -- --smoke', () => {
  it('should run the calendar query, then the burst benchmark against its baseline, and write the result', async () => {
    const env = testEnv();
    const runDir = path.join(env.runDir, 'bench-smoke');
    const resultsDir = path.join(runDir, 'results');
    mkdirSync(resultsDir, { recursive: true });

    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bench/dist/main.js'), '--smoke', '--only', 'burst,calendar'], {
      env: {
        ...process.env,
        // A Temporal server of its own (the harness starts it), the suite's database and Redis.
        TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
        REDIS_KEY_PREFIX: `${env.redisKeyPrefix}bench-smoke:`,
        HERALD_TEST_RUN_DIR: runDir,
        BENCH_RESULTS_DIR: resultsDir,
      },
      timeout: 150_000,
    });

    const file = readdirSync(resultsDir).find((f) => f.endsWith('.json'))!;
    const result = JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8')) as { error?: string; rows: Row[] };
    expect(result.error).toBeUndefined();
    const failed = result.rows.find((r) => r.bench === 'burst' && r.metric.includes('failed posts'));
    expect(failed).toMatchObject({ herald: 0, baseline: 0 });
    expect(result.rows.find((r) => r.bench === 'burst' && r.metric.includes('published twice'))).toMatchObject({ herald: 0, baseline: 0, met: true });
    expect(result.rows.find((r) => r.bench === 'burst' && r.metric.includes('does not list'))).toMatchObject({ herald: 0, met: true });
    expect(result.rows.find((r) => r.metric.includes('last post published'))?.baseline).toBeGreaterThan(0);
    // The calendar benchmark itself fails unless every seeded post of the month, and only those, came back.
    expect(result.rows.find((r) => r.bench === 'calendar' && r.metric.includes('p99'))?.herald).toBeGreaterThan(0);
  });
});
