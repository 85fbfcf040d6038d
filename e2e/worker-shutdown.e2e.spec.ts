// A worker told to stop (SIGTERM, as an orchestrator does) while it publishes finishes the
// publish call and hands its work back before it exits; the next worker records the post
// without asking the network twice. A new worker process polls every queue within seconds.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Client, type Connection } from '@temporalio/client';
import { HERALD_QUEUES, readQueuePollers } from '@herald/ops';
import {
  type HeraldStack,
  type IsolatedDatabase,
  PublicApiClient,
  createIsolatedDatabase,
  createTestNamespace,
  createTestOrganization,
  recordMeasurement,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

const GRACE_MS = 20_000;

describe('stopping a worker while it publishes', () => {
  let database: IsolatedDatabase;
  let connection: Connection;
  let namespace: string;
  let stack: HeraldStack;

  beforeAll(async () => {
    database = await createIsolatedDatabase('worker_shutdown');
    ({ namespace, connection } = await createTestNamespace('worker-shutdown'));
    stack = await startHeraldStack({
      DATABASE_URL: database.url,
      TEMPORAL_NAMESPACE: namespace,
      REDIS_KEY_PREFIX: `${testEnv().redisKeyPrefix}worker-shutdown-${randomBytes(3).toString('hex')}:`,
      WORKER_SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
  });

  afterAll(async () => {
    await stack?.sandbox.clearFaults();
    await stack?.stop();
    await connection?.close();
    await database?.drop();
  });

  it('should finish the publish call within the grace period, exit cleanly, and leave the post published once', async () => {
    const org = await createTestOrganization(database.db, stack.sandbox, ['facebook']);
    const page = org.channels.facebook!;
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const content = `Published through a shutdown ${Date.now()}`;
    // The Page answers the publish after 5 s: the worker is told to stop in the middle of it.
    await stack.sandbox.addFault({ method: 'POST', path: `^/${page.account.id}/feed$`, delayMs: 5_000, times: 1 });
    const postId = await api.schedule(page.integration.id, { content }, { type: 'now' });
    await waitUntil('the publish call', async () =>
      (await stack.sandbox.requests({ method: 'POST', pathContains: `${page.account.id}/feed` })).length > 0 ? true : undefined,
    );

    const stopping = Date.now();
    await stack.worker.stop(GRACE_MS + 15_000);
    const stopMs = Date.now() - stopping;
    const exit = stack.worker.lastExit;
    const stateWhileStopped = (await database.db.post.findUniqueOrThrow({ where: { id: postId } })).state;

    stack.worker.start();
    const startedAt = Date.now();
    const identity = `${stack.worker.pid}@${hostname()}`;
    await waitUntil(
      'the new worker to poll every queue',
      async () => {
        const seen = await Promise.all(HERALD_QUEUES.map((queue) => readQueuePollers(connection, namespace, queue, 2_000)));
        return HERALD_QUEUES.every((queue, i) => queue.kinds.every((kind) => seen[i]!.some((p) => p.identity === identity && p.kind === kind)))
          ? true
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    recordMeasurement('worker process start → polling every queue', Date.now() - startedAt);
    const post = await api.waitForOutcome(postId, 60_000);

    expect(exit).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(GRACE_MS + 5_000);
    expect(stateWhileStopped).toBe('PUBLISHING');
    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    const published = await stack.sandbox.published({ network: 'facebook', accountId: page.account.id });
    expect(published.map((p) => p.text)).toEqual([content]);
    expect(post.releaseId).toBe(published[0]!.id);
    expect(await stack.sandbox.requests({ method: 'POST', pathContains: `${page.account.id}/feed` })).toHaveLength(1);
    // The publish call's answer reached Temporal: the staged step that made it completed, once,
    // rather than timing out and being reconciled.
    const client = new Client({ connection, namespace });
    const history = await client.workflow.getHandle(`post:${postId}`).fetchHistory();
    const commits = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'publishWhenDue');
    const completed = (history.events ?? []).filter((e) => e.activityTaskCompletedEventAttributes);
    const commitIds = new Set(commits.map((e) => String(e.eventId)));
    expect(commits).toHaveLength(1);
    expect(completed.filter((e) => commitIds.has(String(e.activityTaskCompletedEventAttributes!.scheduledEventId)))).toHaveLength(1);
  });
});
