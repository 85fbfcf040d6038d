import { hostname } from 'node:os';
import type Redis from 'ioredis';
import { type WorkerHeartbeat, workerHeartbeatKey } from './worker-heartbeat.types';

export interface WorkerHeartbeatOptions {
  /** The identity the process's Temporal workers use (workerIdentity() by default). */
  identity?: string;
  /** How often the report is refreshed (10 s). */
  everyMs?: number;
  /** How long a report lives without a refresh (30 s): a process gone this long is dead. */
  ttlMs?: number;
  /**
   * How long the last report, with every queue "stopped", is kept after stop() (5 min): Temporal
   * keeps listing a stopped worker's pollers about that long, and readers must not count them.
   */
  stoppedTtlMs?: number;
  /** Told once when writing starts failing (Redis down), not at every beat of the outage. */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

/** Temporal's default worker identity, which the worker's pollers carry: `${pid}@${hostname}`. */
export function workerIdentity(): string {
  return `${process.pid}@${hostname()}`;
}

export interface WorkerHeartbeatHandle {
  /** Reports now, as when a queue's state changed; a report already being written is followed by this one. */
  beat(): void;
  /** Stops reporting and leaves a last report with every queue stopped (call it after the workers stopped). */
  stop(): Promise<void>;
}

/**
 * Reports this worker process and the state of each queue it serves in Redis every few seconds
 * and at every beat(). A Redis outage never stops the worker: a failed write is reported once
 * and the next beat tries again.
 */
export function startWorkerHeartbeat(
  redis: Redis,
  queues: () => WorkerHeartbeat['queues'],
  options: WorkerHeartbeatOptions = {},
): WorkerHeartbeatHandle {
  const { everyMs = 10_000, ttlMs = 30_000, stoppedTtlMs = 5 * 60_000, onError = () => undefined, now = () => new Date() } = options;
  const identity = options.identity ?? workerIdentity();
  const startedAt = now().toISOString();
  let writing: Promise<void> | undefined;
  let again = false;
  let failing = false;
  let stopped = false;

  const write = async (reported: WorkerHeartbeat['queues'], ttl: number) => {
    const report: WorkerHeartbeat = { identity, hostname: hostname(), pid: process.pid, queues: reported, startedAt, reportedAt: now().toISOString() };
    try {
      await redis.set(workerHeartbeatKey(identity), JSON.stringify(report), 'PX', ttl);
      failing = false;
    } catch (error) {
      if (!failing) onError(error);
      failing = true;
    }
  };
  const beat = (): void => {
    if (stopped) return;
    // One write at a time; a beat asked for meanwhile follows it, with the states of then.
    if (writing) {
      again = true;
      return;
    }
    writing = write(queues(), ttlMs).finally(() => {
      writing = undefined;
      if (again) {
        again = false;
        beat();
      }
    });
  };

  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();

  return {
    beat,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await writing;
      await write(
        queues().map((q) => ({ ...q, state: 'stopped' as const })),
        stoppedTtlMs,
      );
    },
  };
}
