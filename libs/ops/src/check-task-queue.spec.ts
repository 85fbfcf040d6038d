import { checkTaskQueue } from './check-task-queue';
import { HERALD_QUEUES } from './herald-queues';
import { evaluateQueueCoverage, type SeenPoller } from './queue-coverage.util';
import type { WorkerHeartbeat } from './worker-heartbeat.types';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const workflows = HERALD_QUEUES.find((q) => q.key === 'workflows')!;
const tiktok = HERALD_QUEUES.find((q) => q.key === 'tiktok')!;

function seen(identity: string, kind: SeenPoller['kind'], secondsAgo: number): SeenPoller {
  return { identity, kind, lastAccessTime: new Date(NOW.getTime() - secondsAgo * 1000).toISOString() };
}

function stopped(identity: string, queue: string): WorkerHeartbeat {
  return { identity, hostname: 'box', pid: 1, queues: [{ name: queue, state: 'stopped' }], startedAt: NOW.toISOString(), reportedAt: NOW.toISOString() };
}

describe(checkTaskQueue.name, () => {
  it('should pass a queue a worker polls, naming the worker and how long ago it polled', () => {
    const coverage = evaluateQueueCoverage({ queue: workflows, pollers: [seen('7@box', 'workflow', 4), seen('7@box', 'activity', 2)], heartbeats: [], now: NOW });

    const check = checkTaskQueue(workflows, coverage, 3, NOW);

    expect(check).toMatchObject({
      name: 'task-queue:herald-workflows',
      status: 'ok',
      detail: 'Polled by 7@box (workflow poll 4 s ago, activity poll 2 s ago); 3 posts wait on it.',
    });
  });

  it('should fail a queue without a poller while posts wait on it, and say the stopped worker does not count', () => {
    const coverage = evaluateQueueCoverage({ queue: tiktok, pollers: [seen('7@box', 'activity', 10)], heartbeats: [stopped('7@box', tiktok.name)], now: NOW });

    const check = checkTaskQueue(tiktok, coverage, 1, NOW);

    expect(check.status).toBe('fail');
    expect(check.detail).toBe(
      'No poller on herald-publish-tiktok: no worker has polled it recently (activity pollers missing); 1 post waits on it. ' +
        'Temporal still lists pollers that do not count: 7@box (its process reports stopped).',
    );
    expect(check.fix).toMatch(/^Start a worker that serves herald-publish-tiktok \(WORKER_QUEUES must include "tiktok"/);
  });

  it('should only warn about a network queue nobody polls while nothing waits on it', () => {
    const coverage = evaluateQueueCoverage({ queue: tiktok, pollers: [], heartbeats: [], now: NOW });

    expect(checkTaskQueue(tiktok, coverage, 0, NOW).status).toBe('warn');
  });

  it('should fail the workflow queue without a poller even when nothing waits: every new post needs it', () => {
    const coverage = evaluateQueueCoverage({ queue: workflows, pollers: [], heartbeats: [], now: NOW });

    expect(checkTaskQueue(workflows, coverage, 0, NOW).status).toBe('fail');
  });
});
