// The API must never leave a post in QUEUE without a workflow that will publish it: when
// Temporal cannot be reached, the caller is told (503) and nothing is stored.
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

  it('should answer 503 naming Temporal and keep no post', async () => {
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);

    const response = await api.request('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 60_000).toISOString(),
      posts: [{ integration: { id: org.channels.facebook!.integration.id }, value: [{ content: 'Hello', image: [] }] }],
    });

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', dependency: 'temporal' });
    expect(String(response.body.message)).toMatch(/not saved/);
    expect(await db.post.count({ where: { organizationId: org.organizationId } })).toBe(0);
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
