import { Module } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { ApiConfig } from '@herald/config';
import { PostRepository } from '@herald/db';
import { API_CONFIG, METRICS_REGISTRY, TEMPORAL_CLIENT } from '../../infrastructure/tokens';
import { registerApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';
import { postStateCounts } from './post-state-counts';
import { ScrapeCache } from './scrape-cache';
import { readTaskQueuePollers } from './task-queue-pollers';

// Scrapers (several Prometheus replicas, a curl) share one read of each source per period.
const POST_STATES_TTL_MS = 5_000;
const POLLERS_TTL_MS = 10_000;
const READ_TIMEOUT_MS = 2_000;

@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: METRICS_REGISTRY,
      inject: [PostRepository, TEMPORAL_CLIENT, API_CONFIG],
      useFactory: (posts: PostRepository, client: Client, config: ApiConfig) => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry, prefix: 'herald_api_' });
        registerApiMetrics(registry, {
          postStates: new ScrapeCache(async () => postStateCounts(await posts.countByState()), {
            ttlMs: POST_STATES_TTL_MS,
            timeoutMs: READ_TIMEOUT_MS,
          }),
          pollers: new ScrapeCache(
            () => client.withDeadline(Date.now() + READ_TIMEOUT_MS, () => readTaskQueuePollers(client, config.TEMPORAL_NAMESPACE, Date.now)),
            { ttlMs: POLLERS_TTL_MS, timeoutMs: READ_TIMEOUT_MS },
          ),
        });
        return registry;
      },
    },
  ],
})
export class MetricsModule {}
