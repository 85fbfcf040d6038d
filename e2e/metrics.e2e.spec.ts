// The numbers an operator reads: one post published through the real stack shows up in the
// API's and the worker's /metrics, as Prometheus would scrape them.
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  type MetricSample,
  PublicApiClient,
  type TestOrganization,
  createTestNamespace,
  createTestOrganization,
  sampleValue,
  scrapeMetrics,
  startHeraldStack,
  testEnv,
  waitForHttp,
  waitUntil,
} from '@herald/testing';

const FACEBOOK_QUEUE = 'herald-publish-facebook';

describe('metrics', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    // A namespace of its own, so that no other worker on this Temporal runs this test's
    // activities (and counts them), and a sweep that never reaches back to other tests' posts.
    const { namespace, connection } = await createTestNamespace('metrics');
    await connection.close();
    stack = await startHeraldStack({ TEMPORAL_NAMESPACE: namespace, SWEEP_GRACE_MS: String(365 * 24 * 3600_000) });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
    await waitForHttp(stack.workerMetricsUrl);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  /** Scrapes until `probe` finds what it waits for (the API caches its readings for seconds). */
  function scrapeUntil<T>(url: string, what: string, probe: (samples: MetricSample[]) => T | undefined): Promise<T> {
    return waitUntil(what, async () => probe(await scrapeMetrics(url)), { timeoutMs: 45_000, intervalMs: 500 });
  }

  it('should count the post, its outcome, its lateness and the workers polling its queue', async () => {
    // The worker's queues start one by one (the workflow worker loads its bundle first).
    const pollers = await scrapeUntil(stack.apiMetricsUrl, 'pollers on the Facebook and workflow queues', (s) => {
      const facebook = sampleValue(s, 'herald_task_queue_pollers', { task_queue: FACEBOOK_QUEUE, kind: 'activity' }) ?? 0;
      const workflows = sampleValue(s, 'herald_task_queue_pollers', { task_queue: 'herald-workflows', kind: 'workflow' }) ?? 0;
      return facebook >= 1 && workflows >= 1 ? s : undefined;
    });
    const apiBefore = await scrapeMetrics(stack.apiMetricsUrl);
    const workerBefore = await scrapeMetrics(stack.workerMetricsUrl);
    const publishedBefore = sampleValue(apiBefore, 'herald_posts', { state: 'PUBLISHED' })!;
    const outcome = { network: 'facebook', outcome: 'published' };

    const created = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 2_000).toISOString(),
      posts: [{ integration: { id: org.channels.facebook!.integration.id }, value: [{ content: 'Counted once', image: [] }] }],
    });
    const post = await api.waitForOutcome(created.body[0]!.postId);
    const apiAfter = await scrapeUntil(stack.apiMetricsUrl, 'the PUBLISHED count to grow', (s) =>
      sampleValue(s, 'herald_posts', { state: 'PUBLISHED' })! > publishedBefore ? s : undefined,
    );
    const workerAfter = await scrapeMetrics(stack.workerMetricsUrl);

    expect(post).toMatchObject({ state: 'PUBLISHED' });
    expect(sampleValue(pollers, 'herald_task_queue_pollers', { task_queue: FACEBOOK_QUEUE, kind: 'activity' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(pollers, 'herald_task_queue_pollers', { task_queue: 'herald-workflows', kind: 'workflow' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(apiAfter, 'herald_dependency_up', { dependency: 'temporal' })).toBe(1);
    expect(sampleValue(apiAfter, 'herald_dependency_up', { dependency: 'postgres' })).toBe(1);
    expect(sampleValue(apiAfter, 'herald_posts', { state: 'PUBLISHED' })).toBeGreaterThanOrEqual(publishedBefore + 1);
    expect(sampleValue(workerAfter, 'herald_publish_outcomes_total', outcome)! - sampleValue(workerBefore, 'herald_publish_outcomes_total', outcome)!).toBe(1);
    const lateness = (s: MetricSample[], series: string) => sampleValue(s, `herald_publish_lateness_seconds_${series}`, { network: 'facebook' })!;
    expect(lateness(workerAfter, 'count') - lateness(workerBefore, 'count')).toBe(1);
    // Published within a minute of its time: the observation sits in the 60 s bucket.
    const within60 = (s: MetricSample[]) => sampleValue(s, 'herald_publish_lateness_seconds_bucket', { network: 'facebook', le: '60' })!;
    expect(within60(workerAfter) - within60(workerBefore)).toBe(1);
    expect(sampleValue(workerAfter, 'herald_worker_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(apiAfter, 'herald_api_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });
});
