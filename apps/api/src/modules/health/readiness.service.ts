import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '@temporalio/client';
import type Redis from 'ioredis';
import type { Db } from '@herald/db';
import { CLOCK, type Clock, PRISMA, REDIS, TEMPORAL_CONNECTION } from '../../infrastructure/tokens';
import { type DependencyCheck, probeDependency } from './dependency-probe.util';
import { type TaskQueueReadiness, TaskQueueReadinessService } from './task-queue-readiness.service';

export interface Readiness {
  status: 'ok' | 'degraded';
  checks: { postgres: DependencyCheck; redis: DependencyCheck; temporal: DependencyCheck };
  taskQueues: TaskQueueReadiness[];
  /** Why it is degraded, one sentence per cause (empty when ok). */
  reasons: string[];
}

const CHECK_TIMEOUT_MS = 2_000;
const DEPENDENCY_NAMES = { postgres: 'Postgres', redis: 'Redis', temporal: 'Temporal' } as const;
// 1 = SERVING in grpc.health.v1.HealthCheckResponse.ServingStatus
const SERVING = 1;

/**
 * Ready means Herald can publish: Postgres, Redis and Temporal answer, and no post waits on a
 * task queue that no worker polls. A queue nobody needs right now does not make it unready.
 */
@Injectable()
export class ReadinessService {
  constructor(
    @Inject(PRISMA) private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
    @Inject(CLOCK) private readonly now: Clock,
    private readonly taskQueues: TaskQueueReadinessService,
  ) {}

  async check(): Promise<Readiness> {
    const [postgres, redis, temporal, taskQueues] = await Promise.all([
      probeDependency(() => this.db.$queryRawUnsafe('SELECT 1'), CHECK_TIMEOUT_MS, this.now),
      probeDependency(() => this.pingRedis(), CHECK_TIMEOUT_MS, this.now),
      probeDependency(() => this.temporalServing(), CHECK_TIMEOUT_MS, this.now),
      this.taskQueues.check(),
    ]);
    const checks = { postgres, redis, temporal };
    const reasons = [
      ...Object.entries(checks)
        .filter(([, c]) => c.status === 'down')
        .map(([name, c]) => `${DEPENDENCY_NAMES[name as keyof typeof checks]} does not answer: ${c.error ?? 'no reason given'}.`),
      ...taskQueues
        .filter((q) => q.status === 'down' && (q.waitingPosts ?? 0) > 0)
        .map((q) => `No worker polls task queue ${q.name}, and ${q.waitingPosts} post${q.waitingPosts === 1 ? ' waits' : 's wait'} on it.`),
    ];
    return { status: reasons.length ? 'degraded' : 'ok', checks, taskQueues, reasons };
  }

  private async pingRedis(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect().catch(() => undefined);
    await this.redis.ping();
  }

  private async temporalServing(): Promise<void> {
    const response = await this.temporal.healthService.check({ service: 'temporal.api.workflowservice.v1.WorkflowService' });
    if (response.status !== SERVING) throw new Error(`Temporal is not serving (status ${response.status})`);
  }
}
