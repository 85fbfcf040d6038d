// When Temporal cannot be reached the API keeps working: a post is saved, and the answer says its
// publication waits for Temporal (the sweep starts it then; see sweep.e2e.spec.ts).
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  freePort,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

describe('scheduling while Temporal is unreachable', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;

  beforeAll(async () => {
    // Nothing listens on this port: the API starts anyway (it connects lazily).
    stack = await startHeraldStack({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, TEMPORAL_START_TIMEOUT_MS: '3000' });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook']);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should save the post and say its publication waits for Temporal', async () => {
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);

    const response = await api.request<Array<{ postId: string; workflow: string; warning: string }>>('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 60_000).toISOString(),
      posts: [{ integration: { id: org.channels.facebook!.integration.id }, value: [{ content: 'Hello', image: [] }] }],
    });

    expect(response.status).toBe(201);
    expect(response.body[0]).toMatchObject({ workflow: 'pending' });
    expect(response.body[0]!.warning).toMatch(/Temporal is not reachable.*saved.*as soon as Temporal is back/);
    const stored = await db.post.findUniqueOrThrow({ where: { id: response.body[0]!.postId } });
    expect(stored).toMatchObject({ state: 'QUEUE', workflowId: null });
  });

  it('should keep serving what does not need Temporal, and say in readiness what is missing', async () => {
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const integrations = await api.request<unknown[]>('GET', '/integrations');
    const ready = await fetch(`${stack.apiUrl}/api/health/ready`);
    const readiness = (await ready.json()) as { checks: Record<string, { status: string }> };

    expect(integrations.status).toBe(200);
    expect(integrations.body).toHaveLength(1);
    expect(ready.status).toBe(503);
    expect(readiness.checks).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'down' } });
  });
});
