// Every route that names a resource in its path, called with another organization's resource:
// the answer is 404 (never the resource, never a 403 that confirms it exists), and the owner sees
// nothing changed. The routes come from the OpenAPI document, so a new route with a path
// parameter fails this test until it is listed here with a body and the resource it names.
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

type Document = { paths: Record<string, Record<string, unknown>> };

const PREFIX = '/api/public/v1';

describe('organization isolation', () => {
  let stack: HeraldStack;
  let db: Db;
  let mine: TestOrganization;
  let theirs: TestOrganization;
  let me: PublicApiClient;
  let them: PublicApiClient;

  beforeAll(async () => {
    // Webhook URLs must be public or allowed: nothing listens at this one, and nothing is sent to it.
    stack = await startHeraldStack({ WEBHOOK_ALLOWED_ORIGINS: 'http://127.0.0.1:9' });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    mine = await createTestOrganization(db, stack.sandbox, ['facebook']);
    theirs = await createTestOrganization(db, stack.sandbox, ['facebook', 'tiktok']);
    me = new PublicApiClient(stack.apiUrl, mine.apiKey);
    them = new PublicApiClient(stack.apiUrl, theirs.apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should answer 404 on every route naming another organization\'s post, group, channel or webhook, and change nothing of theirs', async () => {
    const page = theirs.channels.facebook!.integration.id;
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    const created = await them.request<Array<{ postId: string; group: string }>>('POST', '/posts', {
      type: 'schedule',
      date: inAWeek.toISOString(),
      timeZone: 'Europe/Paris',
      repeat: { frequency: 'daily', interval: 1 },
      posts: [{ integration: { id: page }, value: [{ content: 'Theirs, and only theirs', image: [] }, { content: 'Their comment', image: [], delay: 5 }] }],
    });
    expect(created.status).toBe(201);
    const [{ postId, group }] = created.body as [{ postId: string; group: string }];
    const customer = await them.request<{ id: string }>('POST', '/groups', { name: `Their customer ${Date.now()}` });
    const webhook = await them.request<{ id: string }>('POST', '/webhooks', { name: 'Their hook', url: 'http://127.0.0.1:9/in' });
    expect([customer.status, webhook.status]).toEqual([201, 201]);
    const grouped = await them.request('PUT', `/integrations/${page}/group`, { group: customer.body.id });
    const slotted = await them.request('PUT', `/integrations/${page}/time-slots`, { times: ['09:00'], timeZone: 'Europe/Paris' });
    expect([grouped.status, slotted.status]).toEqual([200, 200]);

    const snapshot = async () => ({
      post: (await them.request('GET', `/posts/${postId}`)).body,
      group: (await them.request('GET', `/posts/group/${group}`)).body,
      channels: (await them.request('GET', '/integrations')).body,
      webhooks: (await them.request('GET', '/webhooks')).body,
      slot: (await them.request('GET', `/find-slot/${page}`)).body,
    });
    const before = await snapshot();

    // What each route with a path parameter gets: their resource, and a body that would be valid
    // for it, so that only the ownership check can refuse it.
    const later = new Date(inAWeek.getTime() + 3_600_000).toISOString();
    const calls: Record<string, { path: string; body?: unknown }> = {
      'get /posts/group/{group}': { path: `/posts/group/${group}` },
      'put /posts/group/{group}': { path: `/posts/group/${group}`, body: { date: later } },
      'delete /posts/group/{group}': { path: `/posts/group/${group}` },
      'get /posts/{id}': { path: `/posts/${postId}` },
      'put /posts/{id}': { path: `/posts/${postId}`, body: { date: later, value: [{ content: 'Mine now', image: [] }] } },
      'put /posts/{id}/status': { path: `/posts/${postId}/status`, body: { status: 'draft' } },
      'put /posts/{id}/settings': { path: `/posts/${postId}/settings`, body: { settings: { url: 'https://example.com' } } },
      'post /posts/{id}/publish-now': { path: `/posts/${postId}/publish-now`, body: {} },
      'get /posts/{id}/missing': { path: `/posts/${postId}/missing` },
      'put /posts/{id}/release-id': { path: `/posts/${postId}/release-id`, body: { releaseId: '7300000000000000001' } },
      'delete /posts/{id}/repeat': { path: `/posts/${postId}/repeat` },
      'delete /posts/{id}': { path: `/posts/${postId}` },
      'put /integrations/{id}/group': { path: `/integrations/${page}/group`, body: { group: null } },
      'put /integrations/{id}/time-slots': { path: `/integrations/${page}/time-slots`, body: { times: ['18:00'] } },
      'get /find-slot/{id}': { path: `/find-slot/${page}` },
      'get /integration-settings/{id}': { path: `/integration-settings/${page}` },
      'delete /integrations/{id}': { path: `/integrations/${page}` },
      'delete /webhooks/{id}': { path: `/webhooks/${webhook.body.id}` },
    };
    const doc = (await (await fetch(`${stack.apiUrl}/api/docs`)).json()) as Document;
    const withParameter = Object.entries(doc.paths)
      .filter(([route]) => route.startsWith(PREFIX) && route.includes('{'))
      .flatMap(([route, methods]) => Object.keys(methods).map((method) => `${method} ${route.slice(PREFIX.length)}`))
      .sort();

    expect(withParameter).toEqual(Object.keys(calls).sort());
    const answers: Record<string, { status: number; code: unknown }> = {};
    for (const [route, { path, body }] of Object.entries(calls)) {
      const method = route.split(' ')[0]!.toUpperCase();
      const answer = await me.request(method, path, body);
      answers[route] = { status: answer.status, code: answer.body?.code };
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(calls).map((route) => [route, { status: 404, code: 'NOT_FOUND' }])));
    expect(await snapshot()).toEqual(before);
    expect(before.post).toMatchObject({ heraldState: 'QUEUE', content: 'Theirs, and only theirs' });
  });

  it('should not let filters, lists or a saved group reach another organization\'s posts and channels', async () => {
    const page = theirs.channels.facebook!.integration.id;
    const at = new Date(Date.now() + 10 * 86_400_000);
    const theirPost = await them.schedule(page, { content: 'Their listed post' }, { date: at });
    const { body: theirView } = await them.request<{ group: string }>('GET', `/posts/${theirPost}`);
    const range = `startDate=${new Date(at.getTime() - 3_600_000).toISOString()}&endDate=${new Date(at.getTime() + 3_600_000).toISOString()}`;
    const [theirCustomer] = (await them.request<Array<{ id: string }>>('GET', '/groups')).body;
    expect(theirCustomer).toBeDefined();

    const listed = await me.request<{ posts: unknown[] }>('GET', `/posts?${range}`);
    const byChannel = await me.request<{ posts?: unknown[]; field?: string }>('GET', `/posts?${range}&integration=${page}`);
    const byCustomer = await me.request<{ posts?: unknown[]; field?: string }>('GET', `/posts?${range}&customer=${theirCustomer!.id}`);
    const channels = await me.request<Array<{ id: string }>>('GET', '/integrations');
    const customers = await me.request<Array<{ id: string }>>('GET', '/groups');
    const webhooks = await me.request<unknown[]>('GET', '/webhooks');
    // Postiz's type "update" names the group to save again: naming theirs must not touch it.
    const update = await me.request('POST', '/posts', {
      type: 'update',
      date: at.toISOString(),
      posts: [{ group: theirView.group, integration: { id: mine.channels.facebook!.integration.id }, value: [{ content: 'Hijack', image: [] }] }],
    });

    expect(listed).toMatchObject({ status: 200, body: { posts: [] } });
    // A filter naming their channel or customer finds nothing: the filter is ANDed with the caller's organization.
    expect(byChannel).toMatchObject({ status: 200, body: { posts: [] } });
    expect(byCustomer).toMatchObject({ status: 200, body: { posts: [] } });
    expect(channels.body.map((c) => c.id)).toEqual([mine.channels.facebook!.integration.id]);
    expect(customers.body).toEqual([]);
    expect(webhooks.body).toEqual([]);
    expect(update).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await them.request('GET', `/posts/${theirPost}`)).body).toMatchObject({ heraldState: 'QUEUE', content: 'Their listed post', group: theirView.group });
    expect((await them.request<{ posts: unknown[] }>('GET', `/posts/group/${theirView.group}`)).body.posts).toHaveLength(1);
  });
});
