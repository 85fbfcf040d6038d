import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from '@temporalio/client';
import type Redis from 'ioredis';
import type { ApiConfig } from '@herald/config';
import { OperationsRepository } from '@herald/db';
import {
  HERALD_QUEUES,
  type SeenPoller,
  type Settled,
  type WorkerHeartbeatReading,
  cacheFor,
  errorText,
  evaluateQueueCoverage,
  localProcessGone,
  readQueuePollers,
  readWorkerHeartbeats,
  settle,
  waitingByQueue,
  withTimeout,
} from '@herald/ops';
import { API_CONFIG, CLOCK, type Clock, REDIS, TEMPORAL_CONNECTION } from '../../infrastructure/tokens';

/** One task queue as readiness reports it. */
export interface TaskQueueReadiness {
  name: string;
  /** up: a worker polls it now; down: none does; unknown: Temporal could not be asked. */
  status: 'up' | 'down' | 'unknown';
  checkedAt: string;
  /** Posts in QUEUE or PUBLISHING that need this queue; null when Postgres could not say. */
  waitingPosts: number | null;
  /** Worker identities (pid@host) serving it: by their heartbeat, or seen polling by Temporal. */
  workers: string[];
  lastPolledAt: string | null;
  error?: string;
}

interface QueueFacts {
  checkedAt: Date;
  pollers: Array<Settled<SeenPoller[]>>;
  heartbeats: Settled<WorkerHeartbeatReading>;
  waiting: Settled<Record<string, number>>;
}

/** Temporal is asked at most once per this long, however often readiness is scraped. */
const FACTS_TTL_MS = 5_000;
const TIMEOUT_MS = 2_000;

/** Whether a worker polls each of Herald's task queues now, and how much work waits on it. */
@Injectable()
export class TaskQueueReadinessService {
  private readonly facts: () => Promise<QueueFacts>;

  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly now: Clock,
    private readonly operations: OperationsRepository,
  ) {
    this.facts = cacheFor(FACTS_TTL_MS, () => this.gather());
  }

  async check(): Promise<TaskQueueReadiness[]> {
    const facts = await this.facts();
    const heartbeats = facts.heartbeats.ok ? facts.heartbeats.value.heartbeats : null;
    const waiting = facts.waiting.ok ? facts.waiting.value : null;
    return HERALD_QUEUES.map((queue, index): TaskQueueReadiness => {
      const checkedAt = facts.checkedAt.toISOString();
      const waitingPosts = waiting?.[queue.name] ?? null;
      const pollers = facts.pollers[index];
      if (!pollers?.ok) {
        return { name: queue.name, status: 'unknown', checkedAt, waitingPosts, workers: [], lastPolledAt: null, error: errorText(pollers?.error) };
      }
      const coverage = evaluateQueueCoverage({ queue, pollers: pollers.value, heartbeats, now: facts.checkedAt, isGone: localProcessGone });
      const live = coverage.pollers.filter((p) => p.live);
      const lastPolledAt = live.map((p) => p.lastAccessTime).filter((t): t is string => t !== null).sort().pop() ?? null;
      return {
        name: queue.name,
        status: coverage.polled ? 'up' : 'down',
        checkedAt,
        waitingPosts,
        workers: [...new Set([...coverage.running, ...live.map((p) => p.identity)])],
        lastPolledAt,
      };
    });
  }

  private async gather(): Promise<QueueFacts> {
    const checkedAt = this.now();
    const namespace = this.config.TEMPORAL_NAMESPACE;
    const [pollers, heartbeats, waiting] = await Promise.all([
      Promise.all(HERALD_QUEUES.map((queue) => settle(readQueuePollers(this.temporal, namespace, queue, TIMEOUT_MS)))),
      settle(withTimeout(readWorkerHeartbeats(this.redis), TIMEOUT_MS)),
      settle(withTimeout(this.operations.countWaitingByProvider(), TIMEOUT_MS).then(waitingByQueue)),
    ]);
    return { checkedAt, pollers, heartbeats, waiting };
  }
}
