// Herald's processes start in any order. Started while Temporal, Postgres or Redis is down, the API
// and the worker stay up, say what is missing, and turn ready within 15 s of it answering; a post
// scheduled in the meantime is published exactly once. Each scenario has its own dependency
// instance (a Temporal dev server, a Postgres cluster, a redis-server), database and Redis keys.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Db } from '@herald/db';
import { createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  type IsolatedDatabase,
  PrivatePostgres,
  PrivateRedis,
  PublicApiClient,
  TemporalDevServer,
  createIsolatedDatabase,
  createTestNamespace,
  createTestOrganization,
  freePort,
  recordMeasurement,
  runDoctor,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

/** The bound: ready within 15 s of the missing dependency answering. */
const READY_WITHIN_MS = 15_000;
/** How long the dependency stays away after the processes start. */
const OUTAGE_MS = 30_000;
/** "At its time" on a loaded machine; a post the sweep forgot for a whole interval is a minute late. */
const PUNCTUAL_MS = 10_000;

interface Readiness {
  httpStatus: number;
  checks: Record<'postgres' | 'redis' | 'temporal', { status: string }>;
  reasons: string[];
}

async function readiness(stack: HeraldStack): Promise<Readiness> {
  const response = await fetch(`${stack.apiUrl}/api/health/ready`, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as Omit<Readiness, 'httpStatus'>;
  return { ...body, httpStatus: response.status };
}

/** Milliseconds from `since` until /api/health/ready answers 200. */
async function msUntilReady(stack: HeraldStack, since: number): Promise<number> {
  let last: Readiness | undefined;
  try {
    await waitUntil('readiness', async () => ((last = await readiness(stack)).httpStatus === 200 ? true : undefined), { timeoutMs: 60_000, intervalMs: 200 });
  } catch (error) {
    throw new Error(`${(error as Error).message}; it last said ${JSON.stringify(last)}`);
  }
  return Date.now() - since;
}

function expectProcessesUp(stack: HeraldStack): void {
  expect({ api: stack.api.running, worker: stack.worker.running }).toEqual({ api: true, worker: true });
}

async function sleepUntil(at: number): Promise<void> {
  if (at > Date.now()) await new Promise((r) => setTimeout(r, at - Date.now()));
}

function redisPrefix(label: string): string {
  return `${testEnv().redisKeyPrefix}${label}-${randomBytes(3).toString('hex')}:`;
}

describe('starting while Temporal is down', () => {
  let temporal: TemporalDevServer;
  let database: IsolatedDatabase;
  let stack: HeraldStack;

  beforeAll(async () => {
    temporal = new TemporalDevServer(await freePort());
    database = await createIsolatedDatabase('no_temporal');
    stack = await startHeraldStack({
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_START_TIMEOUT_MS: '2000',
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: redisPrefix('no-temporal'),
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await temporal?.stop();
    await database?.drop();
  });

  it('should stay up, save posts meanwhile, turn ready once Temporal answers, and publish each post once at its time', async () => {
    const startedAt = Date.now();
    const org = await createTestOrganization(database.db, stack.sandbox, ['facebook']);
    const page = org.channels.facebook!;
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const schedule = (content: string, at: Date) =>
      api.request<Array<{ postId: string; workflow?: string }>>('POST', '/posts', {
        type: 'schedule',
        date: at.toISOString(),
        posts: [{ integration: { id: page.integration.id }, value: [{ content, image: [] }] }],
      });
    // One saved long before Temporal returns, one seconds before (the sweep leaves posts that
    // young to the API for a moment, then must come back for them).
    const early = { content: `Saved while Temporal was away ${startedAt}`, at: new Date(startedAt + OUTAGE_MS + 20_000) };
    const late = { content: `Saved just before Temporal came back ${startedAt}`, at: new Date(startedAt + OUTAGE_MS + 15_000) };

    const created = [await schedule(early.content, early.at)];
    const during = await readiness(stack);
    await sleepUntil(startedAt + OUTAGE_MS - 2_000);
    created.push(await schedule(late.content, late.at));
    expectProcessesUp(stack);
    await temporal.start();
    const answeredAt = Date.now();
    const readyMs = await msUntilReady(stack, answeredAt);
    recordMeasurement('Temporal back → API ready', readyMs);
    const posts = await Promise.all(created.map((c) => api.waitForOutcome(c.body[0]!.postId, 90_000)));

    expect(created.map((c) => [c.status, c.body[0]!.workflow])).toEqual([[201, 'pending'], [201, 'pending']]);
    expect(during.httpStatus).toBe(503);
    expect(during.checks.temporal.status).toBe('down');
    expect(readyMs).toBeLessThan(READY_WITHIN_MS);
    expect(posts.map((p) => p.heraldState)).toEqual(['PUBLISHED', 'PUBLISHED']);
    const published = await stack.sandbox.published({ network: 'facebook', accountId: page.account.id });
    expect(published.map((p) => p.text).sort()).toEqual([early.content, late.content].sort());
    for (const { content, at } of [early, late]) {
      const lateness = Date.parse(published.find((p) => p.text === content)!.createdAt) - at.getTime();
      expect({ content, lateness: lateness >= 0 && lateness < PUNCTUAL_MS }).toEqual({ content, lateness: true });
    }
    expectProcessesUp(stack);
  });
});

describe('starting while Postgres is down', () => {
  let postgres: PrivatePostgres;
  let db: Db;
  let stack: HeraldStack;

  beforeAll(async () => {
    postgres = await PrivatePostgres.create(await freePort());
    await postgres.start();
    const url = await postgres.createHeraldDatabase('herald');
    db = createPrismaClient(url, { maxConnections: 2 });
    const { namespace, connection } = await createTestNamespace('no-postgres');
    await connection.close();
    stack = await startHeraldStack({ DATABASE_URL: url, TEMPORAL_NAMESPACE: namespace, REDIS_KEY_PREFIX: redisPrefix('no-postgres') });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
    await postgres?.destroy();
  });

  it('should stay up, refuse writes naming Postgres, turn ready once it answers, and publish the post due meanwhile once', async () => {
    const org = await createTestOrganization(db, stack.sandbox, ['facebook']);
    const page = org.channels.facebook!;
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const content = `Due while Postgres was away ${Date.now()}`;
    // Due in the middle of the outage: the workflow wakes, and its claim waits for Postgres.
    const postId = await api.schedule(page.integration.id, { content }, { date: new Date(Date.now() + OUTAGE_MS / 2) });

    await postgres.stop();
    // Postgres going away under running processes does not stop them either.
    await new Promise((r) => setTimeout(r, 3_000));
    const upAfterLoss = { api: stack.api.running, worker: stack.worker.running };
    // The API and the worker start anew while Postgres is down.
    await Promise.all([stack.api.stop(), stack.worker.stop()]);
    stack.worker.start();
    stack.api.start();
    const startedAt = Date.now();
    await waitUntil('the API to answer', async () => ((await fetch(`${stack.apiUrl}/api/health/live`)).ok ? true : undefined));
    const during = await readiness(stack);
    const refused = await api.request<{ code: string; dependency: string }>('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 600_000).toISOString(),
      posts: [{ integration: { id: page.integration.id }, value: [{ content: 'Never saved', image: [] }] }],
    });
    const doctor = await runDoctor(stack.env);
    await sleepUntil(startedAt + OUTAGE_MS);
    expectProcessesUp(stack);
    await postgres.start();
    const answeredAt = Date.now();
    const readyMs = await msUntilReady(stack, answeredAt);
    recordMeasurement('Postgres back → API ready', readyMs);
    const post = await api.waitForOutcome(postId, 90_000);

    expect(upAfterLoss).toEqual({ api: true, worker: true });
    expect(during.httpStatus).toBe(503);
    expect(during.checks).toMatchObject({ postgres: { status: 'down' }, redis: { status: 'up' }, temporal: { status: 'up' } });
    expect(refused).toMatchObject({ status: 503, body: { code: 'DEPENDENCY_UNAVAILABLE', dependency: 'postgres' } });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^✗ postgres: .*does not answer/m);
    expect(readyMs).toBeLessThan(READY_WITHIN_MS);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    const published = await stack.sandbox.published({ network: 'facebook', accountId: page.account.id });
    expect(published.map((p) => p.text)).toEqual([content]);
    expect(await db.post.count({ where: { content: 'Never saved' } })).toBe(0);
    expectProcessesUp(stack);
  });
});

describe('starting while Redis is down', () => {
  let redis: PrivateRedis;
  let database: IsolatedDatabase;
  let stack: HeraldStack;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    database = await createIsolatedDatabase('no_redis');
    const { namespace, connection } = await createTestNamespace('no-redis');
    await connection.close();
    stack = await startHeraldStack({ REDIS_URL: redis.url, DATABASE_URL: database.url, TEMPORAL_NAMESPACE: namespace });
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
    await database?.drop();
  });

  it('should stay up, schedule meanwhile, turn ready once Redis answers, and publish the post once', async () => {
    const startedAt = Date.now();
    const org = await createTestOrganization(database.db, stack.sandbox, ['instagram']);
    const instagram = org.channels.instagram!;
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const content = `Scheduled while Redis was away ${Date.now()}`;

    const postId = await api.schedule(instagram.integration.id, { content, files: [path.join(__dirname, 'fixtures/photo.jpg')] }, { date: new Date(Date.now() + 5_000) });
    const during = await readiness(stack);
    const doctor = await runDoctor(stack.env);
    await sleepUntil(startedAt + OUTAGE_MS);
    expectProcessesUp(stack);
    await redis.start();
    const answeredAt = Date.now();
    const readyMs = await msUntilReady(stack, answeredAt);
    recordMeasurement('Redis back → API ready', readyMs);
    const post = await api.waitForOutcome(postId, 90_000);

    expect(during.httpStatus).toBe(503);
    expect(during.checks).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'down' }, temporal: { status: 'up' } });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/^✗ redis: .*does not answer/m);
    expect(readyMs).toBeLessThan(READY_WITHIN_MS);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED' });
    const published = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(published.map((p) => p.text)).toEqual([content]);
    expectProcessesUp(stack);
  });
});
