// A client schedules an Instagram post with an uploaded image through the public API; the
// workflow publishes it through the sandbox's Graph API. Nothing is stubbed.
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

describe('publishing an Instagram image post', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['instagram', 'facebook']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should publish it exactly once, at its time, with the caption and the image', async () => {
    const upload = await api.upload(path.join(__dirname, 'fixtures/photo.jpg'));
    expect(upload.status).toBe(201);
    const instagram = org.channels.instagram!;
    const publishAt = new Date(Date.now() + 3_000);
    const caption = `Sunrise over the harbour #${Date.now()}`;

    const created = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'schedule',
      date: publishAt.toISOString(),
      shortLink: false,
      tags: [],
      posts: [
        {
          integration: { id: instagram.integration.id },
          value: [{ content: caption, image: [{ id: upload.body.id, path: upload.body.path }] }],
        },
      ],
    });
    expect(created.status).toBe(201);
    const postId = created.body[0]!.postId;

    const post = await api.waitForOutcome(postId);

    const published = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ kind: 'image', text: caption });
    expect(published[0]!.media.map((m) => m.url)).toEqual([upload.body.path]);
    expect(post).toMatchObject({
      state: 'PUBLISHED',
      heraldState: 'PUBLISHED',
      releaseId: published[0]!.id,
      releaseURL: published[0]!.permalink,
      error: null,
    });
    // Not before its time.
    expect(new Date(published[0]!.createdAt).getTime()).toBeGreaterThanOrEqual(publishAt.getTime());
  });

  it('should list the post in its date range with the state Postiz clients know', async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const list = await api.request<{ posts: Array<{ state: string; integration: { providerIdentifier: string } }> }>(
      'GET',
      `/posts?startDate=${encodeURIComponent(from)}&endDate=${encodeURIComponent(to)}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.posts).toHaveLength(1);
    expect(list.body.posts[0]).toMatchObject({ state: 'PUBLISHED', integration: { providerIdentifier: 'instagram' } });
  });

  it('should explain, in words a user can act on, why Meta refused a Page under an identity checkpoint', async () => {
    const instagram = org.channels.instagram!;
    await stack.sandbox.updateAccount(instagram.account.id, { identityCheckpoint: true });
    const upload = await api.upload(path.join(__dirname, 'fixtures/photo.jpg'));

    const created = await api.request<Array<{ postId: string }>>('POST', '/posts', {
      type: 'now',
      posts: [{ integration: { id: instagram.integration.id }, value: [{ content: 'Blocked', image: [upload.body] }] }],
    });
    const post = await api.waitForOutcome(created.body[0]!.postId);

    expect(post).toMatchObject({ state: 'ERROR', errorCode: 'IDENTITY_CHECKPOINT' });
    expect(String(post.error)).toMatch(/confirm their identity.*Facebook app/i);
    const published = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(published.map((p) => p.text)).not.toContain('Blocked');
    await stack.sandbox.updateAccount(instagram.account.id, { identityCheckpoint: false });
  });
});
