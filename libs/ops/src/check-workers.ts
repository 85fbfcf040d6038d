import type { CheckContext } from './check-context';
import { type CheckResult, checkResult } from './check-result';
import { findDuplicateWorkers } from './find-duplicate-workers.util';
import { formatDuration } from './format-duration.util';
import type { WorkerHeartbeatReading } from './read-worker-heartbeats';
import { isLiveHeartbeat } from './worker-heartbeat.types';

export const WORKERS_CHECK = 'workers';

export interface WorkersCheckData {
  workers: Array<{ identity: string; queues: Array<{ name: string; state: string }>; startedAt: string; reportedAt: string }>;
}

/**
 * Worker processes alive now, by their own reports in Redis: the quick signal, since Temporal
 * lists a dead worker's pollers for minutes.
 */
export function checkWorkers(reading: WorkerHeartbeatReading, keyPrefix: string, context: CheckContext): CheckResult<WorkersCheckData> {
  const now = context.now();
  const live = reading.heartbeats.filter(isLiveHeartbeat);
  const data: WorkersCheckData = {
    workers: live.map((h) => ({ identity: h.identity, queues: h.queues, startedAt: h.startedAt, reportedAt: h.reportedAt })),
  };
  if (!live.length) {
    const last = [...reading.heartbeats].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt))[0];
    const why = last
      ? `No worker process is running (the last one, ${last.identity}, stopped ${formatDuration(now.getTime() - Date.parse(last.reportedAt))} ago): nothing publishes posts.`
      : 'No worker process has reported in the last 30 s: nothing publishes posts.';
    return checkResult(WORKERS_CHECK, 'fail', why, now, {
      fix:
        'Start the worker (`node apps/worker/dist/main.js`; `npm start` and docker compose\'s herald-worker run one). ' +
        `If one is running, give it the same REDIS_URL and REDIS_KEY_PREFIX ("${keyPrefix}") as this process.`,
      data,
    });
  }

  const findings: string[] = [];
  const fixes: string[] = [];
  const duplicates = findDuplicateWorkers(live);
  for (const d of duplicates) {
    findings.push(
      `${d.processes.length} worker processes on host ${d.hostname} serve the same queues (${d.queues.join(', ')}): pids ${d.processes.map((p) => p.pid).join(', ')}.`,
    );
  }
  if (duplicates.length) fixes.push('If you did not scale on purpose, stop one.');

  const stuck = live.flatMap((h) =>
    h.queues.filter((q) => q.state === 'connecting' || q.state === 'backing-off').map((q) => `${h.identity} on ${q.name} (${q.state})`),
  );
  if (stuck.length) {
    findings.push(`Not polling yet, retrying: ${stuck.join(', ')}.`);
    fixes.push('A worker backs off while it cannot reach Temporal or its worker failed: check TEMPORAL_ADDRESS and that worker\'s log.');
  }

  const summary = live
    .map((h) => `${h.identity} (${h.queues.map((q) => q.name).join(', ')}; up ${formatDuration(now.getTime() - Date.parse(h.startedAt))})`)
    .join('; ');
  if (reading.malformed.length) {
    findings.push(`Unreadable worker reports in Redis: ${reading.malformed.map((m) => `${m.key} (${m.problem})`).join(', ')}.`);
    fixes.push('Another program writes under this REDIS_KEY_PREFIX: give Herald a prefix of its own.');
  }
  if (!findings.length) {
    return checkResult(WORKERS_CHECK, 'ok', `${live.length} worker process${live.length === 1 ? '' : 'es'} alive: ${summary}.`, now, { data });
  }
  return checkResult(WORKERS_CHECK, 'warn', `${findings.join(' ')} Alive: ${summary}.`, now, { fix: fixes.join(' '), data });
}
