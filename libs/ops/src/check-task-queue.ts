import { TASK_QUEUES } from '@herald/contracts';
import { type CheckResult, checkResult } from './check-result';
import { formatDuration } from './format-duration.util';
import type { HeraldQueue } from './herald-queues';
import type { QueueCoverage } from './queue-coverage.util';

export function taskQueueCheckName(queue: string): string {
  return `task-queue:${queue}`;
}

export interface TaskQueueCheckData {
  coverage: QueueCoverage;
  /** Posts in QUEUE or PUBLISHING that need this queue; null when Postgres could not say. */
  waitingPosts: number | null;
}

/**
 * Is a worker polling this task queue now? Without one, the posts that need it wait forever:
 * that fails the check when posts wait, or always for the workflow queue (every post needs it).
 */
export function checkTaskQueue(
  queue: HeraldQueue,
  coverage: QueueCoverage,
  waitingPosts: number | null,
  now: Date,
): CheckResult<TaskQueueCheckData> {
  const name = taskQueueCheckName(queue.name);
  const data = { coverage, waitingPosts };
  const waiting = waitingText(waitingPosts);

  if (!coverage.polled) {
    const retryingIds = new Set(coverage.notRunning.map((w) => w.identity));
    const staleById = new Map(coverage.pollers.filter((p) => !p.live && !retryingIds.has(p.identity)).map((p) => [p.identity, p.note]));
    const stale = [...staleById].slice(0, 3).map(([identity, note]) => `${identity} (${note})`);
    if (staleById.size > 3) stale.push(`${staleById.size - 3} more`);
    const retrying = coverage.notRunning.map((w) => `${w.identity} is ${w.state}`);
    const needed = waitingPosts !== 0 || queue.name === TASK_QUEUES.workflows;
    const detail = [
      `No poller on ${queue.name}: no worker has polled it recently (${coverage.missing.join(' and ')} pollers missing); ${waiting}.`,
      retrying.length ? `${retrying.join(', ')}.` : '',
      stale.length ? `Temporal still lists pollers that do not count: ${stale.join(', ')}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return checkResult(name, needed ? 'fail' : 'warn', detail, now, {
      fix: `Start a worker that serves ${queue.name} (WORKER_QUEUES must include "${queue.key}"; \`npm start\` and docker compose's herald-worker run one), or look at the worker's log if one is running.`,
      data,
    });
  }

  const live = coverage.pollers.filter((p) => p.live);
  const identities = [...new Set([...coverage.running, ...live.map((p) => p.identity)])];
  const witnesses = identities.map((identity) => {
    const polls = live
      .filter((p) => p.identity === identity && p.ageMs !== null)
      .map((p) => `${p.kind} poll ${formatDuration(p.ageMs ?? 0)} ago`);
    return polls.length ? `${identity} (${polls.join(', ')})` : `${identity} (by its heartbeat)`;
  });
  const detail = `Polled by ${witnesses.join(', ')}; ${waiting}.`;
  if (coverage.silent.length) {
    return checkResult(
      name,
      'warn',
      `${detail} But ${coverage.silent.join(', ')} say${coverage.silent.length === 1 ? 's' : ''} it serves ${queue.name} and Temporal has not seen it poll for minutes.`,
      now,
      { fix: 'That worker may be stuck (or busy with long activities): look at its log, and restart it if it does not poll.', data },
    );
  }
  return checkResult(name, 'ok', detail, now, { data });
}

function waitingText(waiting: number | null): string {
  if (waiting === null) return 'how many posts wait on it is unknown (Postgres does not answer)';
  if (waiting === 0) return 'no post waits on it';
  return `${waiting} post${waiting === 1 ? ' waits' : 's wait'} on it`;
}
