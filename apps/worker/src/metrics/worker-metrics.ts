import type { WorkerInterceptors } from '@temporalio/worker';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { activityFailuresInterceptor } from './activity-failures.interceptor';
import { PublishMetrics } from './publish-metrics';

export interface WorkerMetrics {
  registry: Registry;
  publish: PublishMetrics;
  /** Given to every Temporal worker of the process. */
  interceptors: WorkerInterceptors;
}

/** The worker process's metrics, in a registry of its own (served by startMetricsServer). */
export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'herald_worker_' });
  return {
    registry,
    publish: new PublishMetrics(registry),
    interceptors: { activity: [activityFailuresInterceptor(registry)] },
  };
}
