import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { type Db, createPrismaClient } from '@herald/db';
import { type HeraldStack, startHeraldStack, testEnv } from '@herald/testing';
import type { Row } from './report';
import { BenchTemporal } from './temporal-server';

export interface BenchSizes {
  coldStart: { production: number; bundleAtStart: number };
  throughput: { rounds: number; requests: number; concurrency: number };
  /** One organization's month of `posts` posts through GET /posts, timed `queries` times. */
  calendar: { posts: number; queries: number };
  /**
   * `ahead`: schedule the posts more than Herald's lead before their instant, as users schedule
   * them days ahead (their workflows start delayed and wake a lead before it); otherwise just
   * before it (they are handed to the workers as they are scheduled), which keeps the set short.
   */
  burst: Array<{ posts: number; runs: number; ahead: boolean }>;
  /** Undefined: not in this set. */
  scale?: { posts: number; orgs: number; maxMs: number };
  recovery: { posts: number };
}

export const QUICK: BenchSizes = {
  coldStart: { production: 3, bundleAtStart: 2 },
  throughput: { rounds: 2, requests: 200, concurrency: 50 },
  calendar: { posts: 5_000, queries: 30 },
  burst: [{ posts: 300, runs: 1, ahead: false }],
  recovery: { posts: 90 },
};

/** Tiny sizes that run every code path in seconds: `--smoke` (a check that the harness works, not a measurement). */
export const SMOKE: BenchSizes = {
  coldStart: { production: 1, bundleAtStart: 1 },
  throughput: { rounds: 1, requests: 20, concurrency: 5 },
  calendar: { posts: 40, queries: 3 },
  burst: [{ posts: 9, runs: 1, ahead: false }],
  scale: { posts: 60, orgs: 2, maxMs: 60_000 },
  recovery: { posts: 9 },
};

export const FULL: BenchSizes = {
  coldStart: { production: 5, bundleAtStart: 5 },
  throughput: { rounds: 3, requests: 1_500, concurrency: 50 },
  calendar: { posts: 5_000, queries: 50 },
  burst: [
    { posts: 1_000, runs: 2, ahead: true },
    { posts: 10_000, runs: 1, ahead: true },
  ],
  // Through the API at its measured rate, 100,000 posts take a while: capped at 20 minutes.
  scale: { posts: 100_000, orgs: 20, maxMs: 20 * 60_000 },
  recovery: { posts: 1_000 },
};

/** What every benchmark shares: the run's Temporal server, Herald's stack, a database client. */
export interface BenchContext {
  sizes: BenchSizes;
  temporal: BenchTemporal;
  stack: HeraldStack;
  db: Db;
  client: Client;
  rows: Row[];
  /** Raw figures per benchmark, for the JSON result. */
  details: Record<string, unknown>;
  /** Set with --profile: where the processes write their CPU profiles. */
  profileDir?: string;
  /** Herald's posts per second through the API, once measured (sizes the burst's lead time). */
  apiPostsPerSecond?: number;
  log(message: string): void;
}

/** Environment every Herald process of the bench gets on top of the test stack's. */
export const STACK_OVERRIDES: NodeJS.ProcessEnv = {
  // The sandbox answers at once: no added latency, images and photo posts ready on the first read.
  SANDBOX_LATENCY_MS: '0',
  SANDBOX_PROCESSING_POLLS: '0',
  SANDBOX_TIKTOK_RATE_LIMITS: 'off',
  // The public API's per-organization hourly cap (Postiz's 90) would stop a load test at once.
  API_LIMIT: '0',
  // Each network's activity rate is a courtesy to the network, the same for Herald and the
  // baseline; lifted so that the bench measures Herald rather than a configured cap.
  FACEBOOK_ACTIVITIES_PER_SECOND: '1000',
  INSTAGRAM_ACTIVITIES_PER_SECOND: '1000',
  TIKTOK_ACTIVITIES_PER_SECOND: '1000',
  // Herald's production log level; the logs go to files in the run's folder.
  LOG_LEVEL: 'info',
  // The production defaults, not the test stack's tiny cache (which makes every task a replay),
  // short commit timeout (which sets how often held posts heartbeat) and short request timeout
  // (10 s: under a big burst, answers take longer and each timeout costs a reconciliation).
  WORKER_MAX_CACHED_WORKFLOWS: undefined,
  PUBLISH_COMMIT_TIMEOUT_MS: undefined,
  PROVIDER_TIMEOUT_MS: undefined,
};

/** Environment that makes a Herald process profile itself into `dir` (see cpu-profile.preload.ts). */
export function profileEnv(dir: string): NodeJS.ProcessEnv {
  return { NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile.preload.js')}`, BENCH_PROFILE_DIR: dir };
}

/**
 * `profileDir`: the API and the worker write V8 CPU profiles there when they exit (profiling
 * slows them: figures of such a run are for finding where time goes, not for comparing).
 */
export async function openContext(sizes: BenchSizes, profileDir?: string): Promise<BenchContext> {
  const env = testEnv();
  const port = Number(env.temporalAddress.split(':').pop());
  const temporal = new BenchTemporal(env.temporalBin, port, path.join(env.runDir, 'temporal.db'), path.join(env.runDir, 'temporal.log'));
  await temporal.start();
  process.once('exit', () => temporal.signalGroup('SIGKILL'));
  // Node as production runs it: no source maps (they make every error's stack costly).
  const stack = await startHeraldStack({ ...STACK_OVERRIDES, ...(profileDir && profileEnv(profileDir)) }, { sourceMaps: false });
  const db = createPrismaClient(env.databaseUrl, { maxConnections: 4 });
  const client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
  return {
    sizes,
    temporal,
    stack,
    db,
    client,
    rows: [],
    details: {},
    profileDir,
    log: (message) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`),
  };
}

export async function closeContext(ctx: BenchContext): Promise<void> {
  await ctx.stack.stop();
  await ctx.client.connection.close();
  await ctx.db.$disconnect();
  await ctx.temporal.stop();
}

/** The baseline's worker process (bench/dist/baseline), polling queues named after `queuePrefix`. */
export async function startBaselineWorker(ctx: BenchContext, queuePrefix: string): Promise<ChildProcess> {
  const log = createWriteStream(path.join(testEnv().runDir, `baseline-${queuePrefix}.log`));
  const child = spawn(process.execPath, [path.join(__dirname, 'baseline/baseline-worker.main.js')], {
    env: { ...ctx.stack.env, NODE_OPTIONS: '', BENCH_BASELINE_QUEUE: queuePrefix },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(log);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (chunk.toString().includes('baseline worker polling')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the baseline worker exited (${code}) before polling`)));
  });
  return child;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}
