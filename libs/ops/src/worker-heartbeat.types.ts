/** What a worker process says about one task queue it serves (the supervisor's states). */
export const WORKER_QUEUE_STATES = ['connecting', 'running', 'backing-off', 'stopped'] as const;
export type WorkerQueueState = (typeof WORKER_QUEUE_STATES)[number];

/**
 * A worker process's report of itself, kept in Redis at `worker:<identity>` (under
 * REDIS_KEY_PREFIX) with a short TTL: while the key exists, the process is alive.
 */
export interface WorkerHeartbeat {
  /** Temporal's worker identity, `${pid}@${hostname}`: the identity its pollers show. */
  identity: string;
  hostname: string;
  pid: number;
  queues: Array<{ name: string; state: WorkerQueueState }>;
  startedAt: string;
  reportedAt: string;
}

export const WORKER_HEARTBEAT_KEY_PREFIX = 'worker:';

export function workerHeartbeatKey(identity: string): string {
  return `${WORKER_HEARTBEAT_KEY_PREFIX}${identity}`;
}

/** A report whose queues are all stopped is the last word of a process that has left. */
export function isLiveHeartbeat(heartbeat: WorkerHeartbeat): boolean {
  return heartbeat.queues.some((q) => q.state !== 'stopped');
}
