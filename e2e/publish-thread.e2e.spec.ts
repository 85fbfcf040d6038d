// A post with a thread: value[1..] go out as comments on the published post, in order, each after
// its delay. Through HTTP against the whole stack; the sandbox's comment list is the witness.
import path from 'node:path';
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

const PHOTO = path.join(__dirname, 'fixtures/photo.jpg');

interface ThreadView {
  heraldState: string;
  releaseId: string | null;
  thread: Array<{ content: string; heraldState: string; releaseId: string | null; publishedAt: string | null; error: string | null; errorCode: string | null }>;
}

describe('publishing a thread', () => {
  let stack: HeraldStack;
  let db: Db;
  let org: TestOrganization;
  let api: PublicApiClient;

  beforeAll(async () => {
    stack = await startHeraldStack();
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
    org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram', 'tiktok']);
    api = new PublicApiClient(stack.apiUrl, org.apiKey);
  });

  afterAll(async () => {
    await stack?.sandbox.clearFaults();
    await stack?.stop();
    await db?.$disconnect();
  });

  async function post(integrationId: string, value: unknown[]) {
    return api.request<Array<{ postId: string }> & { field?: string; message?: string }>('POST', '/posts', {
      type: 'now',
      posts: [{ integration: { id: integrationId }, value }],
    });
  }

  /** Waits until the root and every comment have an outcome. */
  async function threadOutcome(postId: string, timeoutMs = 60_000): Promise<ThreadView> {
    return waitUntil(
      'the post and its comments',
      async () => {
        const { body } = await api.request<ThreadView>('GET', `/posts/${postId}`);
        const done = (s: string) => s === 'PUBLISHED' || s === 'ERROR';
        return done(body.heraldState) && body.thread.every((t) => done(t.heraldState)) ? body : undefined;
      },
      { timeoutMs, intervalMs: 500 },
    );
  }

  it('should publish the comments on the Page post in order, the second a minute after the first', async () => {
    const stamp = Date.now();
    const page = org.channels.facebook!;

    const created = await post(page.integration.id, [
      { content: `Thread root ${stamp}`, image: [] },
      { content: `<p>First comment ${stamp}</p>`, image: [] },
      { content: `Second comment ${stamp}`, image: [], delay: 1 },
    ]);
    const result = await threadOutcome(created.body[0]!.postId, 120_000);

    expect(created.status).toBe(201);
    expect(result.heraldState).toBe('PUBLISHED');
    expect(result.thread.map((t) => t.heraldState)).toEqual(['PUBLISHED', 'PUBLISHED']);
    const comments = await stack.sandbox.comments({ network: 'facebook', parentId: result.releaseId! });
    expect(comments.map((c) => c.text)).toEqual([`First comment ${stamp}`, `Second comment ${stamp}`]);
    expect(comments.map((c) => c.id)).toEqual(result.thread.map((t) => t.releaseId));
    const [first, second] = comments.map((c) => Date.parse(c.createdAt));
    expect(second! - first!).toBeGreaterThanOrEqual(60_000);
  });

  it('should publish a first comment on an Instagram post', async () => {
    const stamp = Date.now();
    const upload = await api.upload(PHOTO);

    const created = await post(org.channels.instagram!.integration.id, [
      { content: `Photo ${stamp}`, image: [{ id: upload.body.id, path: upload.body.path }] },
      { content: `#first #comment ${stamp}`, image: [] },
    ]);
    const result = await threadOutcome(created.body[0]!.postId);

    expect(result.thread.map((t) => t.heraldState)).toEqual(['PUBLISHED']);
    const comments = await stack.sandbox.comments({ network: 'instagram', parentId: result.releaseId! });
    expect(comments.map((c) => c.text)).toEqual([`#first #comment ${stamp}`]);
  });

  it('should comment once when the answer to the comment is lost after the network made it', async () => {
    const stamp = Date.now();
    const page = org.channels.facebook!;
    await stack.sandbox.addFault({ method: 'POST', path: '^/\\d+_\\d+/comments$', dropResponse: true, times: 1 });

    const created = await post(page.integration.id, [
      { content: `Lost answer root ${stamp}`, image: [] },
      { content: `Lost answer comment ${stamp}`, image: [] },
    ]);
    const result = await threadOutcome(created.body[0]!.postId);

    expect(result.thread.map((t) => t.heraldState)).toEqual(['PUBLISHED']);
    const comments = await stack.sandbox.comments({ network: 'facebook', parentId: result.releaseId! });
    expect(comments.map((c) => c.text)).toEqual([`Lost answer comment ${stamp}`]);
    expect(result.thread[0]!.releaseId).toBe(comments[0]!.id);
  });

  it('should keep the post published, explain the failed comment, and not send the ones after it', async () => {
    const stamp = Date.now();
    const page = org.channels.facebook!;
    await stack.sandbox.addFault({
      method: 'POST',
      path: '^/\\d+_\\d+/comments$',
      status: 400,
      body: { error: { message: 'Unsupported post request.', type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: 'x' } },
      times: 1,
    });

    const created = await post(page.integration.id, [
      { content: `Failing thread root ${stamp}`, image: [] },
      { content: `Refused comment ${stamp}`, image: [] },
      { content: `Never sent ${stamp}`, image: [] },
    ]);
    const result = await threadOutcome(created.body[0]!.postId);

    expect(result.heraldState).toBe('PUBLISHED');
    expect(result.thread.map((t) => t.heraldState)).toEqual(['ERROR', 'ERROR']);
    expect(result.thread[0]!.errorCode).toBe('IDENTITY_CHECKPOINT');
    expect(result.thread[1]!.error).toMatch(/comment 1 of the thread failed/);
    expect(await stack.sandbox.comments({ network: 'facebook', parentId: result.releaseId! })).toEqual([]);
  });

  it('should refuse a thread for TikTok, which takes no comments, and store nothing', async () => {
    const tiktok = org.channels.tiktok!;
    const video = await api.upload(path.join(__dirname, 'fixtures/clip.mp4'));
    const before = await db.post.count({ where: { organizationId: org.organizationId } });

    const created = await post(tiktok.integration.id, [
      { content: 'Video', image: [{ id: video.body.id, path: video.body.path }] },
      { content: 'A comment', image: [] },
    ]);

    expect(created).toMatchObject({ status: 400, body: { code: 'VALIDATION', field: 'posts[0].value[1].content' } });
    expect(created.body.message).toMatch(/takes no comments/);
    expect(await db.post.count({ where: { organizationId: org.organizationId } })).toBe(before);
  });
});
