import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, testEnv } from '@herald/testing';
import type { BenchContext } from './bench-context';
import { profileEnv, stopChild } from './bench-context';
import { median, round, summarize } from './stats.util';

const QUEUES = 4;
const TIMEOUT_MS = 120_000;

/**
 * From the spawn of a worker process to the moment its last task queue's worker starts polling
 * (the "worker polling" line the supervisor logs as it calls Worker.run, once per queue).
 */
async function timeToPoll(script: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const polling = new Set<string>();
  let buffered = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no poll on every queue within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.includes('"worker polling"')) continue;
          polling.add((JSON.parse(line) as { taskQueue: string }).taskQueue);
          if (polling.size === QUEUES) {
            clearTimeout(timer);
            resolve(performance.now() - started);
          }
        }
      });
      child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before polling`)));
    });
  } finally {
    await stopChild(child);
  }
}

/**
 * A copy of the worker's build without its prebuilt bundle, so that it bundles the workflow
 * code at start (what Herald does when the bundle is missing; Postiz's orchestrator always does).
 * Its node_modules link to the worker's, so it resolves the same packages.
 */
function bundleAtStartCopy(): string {
  const dir = path.join(testEnv().runDir, 'worker-bundle-at-start');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(REPO_ROOT, 'apps/worker/dist'), path.join(dir, 'dist'), { recursive: true, filter: (src) => !src.endsWith('workflow-bundle.js') });
  symlinkSync(path.join(REPO_ROOT, 'apps/worker/node_modules'), path.join(dir, 'node_modules'));
  return path.join(dir, 'dist/main.js');
}

export async function coldStartBench(ctx: BenchContext): Promise<void> {
  const production = path.join(REPO_ROOT, 'apps/worker/dist/main.js');
  if (!existsSync(path.join(REPO_ROOT, 'apps/worker/dist/workflow-bundle.js'))) throw new Error('no prebuilt workflow bundle: run the build');
  const atStart = bundleAtStartCopy();
  // No metrics port (the stack's worker holds one); everything else as the stack's worker
  // (profiled too with --profile: where a start's seconds go).
  const env = { ...ctx.stack.env, WORKER_METRICS_PORT: '0', ...(ctx.profileDir ? profileEnv(path.join(ctx.profileDir, 'cold-start')) : { NODE_OPTIONS: '' }) };
  const prod: number[] = [];
  const bundling: number[] = [];
  const { production: n, bundleAtStart: m } = ctx.sizes.coldStart;
  // Interleaved, so that a noisy moment on the machine falls on both.
  for (let i = 0; i < Math.max(n, m); i++) {
    if (i < n) prod.push(await timeToPoll(production, env));
    if (i < m) bundling.push(await timeToPoll(atStart, env));
    ctx.log(`cold start ${i + 1}: production ${round(prod.at(-1) ?? NaN, 0)} ms, bundling at start ${round(bundling.at(-1) ?? NaN, 0)} ms`);
  }
  const p = summarize(prod);
  const b = summarize(bundling);
  ctx.details.coldStart = { productionMs: prod, bundleAtStartMs: bundling };
  const speedup = median(bundling) / median(prod);
  ctx.rows.push(
    { bench: 'cold start', metric: `to first poll on all ${QUEUES} queues, median of ${p.n} / ${b.n}`, herald: p.p50 / 1000, baseline: b.p50 / 1000, unit: 's', goal: '< 3 s', met: p.p50 < 3_000 },
    { bench: 'cold start', metric: 'max', herald: p.max / 1000, baseline: b.max / 1000, unit: 's' },
    { bench: 'cold start', metric: 'speed-up over bundling at start', herald: speedup, unit: 'x', goal: '>= 5x', met: speedup >= 5 },
  );
}
