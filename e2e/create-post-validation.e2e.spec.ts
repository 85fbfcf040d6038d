// Bad input answers 400 naming the field and the reason, and stores nothing.
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

const IMAGE = 'https://cdn.example.com/photo.jpg';

describe('creating a post with bad input', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let other: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['instagram', 'facebook']);
    other = await createTestOrganization(db, stack.sandbox, ['instagram']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  const instagramId = () => org.channels.instagram!.integration.id;
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
  const body = (overrides: Record<string, unknown> = {}, item: Record<string, unknown> = {}) => ({
    type: 'schedule',
    date: inAnHour(),
    posts: [
      {
        integration: { id: instagramId() },
        value: [{ content: 'Hello', image: [{ id: 'x1', path: IMAGE }] }],
        ...item,
      },
    ],
    ...overrides,
  });

  const cases: Array<[string, string, () => unknown, RegExp]> = [
    ['a past date with type schedule', 'date', () => body({ date: '2020-01-01T10:00:00Z' }), /in the past/],
    ['a malformed date', 'date', () => body({ date: 'next tuesday' }), /not an ISO 8601 date-time/],
    ['a date without an offset', 'date', () => body({ date: '2030-05-01T09:30:00' }), /no time zone offset/],
    ['no date with type schedule', 'date', () => body({ date: undefined }), /required/],
    ['an unknown integration', 'posts[0].integration.id', () => body({}, { integration: { id: 'no-such-channel' } }), /not a channel of this organization/],
    ['another organization\'s integration', 'posts[0].integration.id', () => body({}, { integration: { id: other.channels.instagram!.integration.id } }), /not a channel of this organization/],
    ['empty content and no media', 'posts[0].value[0].content', () => body({}, { integration: { id: org.channels.facebook!.integration.id }, value: [{ content: '  ', image: [] }] }), /empty/],
    ['an Instagram post without an image', 'posts[0].value[0].image', () => body({}, { value: [{ content: 'No picture', image: [] }] }), /needs at least 1 image or video/],
    ['an Instagram caption over 2,200 characters', 'posts[0].value[0].content', () => body({}, { value: [{ content: 'a'.repeat(2201), image: [{ path: IMAGE }] }] }), /2200/],
    ['an image path that is not a URL', 'posts[0].value[0].image[0].path', () => body({}, { value: [{ content: 'x', image: [{ path: 'photo.jpg' }] }] }), /absolute http/],
    ['an unknown type', 'type', () => body({ type: 'later' }), /one of/],
    ['no posts', 'posts', () => body({ posts: [] }), /at least one/],
    ['a time zone that does not exist', 'timeZone', () => body({ timeZone: 'Mars/Olympus' }), /IANA/],
  ];

  it.each(cases)('should answer 400 for %s, naming %s, and store nothing', async (_name, field, make, reason) => {
    const before = await db.post.count({ where: { organizationId: org.organizationId } });

    const response = await api.request('POST', '/posts', make());

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION', field });
    expect(String(response.body.message)).toMatch(reason);
    expect(await db.post.count({ where: { organizationId: org.organizationId } })).toBe(before);
  });

  it('should name the channel and its network when one channel of several is wrong', async () => {
    const response = await api.request('POST', '/posts', {
      type: 'schedule',
      date: inAnHour(),
      posts: [
        { integration: { id: org.channels.facebook!.integration.id }, value: [{ content: 'Fine for Facebook', image: [] }] },
        { integration: { id: instagramId() }, value: [{ content: 'Fine for Facebook', image: [] }] },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field: 'posts[1].value[0].image', integrationId: instagramId(), provider: 'instagram' });
    expect(await db.post.count({ where: { organizationId: org.organizationId } })).toBe(0);
  });

  it('should refuse a request without a valid API key', async () => {
    const anonymous = await fetch(`${stack.apiUrl}/api/public/v1/integrations`);
    const wrong = await new PublicApiClient(stack.apiUrl, 'hk_wrong').request('GET', '/integrations');
    expect(anonymous.status).toBe(401);
    expect(wrong).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED', msg: 'Invalid API key' } });
  });

  it('should answer 404 for another organization\'s post', async () => {
    const created = await new PublicApiClient(stack.apiUrl, other.apiKey).request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'draft',
      posts: [{ integration: { id: other.channels.instagram!.integration.id }, value: [{ content: 'Draft', image: [{ path: IMAGE }] }] }],
    });
    expect(created.status).toBe(201);
    const postId = created.body[0]!.postId;

    expect((await api.request('GET', `/posts/${postId}`)).status).toBe(404);
    expect((await api.request('DELETE', `/posts/${postId}`)).status).toBe(404);
  });
});

describe('requests the API cannot read', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook']);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  const post = (body: string) =>
    fetch(`${stack.apiUrl}/api/public/v1/posts`, {
      method: 'POST',
      headers: { authorization: org.apiKey, 'content-type': 'application/json' },
      body,
    });

  it('should answer 400 for a body that is not JSON', async () => {
    const response = await post('{"type": "schedule",');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; field: string; message: string };
    expect(body).toMatchObject({ code: 'VALIDATION', field: 'body' });
    expect(body.message).toMatch(/^body is not valid JSON/);
  });

  it('should accept the longest Facebook post in multi-byte text, and answer 413 for a body over 1 MB', async () => {
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const longest = await api.request('POST', '/posts', {
      type: 'draft',
      posts: [{ integration: { id: org.channels.facebook!.integration.id }, value: [{ content: 'é'.repeat(63_206), image: [] }] }],
    });
    const huge = await post(JSON.stringify({ type: 'draft', posts: [{ value: [{ content: 'x'.repeat(1_100_000) }] }] }));

    expect(longest.status).toBe(201);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body' });
  });

  it('should refuse a Herald media URL that names no uploaded file', async () => {
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const response = await api.request('POST', '/posts', {
      type: 'draft',
      posts: [
        {
          integration: { id: org.channels.facebook!.integration.id },
          value: [{ content: 'x', image: [{ path: `${stack.apiUrl}/uploads/does-not-exist.jpg` }] }],
        },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field: 'posts[0].value[0].image[0].path' });
    expect(String(response.body.message)).toMatch(/upload it first/);
  });
});
