import { Registry } from 'prom-client';
import { parsePrometheusText, sampleValue } from '@herald/testing';
import { registerApiMetrics } from './api-metrics';
import { postStateCounts } from './post-state-counts';
import { ScrapeCache } from './scrape-cache';
import type { QueuePollers } from './task-queue-pollers';

const cached = <T>(read: () => Promise<T>) => new ScrapeCache(read, { ttlMs: 0, timeoutMs: 1_000 });

async function scrape(postStates: () => Promise<ReturnType<typeof postStateCounts>>, pollers: () => Promise<QueuePollers[]>) {
  const registry = new Registry();
  registerApiMetrics(registry, { postStates: cached(postStates), pollers: cached(pollers) });
  return parsePrometheusText(await registry.metrics());
}

describe(registerApiMetrics.name, () => {
  const pollers: QueuePollers[] = [
    { taskQueue: 'herald-workflows', kind: 'workflow', pollers: 2 },
    { taskQueue: 'herald-publish-facebook', kind: 'activity', pollers: 1 },
  ];

  it('should give every post state, with zero for states no post is in', async () => {
    const samples = await scrape(async () => postStateCounts([{ state: 'PUBLISHED', count: 4 }, { state: 'QUEUE', count: 2 }]), async () => pollers);

    expect(samples.filter((s) => s.name === 'herald_posts').map((s) => [s.labels.state, s.value])).toEqual([
      ['DRAFT', 0],
      ['QUEUE', 2],
      ['PUBLISHING', 0],
      ['PUBLISHED', 4],
      ['ERROR', 0],
    ]);
    expect(sampleValue(samples, 'herald_task_queue_pollers', { task_queue: 'herald-workflows', kind: 'workflow' })).toBe(2);
    expect(sampleValue(samples, 'herald_task_queue_pollers', { task_queue: 'herald-publish-facebook', kind: 'activity' })).toBe(1);
    expect(sampleValue(samples, 'herald_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(sampleValue(samples, 'herald_dependency_up', { dependency: 'temporal' })).toBe(1);
  });

  it('should leave out the pollers rather than claim zero when Temporal cannot be asked, and say Temporal is down', async () => {
    const samples = await scrape(async () => postStateCounts([]), async () => Promise.reject(new Error('UNAVAILABLE')));

    expect(samples.filter((s) => s.name === 'herald_task_queue_pollers')).toEqual([]);
    expect(sampleValue(samples, 'herald_dependency_up', { dependency: 'temporal' })).toBe(0);
    expect(sampleValue(samples, 'herald_dependency_up', { dependency: 'postgres' })).toBe(1);
  });

  it('should leave out the post counts when Postgres cannot be asked, and say Postgres is down', async () => {
    const samples = await scrape(async () => Promise.reject(new Error('ECONNREFUSED')), async () => pollers);

    expect(samples.filter((s) => s.name === 'herald_posts')).toEqual([]);
    expect(sampleValue(samples, 'herald_dependency_up', { dependency: 'postgres' })).toBe(0);
  });
});
