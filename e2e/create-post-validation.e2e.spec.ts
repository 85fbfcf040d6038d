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

  const cases: Array<[string, () => unknown, string, RegExp]> = [
    ['a past date with type schedule', () => body({ date: '2020-01-01T10:00:00Z' }), 'date', /in the past/],
    ['a malformed date', () => body({ date: 'next tuesday' }), 'date', /not an ISO 8601 date-time/],
    ['a date without an offset', () => body({ date: '2030-05-01T09:30:00' }), 'date', /no time zone offset/],
    ['no date with type schedule', () => body({ date: undefined }), 'date', /required/],
    ['an unknown integration', () => body({}, { integration: { id: 'no-such-channel' } }), 'posts[0].integration.id', /not a channel of this organization/],
    ['another organization\'s integration', () => body({}, { integration: { id: other.channels.instagram!.integration.id } }), 'posts[0].integration.id', /not a channel of this organization/],
    ['empty content and no media', () => body({}, { integration: { id: org.channels.facebook!.integration.id }, value: [{ content: '  ', image: [] }] }), 'posts[0].value[0].content', /empty/],
    ['an Instagram post without an image', () => body({}, { value: [{ content: 'No picture', image: [] }] }), 'posts[0].value[0].image', /needs at least 1 image or video/],
    ['an Instagram caption over 2,200 characters', () => body({}, { value: [{ content: 'a'.repeat(2201), image: [{ path: IMAGE }] }] }), 'posts[0].value[0].content', /2200/],
    ['an image path that is not a URL', () => body({}, { value: [{ content: 'x', image: [{ path: 'photo.jpg' }] }] }), 'posts[0].value[0].image[0].path', /absolute http/],
    ['an unknown type', () => body({ type: 'later' }), 'type', /one of/],
    ['no posts', () => body({ posts: [] }), 'posts', /at least one/],
    ['a time zone that does not exist', () => body({ timeZone: 'Mars/Olympus' }), 'timeZone', /IANA/],
  ];

  it.each(cases)('should answer 400 for %s, naming %s, and store nothing', async (_name, make, field, reason) => {
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
