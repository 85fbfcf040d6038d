import { formatDuration } from './format-duration.util';
import type { HeraldQueue, PollerKind } from './herald-queues';
import type { WorkerHeartbeat } from './worker-heartbeat.types';

/**
 * A poller seen this recently counts. Temporal stamps a poller when its poll starts, and an idle
 * worker's long poll lasts 60 s, so a healthy idle worker's last poll is up to ~60 s old
 * (measured: 58 s); 90 s never mistakes it for gone, and notices a dead one sooner than
 * Temporal's own 2-minute rule. The heartbeat is the quicker witness.
 */
export const POLLER_FRESH_MS = 90_000;

export interface SeenPoller {
  identity: string;
  kind: PollerKind;
  /** ISO, or null when Temporal did not say. */
  lastAccessTime: string | null;
}

export interface JudgedPoller extends SeenPoller {
  ageMs: number | null;
  /** Counts as a worker polling now: seen recently, and not known to have stopped. */
  live: boolean;
  /** Why it does not count, when it does not. */
  note?: string;
}

export interface QueueCoverage {
  queue: string;
  polled: boolean;
  /** Poller kinds nobody serves. */
  missing: PollerKind[];
  pollers: JudgedPoller[];
  /** Identities whose heartbeat says they run this queue. */
  running: string[];
  /** Live processes that serve this queue but are not polling it yet (connecting, backing off). */
  notRunning: Array<{ identity: string; state: string }>;
  /** Processes that say they run this queue, but Temporal has not seen them poll it for a while. */
  silent: string[];
}

export interface CoverageInput {
  queue: HeraldQueue;
  pollers: readonly SeenPoller[];
  /** null when Redis could not be read: then pollers alone decide. */
  heartbeats: readonly WorkerHeartbeat[] | null;
  now: Date;
  freshMs?: number;
  /** True when the process behind an identity is known to have exited (see localProcessGone). */
  isGone?: (identity: string) => boolean;
}

/**
 * Is anyone serving this queue? Two witnesses: a live heartbeat that says it runs the queue (the
 * quick signal, and the one that covers a worker too busy to poll), or a poller Temporal saw in
 * the last 90 s. A poller does not count when its own process has said it stopped serving
 * the queue, or is known to have exited: Temporal lists a stopped worker's pollers for minutes.
 */
export function evaluateQueueCoverage(input: CoverageInput): QueueCoverage {
  const { queue, now, freshMs = POLLER_FRESH_MS, isGone = () => false } = input;
  const byIdentity = new Map((input.heartbeats ?? []).map((h) => [h.identity, h]));
  const stateOf = (h: WorkerHeartbeat | undefined) => h?.queues.find((q) => q.name === queue.name)?.state;

  const pollers = input.pollers.map((p): JudgedPoller => {
    const ageMs = p.lastAccessTime ? Math.max(0, now.getTime() - Date.parse(p.lastAccessTime)) : null;
    const state = stateOf(byIdentity.get(p.identity));
    if (ageMs === null || ageMs > freshMs) return { ...p, ageMs, live: false, note: `not seen for over ${formatDuration(freshMs)}` };
    if (state && state !== 'running') return { ...p, ageMs, live: false, note: `its process reports ${state}` };
    if (isGone(p.identity)) return { ...p, ageMs, live: false, note: 'its process has exited' };
    return { ...p, ageMs, live: true };
  });

  const heartbeats = input.heartbeats ?? [];
  const running = heartbeats.filter((h) => stateOf(h) === 'running').map((h) => h.identity);
  const notRunning = heartbeats
    .map((h) => ({ identity: h.identity, state: stateOf(h) }))
    .filter((h): h is { identity: string; state: 'connecting' | 'backing-off' } => h.state === 'connecting' || h.state === 'backing-off');
  const missing = running.length ? [] : queue.kinds.filter((kind) => !pollers.some((p) => p.kind === kind && p.live));

  // A process running for longer than the freshness window should have been seen polling by now;
  // if not, it may be the "healthy but never polls" failure (or busy with long activities).
  const silent = heartbeats
    .filter((h) => stateOf(h) === 'running' && now.getTime() - Date.parse(h.startedAt) > freshMs)
    .filter((h) => !pollers.some((p) => p.identity === h.identity && p.live))
    .map((h) => h.identity);

  return { queue: queue.name, polled: missing.length === 0, missing, pollers, running, notRunning, silent };
}
