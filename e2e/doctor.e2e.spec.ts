// The doctor and readiness, as an operator meets them: `doctor` on a healthy stack, on a stack
// whose worker is stopped while a post is due, and with Temporal unreachable.
import { randomBytes } from 'node:crypto';
import type { Connection } from '@temporalio/client';
import {
  type DoctorJson,
  type HeraldStack,
  type IsolatedDatabase,
  PublicApiClient,
  type TestOrganization,
  createIsolatedDatabase,
  createTestNamespace,
  createTestOrganization,
  freePort,
  runDoctor,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

describe('the doctor', () => {
  let stack: HeraldStack;
  let database: IsolatedDatabase;
  let temporal: Connection;
  let org: TestOrganization;

  beforeAll(async () => {
    // A database, Redis prefix and Temporal namespace of its own: the doctor looks at the whole
    // installation, and other suites leave overdue posts and channels to reconnect behind.
    database = await createIsolatedDatabase('doctor');
    const created = await createTestNamespace('doctor');
    temporal = created.connection;
    stack = await startHeraldStack({
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: `${testEnv().redisKeyPrefix}doctor-${randomBytes(3).toString('hex')}:`,
      TEMPORAL_NAMESPACE: created.namespace,
    });
    org = await createTestOrganization(database.db, stack.sandbox, ['facebook']);
  });

  afterAll(async () => {
    await stack?.stop();
    await temporal?.close();
    await database?.drop();
  });

  it('should find nothing wrong with a healthy stack, exit 0, and say so in JSON', async () => {
    await waitUntil('the stack to be ready', async () => ((await fetch(`${stack.apiUrl}/api/health/ready`)).ok ? true : undefined));

    const run = await runDoctor(stack.env, ['--json']);

    const report = JSON.parse(run.stdout) as DoctorJson;
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(report.status).toBe('ok');
    expect(run.code).toBe(0);
    expect(report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['postgres', 'migrations', 'redis', 'workers', 'temporal', 'temporal-namespace', 'search-attributes',
        'temporal-dynamic-config', 'task-queue:herald-workflows', 'task-queue:herald-publish-facebook', 'overdue-posts', 'channels']),
    );
  });

  it('should turn unready naming the queue, and name the overdue post and why, when the worker is stopped', async () => {
    await stack.worker.stop();
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const postId = await api.schedule(org.channels.facebook!.integration.id, { content: `Nobody publishes this ${Date.now()}` }, { date: new Date(Date.now() + 2_000) });

    const ready = await waitUntil('readiness to turn unready', async () => {
      const response = await fetch(`${stack.apiUrl}/api/health/ready`);
      return response.status === 503 ? ((await response.json()) as { reasons: string[]; taskQueues: Array<{ name: string; status: string; waitingPosts: number }> }) : undefined;
    });
    expect(ready.reasons).toContain('No worker polls task queue herald-workflows, and 1 post waits on it.');
    expect(ready.taskQueues.find((q) => q.name === 'herald-workflows')).toMatchObject({ status: 'down', waitingPosts: 1 });

    // Overdue once it is 30 s past its time: a healthy worker would have claimed it long before.
    const run = await waitUntil(
      'the doctor to call the post overdue',
      async () => {
        const attempt = await runDoctor(stack.env);
        return attempt.stdout.includes(postId) ? attempt : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 3_000 },
    );

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ overdue-posts: 1 post is past its publish time and still waiting:$/m);
    expect(run.stdout).toMatch(new RegExp(`^ {4}- post ${postId} to Facebook Page .*: no poller on herald-workflows; no poller on herald-publish-facebook\\.$`, 'm'));
    expect(run.stdout).toMatch(/^ {4}fix: Start a worker for herald-workflows and herald-publish-facebook\.$/m);
    expect(run.stdout).toMatch(/^✗ task-queue:herald-workflows: No poller on herald-workflows: no worker has polled it recently/m);
    expect(run.stdout).toMatch(/^✗ workers: No worker process is running/m);
  });

  it('should say Temporal does not answer, and exit 1 within 15 s, when Temporal is not there', async () => {
    const port = await freePort();

    const run = await runDoctor({ ...stack.env, TEMPORAL_ADDRESS: `127.0.0.1:${port}` });

    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(15_000);
    expect(run.stdout).toMatch(new RegExp(`^✗ temporal: Temporal at 127\\.0\\.0\\.1:${port} does not answer: .*$`, 'm'));
    expect(run.stdout).toMatch(/^ {4}fix: Start the Temporal server .*or correct TEMPORAL_ADDRESS\.$/m);
    expect(run.stdout).toMatch(/^! task-queue:herald-workflows: Not checked: Temporal does not answer\.$/m);
  });
});
