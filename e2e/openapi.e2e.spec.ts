// The OpenAPI document at /api/docs says what the API does: every route Nest serves is in it and
// documented, and a sample of real requests and their answers validate against it.
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

type Operation = {
  tags?: string[];
  'x-herald-undocumented'?: boolean;
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

describe('the OpenAPI document', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let api: PublicApiClient;
  let doc: Document;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const checked: string[] = [];

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
    doc = (await (await fetch(`${stack.apiUrl}/api/docs`)).json()) as Document;
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  function operation(method: string, route: string): Operation {
    const op = doc.paths[route]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${route} is not in the document`);
    return op;
  }

  /** The request body as documented must accept what a client sends. */
  function checkRequest(method: string, route: string, body: unknown): void {
    const schema = operation(method, route).requestBody?.content['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${route} documents no JSON body`);
    const validate = ajv.compile(schema);
    expect({ route: `${method} ${route}`, valid: validate(body), errors: validate.errors ?? null }).toEqual({ route: `${method} ${route}`, valid: true, errors: null });
  }

  /** The answer must have a documented status and match its documented schema. */
  function checkResponse(method: string, route: string, status: number, body: unknown): void {
    const response = operation(method, route).responses[String(status)];
    expect({ route: `${method} ${route}`, status, documented: response !== undefined }).toEqual({ route: `${method} ${route}`, status, documented: true });
    const schema = response!.content?.['application/json']?.schema;
    if (schema) {
      const validate = ajv.compile(schema);
      expect({ route: `${method} ${route} ${status}`, valid: validate(body), errors: validate.errors ?? null }).toEqual({
        route: `${method} ${route} ${status}`,
        valid: true,
        errors: null,
      });
    }
    checked.push(`${method} ${route} ${status}`);
  }

  async function call(method: string, route: string, concrete: string, body?: unknown) {
    if (body !== undefined) checkRequest(method, `/api/public/v1${route}`, body);
    const response = await api.request(method, concrete, body);
    checkResponse(method, `/api/public/v1${route}`, response.status, response.body);
    return response;
  }

  it('should list every route the API serves, each documented', () => {
    const operations = Object.entries(doc.paths).flatMap(([route, methods]) => Object.entries(methods).map(([method, op]) => ({ route, method, op })));

    expect(doc.openapi).toBe('3.1.0');
    expect(operations.filter((o) => o.op['x-herald-undocumented']).map((o) => `${o.method} ${o.route}`)).toEqual([]);
    expect(operations.map((o) => `${o.method} ${o.route}`)).toEqual(
      expect.arrayContaining([
        'post /api/public/v1/posts',
        'get /api/public/v1/posts/{id}',
        'put /api/public/v1/posts/{id}',
        'get /api/public/v1/integrations',
        'post /api/public/v1/upload',
        'get /api/health/ready',
        'get /metrics',
      ]),
    );
    // Postiz's routes are told apart from Herald's additions.
    expect(operation('post', '/api/public/v1/posts').tags).toEqual(['Postiz']);
    expect(operation('put', '/api/public/v1/posts/{id}').tags).toEqual(['Herald']);
  });

  it('should describe real requests and answers of the posts routes', async () => {
    const page = org.channels.facebook!.integration.id;
    const createBody = {
      type: 'schedule',
      date: new Date(Date.now() + 3_600_000).toISOString(),
      posts: [{ integration: { id: page }, value: [{ content: 'Documented', image: [] }, { content: 'And its comment', image: [], delay: 5 }] }],
    };
    const created = await call('POST', '/posts', '/posts', createBody);
    const [{ postId: id, group }] = created.body as unknown as [{ postId: string; group: string }];
    await call('POST', '/posts', '/posts', { ...createBody, date: '2031-01-01T09:00:00' });
    await call('GET', '/posts/{id}', `/posts/${id}`);
    await call('GET', '/posts/{id}', '/posts/no-such-post');
    const range = `startDate=${new Date(Date.now() - 60_000).toISOString()}&endDate=${new Date(Date.now() + 7_200_000).toISOString()}`;
    await call('GET', '/posts', `/posts?${range}&limit=10`);
    await call('PUT', '/posts/{id}', `/posts/${id}`, { date: new Date(Date.now() + 5_400_000).toISOString() });
    await call('PUT', '/posts/{id}/settings', `/posts/${id}/settings`, { settings: { url: 'https://example.com' } });
    await call('PUT', '/posts/{id}/status', `/posts/${id}/status`, { status: 'draft' });
    await call('GET', '/posts/group/{group}', `/posts/group/${group}`);
    await call('PUT', '/posts/group/{group}', `/posts/group/${group}`, { date: new Date(Date.now() + 7_000_000).toISOString() });
    await call('POST', '/posts/{id}/publish-now', `/posts/${id}/publish-now`, {});
    const published = await api.waitForOutcome(id);
    await call('PUT', '/posts/{id}', `/posts/${id}`, { date: new Date(Date.now() + 60_000).toISOString() });
    await call('DELETE', '/posts/{id}', `/posts/${id}`);

    expect(published.heraldState).toBe('PUBLISHED');
    expect(checked).toEqual(
      expect.arrayContaining(['POST /api/public/v1/posts 201', 'POST /api/public/v1/posts 400', 'GET /api/public/v1/posts/{id} 404', 'PUT /api/public/v1/posts/{id} 409']),
    );
  });

  it('should describe the channels, uploads and health answers', async () => {
    await call('GET', '/integrations', '/integrations');
    const upload = await api.upload(path.join(__dirname, 'fixtures/photo.jpg'));
    checkResponse('POST', '/api/public/v1/upload', upload.status, upload.body);
    const ready = await fetch(`${stack.apiUrl}/api/health/ready`);
    checkResponse('GET', '/api/health/ready', ready.status, await ready.json());
    const live = await fetch(`${stack.apiUrl}/api/health/live`);
    checkResponse('GET', '/api/health/live', live.status, await live.json());
    const unauthorized = await new PublicApiClient(stack.apiUrl, 'not-a-key').request('GET', '/integrations');
    checkResponse('GET', '/api/public/v1/integrations', unauthorized.status, unauthorized.body);
  });
});
