import type { Connection } from '@temporalio/client';
import type Redis from 'ioredis';
import type { Db } from '@herald/db';
import { ReadinessService } from './readiness.service';
import type { TaskQueueReadiness, TaskQueueReadinessService } from './task-queue-readiness.service';

const NOW = new Date('2026-12-03T10:00:00.000Z');

function queue(name: string, status: TaskQueueReadiness['status'], waitingPosts: number | null): TaskQueueReadiness {
  return { name, status, checkedAt: NOW.toISOString(), waitingPosts, workers: [], lastPolledAt: null };
}

function service(queues: TaskQueueReadiness[], { postgresUp = true } = {}): ReadinessService {
  const db = { $queryRawUnsafe: async () => (postgresUp ? [{ '?column?': 1 }] : Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))) };
  const redis = { status: 'ready', ping: async () => 'PONG' };
  const temporal = { healthService: { check: async () => ({ status: 1 }) } };
  const taskQueues = { check: async () => queues };
  return new ReadinessService(
    db as unknown as Db,
    redis as unknown as Redis,
    temporal as unknown as Connection,
    () => NOW,
    taskQueues as unknown as TaskQueueReadinessService,
  );
}

describe(ReadinessService.name, () => {
  it('should be ready when the dependencies answer and every queue with waiting posts is polled', async () => {
    const readiness = await service([queue('herald-workflows', 'up', 2), queue('herald-publish-tiktok', 'down', 0)]).check();

    expect(readiness).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' } },
      reasons: [],
    });
  });

  it('should not be ready while posts wait on a queue nobody polls, and name the queue', async () => {
    const readiness = await service([queue('herald-workflows', 'up', 1), queue('herald-publish-facebook', 'down', 1)]).check();

    expect(readiness.status).toBe('degraded');
    expect(readiness.reasons).toEqual(['No worker polls task queue herald-publish-facebook, and 1 post waits on it.']);
  });

  it('should name a dependency that does not answer, and why', async () => {
    const readiness = await service([], { postgresUp: false }).check();

    expect(readiness.checks.postgres).toEqual({ status: 'down', checkedAt: NOW.toISOString(), error: 'connect ECONNREFUSED 127.0.0.1:5432' });
    expect(readiness.reasons).toEqual(['Postgres does not answer: connect ECONNREFUSED 127.0.0.1:5432.']);
  });
});
