import path from 'node:path';
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
} from '@herald/testing';

describe('publishing to a Facebook Page', () => {
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

  const page = () => org.channels.facebook!;

  async function schedule(value: Record<string, unknown>) {
    const created = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 2_000).toISOString(),
      posts: [{ integration: { id: page().integration.id }, value: [value] }],
    });
    expect(created.status).toBe(201);
    return api.waitForOutcome(created.body[0]!.postId);
  }

  it('should publish a text post, sending the composer HTML as plain text', async () => {
    const post = await schedule({ content: '<p>Opening hours change on <strong>Monday</strong></p><p>See you there</p>', image: [] });

    const published = await stack.sandbox.published({ network: 'facebook', accountId: page().account.id });
    const item = published.find((p) => p.id === post.releaseId);
    expect(post).toMatchObject({ state: 'PUBLISHED' });
    expect(item).toMatchObject({ kind: 'feed', text: 'Opening hours change on Monday\nSee you there' });
    expect(String(post.releaseURL)).toMatch(/^https:\/\/www\.facebook\.com\//);
  });

  it('should publish a photo post with the photo attached to one feed post', async () => {
    const upload = await api.upload(path.join(__dirname, 'fixtures/photo.jpg'));
    const post = await schedule({ content: 'New menu', image: [{ id: upload.body.id, path: upload.body.path }] });

    const published = await stack.sandbox.published({ network: 'facebook', accountId: page().account.id });
    const item = published.find((p) => p.id === post.releaseId);
    expect(post).toMatchObject({ state: 'PUBLISHED' });
    expect(item?.text).toBe('New menu');
    expect(item?.media.map((m) => m.url)).toEqual([upload.body.path]);
    expect(published.filter((p) => p.text === 'New menu')).toHaveLength(1);
  });

  it('should never publish a post deleted before its time', async () => {
    const created = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'schedule',
      date: new Date(Date.now() + 3_000).toISOString(),
      posts: [{ integration: { id: page().integration.id }, value: [{ content: 'Cancelled announcement', image: [] }] }],
    });
    const postId = created.body[0]!.postId;

    const deleted = await api.request('DELETE', `/posts/${postId}`);
    await new Promise((r) => setTimeout(r, 6_000));

    expect(deleted).toMatchObject({ status: 200, body: { error: false, deleted: [postId] } });
    expect((await api.request('GET', `/posts/${postId}`)).status).toBe(404);
    const published = await stack.sandbox.published({ network: 'facebook', accountId: page().account.id });
    expect(published.map((p) => p.text)).not.toContain('Cancelled announcement');
  });
});
