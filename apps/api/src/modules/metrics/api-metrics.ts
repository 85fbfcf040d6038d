import { Gauge, type Registry } from 'prom-client';
import type { PostState } from '@herald/domain';
import type { Reading, ScrapeCache } from './scrape-cache';
import type { QueuePollers } from './task-queue-pollers';

export const POSTS_METRIC = 'herald_posts';
export const TASK_QUEUE_POLLERS_METRIC = 'herald_task_queue_pollers';
export const DEPENDENCY_UP_METRIC = 'herald_dependency_up';

export interface ApiMetricSources {
  /** Undeleted posts per state, all organizations. */
  postStates: ScrapeCache<Record<PostState, number>>;
  pollers: ScrapeCache<QueuePollers[]>;
}

/**
 * The API's gauges, read at scrape time. While a source cannot be read its series are left
 * out rather than set to 0, which would claim "no posts" or "no workers" without knowing;
 * herald_dependency_up says which source is down.
 */
export function registerApiMetrics(registry: Registry, sources: ApiMetricSources): void {
  new Gauge({
    name: POSTS_METRIC,
    help: 'Undeleted posts by state (DRAFT, QUEUE, PUBLISHING, PUBLISHED, ERROR), all organizations, from Postgres.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      const reading = await sources.postStates.get();
      if (!reading.up) return;
      for (const [state, count] of Object.entries(reading.value)) this.set({ state }, count);
    },
  });
  new Gauge({
    name: TASK_QUEUE_POLLERS_METRIC,
    help: 'Workers polling each Herald task queue, by kind (workflow or activity), as Temporal reports them.',
    labelNames: ['task_queue', 'kind'],
    registers: [registry],
    async collect() {
      this.reset();
      const reading = await sources.pollers.get();
      if (!reading.up) return;
      for (const { taskQueue, kind, pollers } of reading.value) this.set({ task_queue: taskQueue, kind }, pollers);
    },
  });
  new Gauge({
    name: DEPENDENCY_UP_METRIC,
    help: 'Whether the API could read a dependency at the last scrape (1) or not (0).',
    labelNames: ['dependency'],
    registers: [registry],
    async collect() {
      const [postgres, temporal] = await Promise.all([sources.postStates.get(), sources.pollers.get()]);
      this.set({ dependency: 'postgres' }, upValue(postgres));
      this.set({ dependency: 'temporal' }, upValue(temporal));
    },
  });
}

function upValue(reading: Reading<unknown>): number {
  return reading.up ? 1 : 0;
}
