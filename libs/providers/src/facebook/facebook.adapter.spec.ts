import type { MediaRef, PreparedPublish } from '@herald/domain';
import { createProviderAdapters } from '../create-provider-adapters';
import type { ProviderAdapter, PublishablePost, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import { FixtureServer, fixtureLoader } from '../testing/fixture-server';
import { FacebookAdapter } from './facebook.adapter';

const fixture = fixtureLoader(__dirname);
const PAGE = '104000000000001';
const POST_ID = '104000000000001_122100000000000201';
const PERMALINK = 'https://www.facebook.com/104000000000001/posts/122100000000000201';
const PHOTOS = ['122100000000000101', '122100000000000102'];
const fb = (path: string) => `/graph.facebook.com/v21.0${path}`;

const photo = (name: string): MediaRef => ({ path: `https://media.example.com/${name}.jpg`, kind: 'image' });
const video: MediaRef = { path: 'https://media.example.com/oven.mp4', kind: 'video' };

const ctx: PublishContext = {
  account: { provider: 'facebook', internalId: PAGE },
  credentials: { accessToken: 'page-token' },
};

function post(overrides: Partial<PublishablePost> = {}): PublishablePost {
  return { postId: 'post-1', content: 'Two new cakes this week', media: [], settings: {}, ...overrides };
}

async function failureOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error.failure;
}

describe(FacebookAdapter.name, () => {
  let server: FixtureServer;
  let facebook: ProviderAdapter;

  beforeAll(async () => {
    server = await FixtureServer.start();
    facebook = createProviderAdapters({
      facebookGraph: `${server.origin}/graph.facebook.com`,
      instagramGraph: `${server.origin}/graph.instagram.com`,
      tiktokApi: `${server.origin}/open.tiktokapis.com`,
      graphVersion: 'v21.0',
      requestTimeoutMs: 1_000,
    }).facebook!;
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  /** prepare, then check, then commit: the workflow's order. */
  async function publish(item: PublishablePost) {
    const prepared = await facebook.prepare(ctx, item);
    const checked = await facebook.check(ctx, prepared);
    if (checked.status !== 'ready') throw new Error('Facebook posts are ready at once');
    const outcome = await facebook.commit(ctx, item, checked.prepared);
    if (outcome.status !== 'published') throw new Error('Facebook posts are live when the API answers');
    return { prepared, ref: outcome.ref };
  }

  it('should publish a text post to the Page feed with nothing to prepare', async () => {
    server.on('POST', fb(`/${PAGE}/feed`), { body: fixture('feed-post-created.json') });

    const { prepared, ref } = await publish(post());

    expect(prepared).toEqual({ provider: 'facebook', data: { format: 'text', photoIds: [] } });
    expect(ref).toEqual({ releaseId: POST_ID, releaseUrl: PERMALINK });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: fb(`/${PAGE}/feed`),
      query: { fields: 'id,permalink_url', access_token: 'page-token' },
      body: { message: 'Two new cakes this week', published: true },
    });
  });

  it('should send settings.url as the link of a link post', async () => {
    server.on('POST', fb(`/${PAGE}/feed`), { body: fixture('feed-post-created.json') });

    await publish(post({ settings: { url: 'https://bakery.example.com/cakes' } }));

    expect(server.requests[0]!.body).toEqual({
      message: 'Two new cakes this week',
      link: 'https://bakery.example.com/cakes',
      published: true,
    });
  });

  it('should upload a single photo unpublished, then attach it to the feed post', async () => {
    server
      .on('POST', fb(`/${PAGE}/photos`), { body: fixture('photo-unpublished-1.json') })
      .on('POST', fb(`/${PAGE}/feed`), { body: fixture('feed-post-created.json') });

    const { prepared, ref } = await publish(post({ media: [photo('cake')] }));

    expect(server.requests.map((r) => [r.path, r.body])).toEqual([
      [fb(`/${PAGE}/photos`), { url: 'https://media.example.com/cake.jpg', published: false }],
      [fb(`/${PAGE}/feed`), { message: 'Two new cakes this week', attached_media: [{ media_fbid: PHOTOS[0] }], published: true }],
    ]);
    expect(prepared.data).toEqual({ format: 'photos', photoIds: [PHOTOS[0]] });
    expect(ref.releaseId).toBe(POST_ID);
  });

  it('should attach every photo of a multi-photo post, in order, to one feed post', async () => {
    server
      .on('POST', fb(`/${PAGE}/photos`), { body: fixture('photo-unpublished-1.json') }, { body: fixture('photo-unpublished-2.json') })
      .on('POST', fb(`/${PAGE}/feed`), { body: fixture('feed-post-created.json') });

    await publish(post({ media: [photo('lemon'), photo('chocolate')] }));

    expect(server.requestsTo('POST', fb(`/${PAGE}/photos`))).toHaveLength(2);
    const feed = server.requestsTo('POST', fb(`/${PAGE}/feed`));
    expect(feed).toHaveLength(1);
    expect(feed[0]!.body['attached_media']).toEqual(PHOTOS.map((id) => ({ media_fbid: id })));
  });

  it('should read the permalink separately when the feed answer lacks it', async () => {
    server
      .on('POST', fb(`/${PAGE}/feed`), { body: fixture('feed-post-created-without-permalink.json') })
      .on('GET', fb(`/${POST_ID}`), { body: fixture('post-permalink.json') });

    const { ref } = await publish(post());

    expect(ref).toEqual({ releaseId: POST_ID, releaseUrl: PERMALINK });
    expect(server.requests[1]!.query['fields']).toBe('permalink_url');
  });

  it('should publish a single video from its URL in commit, linking to the video page', async () => {
    server.on('POST', fb(`/${PAGE}/videos`), { body: fixture('video-created.json') });

    const { prepared, ref } = await publish(post({ content: 'Inside the oven', media: [video] }));

    expect(prepared.data).toEqual({ format: 'video', photoIds: [] });
    expect(server.requests[0]!.body).toEqual({ file_url: video.path, description: 'Inside the oven', published: true });
    expect(ref).toEqual({
      releaseId: '1200000000000301',
      releaseUrl: 'https://www.facebook.com/104000000000001/videos/1200000000000301/',
    });
  });

  it('should refuse a video mixed with photos before calling Facebook', async () => {
    const failure = await failureOf(facebook.prepare(ctx, post({ media: [video, photo('cake')] })));

    expect(failure).toMatchObject({ code: 'VALIDATION', retryable: false, outcome: 'not-applied' });
    expect(server.requests).toHaveLength(0);
  });

  it('should report an identity checkpoint when the feed answers 368/4854002', async () => {
    server.on('POST', fb(`/${PAGE}/feed`), { status: 400, body: fixture('error-identity-368-4854002.json') });

    const failure = await failureOf(publish(post()));

    expect(failure).toMatchObject({
      code: 'IDENTITY_CHECKPOINT',
      retryable: false,
      outcome: 'not-applied',
      network: { status: 400, code: 368, subcode: 4854002 },
    });
    expect(failure.message).toContain('complete the identity verification in the Facebook app');
  });

  it('should ask for a reconnection when the Page token expired (190/463)', async () => {
    server.on('POST', fb(`/${PAGE}/photos`), { status: 400, body: fixture('error-token-expired-190-463.json') });

    const failure = await failureOf(facebook.prepare(ctx, post({ media: [photo('cake')] })));

    expect(failure).toMatchObject({ code: 'RECONNECT_NEEDED', retryable: false, outcome: 'not-applied' });
    expect(failure.message).toContain('reconnect the channel');
  });

  it('should answer an unknown outcome when the feed post answer is lost', async () => {
    server.on('POST', fb(`/${PAGE}/feed`), { destroySocket: true });

    const failure = await failureOf(publish(post()));

    expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
  });

  describe('reconcile', () => {
    const commitStartedAt = new Date('2026-05-01T09:30:00Z');
    const photosPrepared: PreparedPublish = { provider: 'facebook', data: { format: 'photos', photoIds: PHOTOS } };

    it('should find the post on the feed by message, time and attached photos', async () => {
      server.on('GET', fb(`/${PAGE}/feed`), { body: fixture('feed-list.json') });

      const result = await facebook.reconcile(ctx, post({ media: [photo('lemon'), photo('chocolate')] }), photosPrepared, commitStartedAt);

      expect(result).toEqual({ status: 'published', ref: { releaseId: POST_ID, releaseUrl: PERMALINK } });
      expect(server.requests[0]!.query).toMatchObject({ fields: 'id,message,created_time,permalink_url,attachments' });
    });

    it('should find a photo-only post by its photos alone', async () => {
      server.on('GET', fb(`/${PAGE}/feed`), {
        body: { data: [{ id: POST_ID, created_time: '2026-05-01T09:30:03+0000', attachments: { data: [{ target: { id: PHOTOS[0] } }] } }] },
      });
      const onePhoto: PreparedPublish = { provider: 'facebook', data: { format: 'photos', photoIds: [PHOTOS[0]] } };

      const result = await facebook.reconcile(ctx, post({ content: '', media: [photo('cake')] }), onePhoto, commitStartedAt);

      expect(result.status).toBe('published');
    });

    it('should say not published when only an older identical post exists', async () => {
      server.on('GET', fb(`/${PAGE}/feed`), { body: fixture('feed-list.json') });

      const result = await facebook.reconcile(
        ctx,
        post(),
        { provider: 'facebook', data: { format: 'text', photoIds: [] } },
        new Date('2026-05-01T09:40:00Z'),
      );

      expect(result.status).toBe('not-published');
    });

    // 100 posts on a page, all made after the commit began (at 09:30:00) and none of them ours.
    const busyPage = (after: string) => ({
      data: Array.from({ length: 100 }, (_, i) => ({
        id: `${PAGE}_9${after}${i}`,
        message: `Another post ${i}`,
        created_time: '2026-05-01T09:30:05+0000',
      })),
      paging: { cursors: { after }, next: `https://graph.facebook.com/v21.0/${PAGE}/feed?after=${after}` },
    });

    it('should read the feed back to the commit when the Page published many posts since (ours is past the first page)', async () => {
      server.on('GET', fb(`/${PAGE}/feed`), { body: busyPage('c1') }, { body: fixture('feed-list.json') });

      const result = await facebook.reconcile(ctx, post({ media: [photo('lemon'), photo('chocolate')] }), photosPrepared, commitStartedAt);

      expect(result).toEqual({ status: 'published', ref: { releaseId: POST_ID, releaseUrl: PERMALINK } });
      expect(server.requests.map((r) => r.query['after'])).toEqual([undefined, 'c1']);
    });

    it('should say unknown, never not published, when it could not read the feed back to the commit', async () => {
      server.on('GET', fb(`/${PAGE}/feed`), { body: busyPage('c1') });

      const result = await facebook.reconcile(ctx, post(), { provider: 'facebook', data: { format: 'text', photoIds: [] } }, commitStartedAt);

      expect(result.status).toBe('unknown');
      expect(server.requests).toHaveLength(10);
    });
  });
});
