import type { BenchContext } from './bench-context';
import { childPids, cpuSeconds, cpuSecondsByName } from './proc.util';

export type CpuSnapshot = Record<string, number>;

/**
 * CPU seconds used so far by each process of the run: where a benchmark's time goes across
 * processes (the worker, the Temporal server, Postgres, the API that serves the media, the
 * sandbox, this driver). Not Postgres: its backends come and go with their connections, so
 * their CPU time cannot be followed this way.
 */
export function cpuSnapshot(ctx: BenchContext, extra: Record<string, number | undefined> = {}): CpuSnapshot {
  const snapshot: CpuSnapshot = {
    worker: cpuSeconds(ctx.stack.worker.pid),
    temporal: childPids(ctx.temporal.pid).reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    redis: cpuSecondsByName('redis-server'),
    api: cpuSeconds(ctx.stack.api.pid),
    sandbox: cpuSeconds(ctx.stack.sandboxProcess.pid),
    driver: cpuSeconds(process.pid),
  };
  for (const [name, pid] of Object.entries(extra)) snapshot[name] = cpuSeconds(pid);
  return snapshot;
}

/** What each process used between two snapshots, in CPU seconds. */
export function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  return Object.fromEntries(Object.keys(after).map((name) => [name, Math.round(((after[name] ?? 0) - (before[name] ?? 0)) * 100) / 100]));
}
