import { Counter, Histogram, type Registry } from 'prom-client';
import { type ErrorCode, NETWORKS, type Network } from '@herald/domain';

/** From on time (a tenth of a second) to an hour late (a long rate-limit pause or an outage). */
export const LATENESS_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

export const PUBLISH_OUTCOMES_METRIC = 'herald_publish_outcomes_total';
export const PUBLISH_LATENESS_METRIC = 'herald_publish_lateness_seconds';
export const WORKFLOW_FAILURES_METRIC = 'herald_workflow_failures_total';

/**
 * How publications end, counted by the bookkeeping activities that record the end in Postgres
 * (the workflow itself must stay deterministic: a counter there would count again on replay).
 * Callers count only the call that actually changed the post's state, so an activity retried
 * after its write succeeded does not count twice.
 */
export class PublishMetrics {
  private readonly outcomes: Counter<'network' | 'outcome' | 'error_code'>;
  private readonly lateness: Histogram<'network'>;
  private readonly workflowFailures: Counter<'network' | 'error_code'>;

  constructor(registry: Registry) {
    this.outcomes = new Counter({
      name: PUBLISH_OUTCOMES_METRIC,
      help: 'Posts whose publication ended, by network and outcome (published or failed) and, for failures, Herald error code.',
      labelNames: ['network', 'outcome', 'error_code'],
      registers: [registry],
    });
    this.lateness = new Histogram({
      name: PUBLISH_LATENESS_METRIC,
      help: 'Seconds from a post\'s publish time to Herald recording it PUBLISHED.',
      labelNames: ['network'],
      buckets: LATENESS_BUCKETS_SECONDS,
      registers: [registry],
    });
    this.workflowFailures = new Counter({
      name: WORKFLOW_FAILURES_METRIC,
      help: 'Publish workflows that ended without publishing (recorded ERROR), by network and Herald error code.',
      labelNames: ['network', 'error_code'],
      registers: [registry],
    });
    // Series that exist from the start, so that the first publication shows up in rate() and increase().
    for (const network of NETWORKS) {
      this.outcomes.inc({ network, outcome: 'published' }, 0);
      this.lateness.zero({ network });
    }
  }

  published(network: Network, publishAt: Date, publishedAt: Date): void {
    this.outcomes.inc({ network, outcome: 'published' });
    this.lateness.observe({ network }, latenessSeconds(publishAt, publishedAt));
  }

  failed(network: Network, code: ErrorCode): void {
    this.outcomes.inc({ network, outcome: 'failed', error_code: code });
    this.workflowFailures.inc({ network, error_code: code });
  }
}

/** Seconds late; a claim may win up to two seconds early (timer against database clock), which is on time. */
export function latenessSeconds(publishAt: Date, publishedAt: Date): number {
  return Math.max(0, (publishedAt.getTime() - publishAt.getTime()) / 1000);
}
