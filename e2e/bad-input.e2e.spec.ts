// Every route that takes a body, sent a body it cannot accept: a 400 that names the field and
// says why, and nothing of the organization's changes. The routes come from the OpenAPI document,
// so a new route with a body fails this test until it is listed here with a bad body.
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

type Operation = { requestBody?: unknown };
type Document = { paths: Record<string, Record<string, Operation>> };

const PREFIX = '/api/public/v1';

describe('bad input on every route with a body', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should answer 400 naming the field, and change nothing', async () => {
    const page = org.channels.facebook!.integration.id;
    const postId = await api.schedule(page, { content: 'Left as it was' }, { date: new Date(Date.now() + 7 * 86_400_000) });
    const { body: post } = await api.request<{ group: string }>('GET', `/posts/${postId}`);
    const group = post.group;

    const snapshot = async () => ({
      post: (await api.request('GET', `/posts/${postId}`)).body,
      channels: (await api.request('GET', '/integrations')).body,
      groups: (await api.request('GET', '/groups')).body,
      webhooks: (await api.request('GET', '/webhooks')).body,
      posts: await db.post.count({ where: { organizationId: org.organizationId } }),
      media: await db.media.count({ where: { organizationId: org.organizationId } }),
    });
    const before = await snapshot();

    // Each route with a JSON body, a body it must refuse, and the field the answer must name.
    const calls: Record<string, { path: string; body: unknown; field: string | RegExp }> = {
      'post /posts': { path: '/posts', body: { type: 'schedule', date: 'tomorrow', posts: [{ integration: { id: page }, value: [{ content: 'x', image: [] }] }] }, field: 'date' },
      'put /posts/group/{group}': { path: `/posts/group/${group}`, body: { date: '2031-01-01T09:00:00' }, field: 'date' },
      'put /posts/{id}': { path: `/posts/${postId}`, body: { value: [{ content: 42 }] }, field: /^value\[0\]\.content$/ },
      'put /posts/{id}/status': { path: `/posts/${postId}/status`, body: { status: 'published' }, field: 'status' },
      'put /posts/{id}/settings': { path: `/posts/${postId}/settings`, body: { settings: 'none' }, field: 'settings' },
      'post /posts/{id}/publish-now': { path: `/posts/${postId}/publish-now`, body: { republish: 'yes' }, field: 'republish' },
      'put /posts/{id}/release-id': { path: `/posts/${postId}/release-id`, body: { releaseId: '' }, field: 'releaseId' },
      'post /groups': { path: '/groups', body: { name: '' }, field: 'name' },
      'put /integrations/{id}/group': { path: `/integrations/${page}/group`, body: { group: 7 }, field: 'group' },
      'put /integrations/{id}/time-slots': { path: `/integrations/${page}/time-slots`, body: { times: ['25:00'] }, field: /^times/ },
      'post /webhooks': { path: '/webhooks', body: { name: 'Hook', url: 'ftp://example.com/in' }, field: 'url' },
      'post /upload-from-url': { path: '/upload-from-url', body: { url: 'not a url' }, field: 'url' },
    };
    const doc = (await (await fetch(`${stack.apiUrl}/api/docs`)).json()) as Document;
    const withBody = Object.entries(doc.paths)
      .filter(([route]) => route.startsWith(PREFIX))
      .flatMap(([route, methods]) => Object.entries(methods).filter(([, op]) => op.requestBody).map(([method]) => `${method} ${route.slice(PREFIX.length)}`))
      // POST /upload takes a multipart file, not JSON: its bad input is checked below.
      .filter((route) => route !== 'post /upload')
      .sort();

    expect(withBody).toEqual(Object.keys(calls).sort());
    const answers: Record<string, { status: number; code: unknown; field: unknown; message: boolean }> = {};
    for (const [route, { path, body }] of Object.entries(calls)) {
      const answer = await api.request<{ code?: string; field?: string; message?: string }>(route.split(' ')[0]!.toUpperCase(), path, body);
      answers[route] = { status: answer.status, code: answer.body.code, field: answer.body.field, message: (answer.body.message ?? '').length > 10 };
    }
    const form = new FormData();
    form.append('notTheFile', new Blob(['hello']), 'hello.txt');
    const upload = await fetch(`${stack.apiUrl}${PREFIX}/upload`, { method: 'POST', headers: { authorization: org.apiKey }, body: form });

    expect(answers).toEqual(
      Object.fromEntries(
        Object.entries(calls).map(([route, { field }]) => [
          route,
          { status: 400, code: 'VALIDATION', field: typeof field === 'string' ? field : expect.stringMatching(field), message: true },
        ]),
      ),
    );
    expect(upload.status).toBe(400);
    expect(await upload.json()).toEqual({ statusCode: 400, code: 'VALIDATION', field: 'file', message: expect.stringContaining('multipart field "file"') });
    expect(await snapshot()).toEqual(before);
  });
});
