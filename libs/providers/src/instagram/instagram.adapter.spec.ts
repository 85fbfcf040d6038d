import type { MediaRef, PreparedPublish } from '@herald/domain';
import { createProviderAdapters } from '../create-provider-adapters';
import type { ProviderAdapter, PublishablePost, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import { closedPortOrigin, FixtureServer, fixtureLoader } from '../testing/fixture-server';
import { IDENTITY_CHECKPOINT_MESSAGE } from '../meta/meta-error-rules';
import { InstagramAdapter } from './instagram.adapter';

const fixture = fixtureLoader(__dirname);
const IG_USER = '17841400000000001';
const CONTAINER = '17889455560051444';
const MEDIA = '17920238422030506';
const CAPTION = 'Spring menu is here 🌸\n#bakery';
const fb = (path: string) => `/graph.facebook.com/v21.0${path}`;
const ig = (path: string) => `/graph.instagram.com/v21.0${path}`;

const image: MediaRef = { path: 'https://media.example.com/menu.jpg', kind: 'image' };
const video: MediaRef = { path: 'https://media.example.com/oven.mp4', kind: 'video' };

const ctx: PublishContext = {
  account: { provider: 'instagram', internalId: IG_USER },
  credentials: { accessToken: 'page-token', userAccessToken: 'user-token' },
};

function post(overrides: Partial<PublishablePost> = {}): PublishablePost {
  return { postId: 'post-1', content: CAPTION, media: [image], settings: {}, ...overrides };
}

function prepared(data: Record<string, unknown>): PreparedPublish {
  return { provider: 'instagram', data: { childIds: [], collaborators: [], ...data } };
}

async function failureOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error.failure;
}

describe(InstagramAdapter.name, () => {
  let server: FixtureServer;
  let adapters: ReturnType<typeof createProviderAdapters>;
  let instagram: ProviderAdapter;

  beforeAll(async () => {
    server = await FixtureServer.start();
    adapters = createProviderAdapters({
      facebookGraph: `${server.origin}/graph.facebook.com`,
      instagramGraph: `${server.origin}/graph.instagram.com/`,
      tiktokApi: `${server.origin}/open.tiktokapis.com`,
      graphVersion: 'v21.0',
      requestTimeoutMs: 500,
    });
    instagram = adapters.instagram!;
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  function serveReadyToPublish() {
    server
      .on('GET', fb(`/${CONTAINER}`), { body: fixture('container-finished.json') })
      .on('GET', fb(`/${IG_USER}/content_publishing_limit`), { body: fixture('publishing-limit-available.json') });
  }

  describe('an image post', () => {
    it('should create one image container with the caption and bare collaborator names in prepare', async () => {
      server.on('POST', fb(`/${IG_USER}/media`), { body: fixture('container-created.json') });

      const result = await instagram.prepare(ctx, post({ settings: { collaborators: [{ label: '@baker.jo' }, { label: 'mia' }] } }));

      const [request] = server.requests;
      expect(server.requests).toHaveLength(1);
      expect(request).toMatchObject({ method: 'POST', path: fb(`/${IG_USER}/media`), query: { access_token: 'page-token' } });
      expect(request!.body).toEqual({ image_url: image.path, caption: CAPTION, collaborators: ['baker.jo', 'mia'] });
      expect(result).toEqual(prepared({ format: 'image', containerId: CONTAINER }));
      expect(JSON.stringify(result)).not.toContain('token');
    });

    it('should report pending while the container processes, then ready once FINISHED', async () => {
      server.on(
        'GET',
        fb(`/${CONTAINER}`),
        { body: fixture('container-in-progress.json') },
        { body: fixture('container-finished.json') },
      );
      const ready = prepared({ format: 'image', containerId: CONTAINER });

      const first = await instagram.check(ctx, ready);
      const second = await instagram.check(ctx, ready);

      expect(first.status).toBe('pending');
      expect(second).toEqual({ status: 'ready', prepared: ready });
      expect(server.requests[0]!.query).toEqual({ fields: 'status_code,status', access_token: 'page-token' });
    });

    it('should check the quota, publish the container and return the media id with its permalink', async () => {
      serveReadyToPublish();
      server
        .on('POST', fb(`/${IG_USER}/media_publish`), { body: fixture('media-published.json') })
        .on('GET', fb(`/${MEDIA}`), { body: fixture('media-permalink.json') });

      const outcome = await instagram.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER }));

      expect(outcome).toEqual({ status: 'published', ref: { releaseId: MEDIA, releaseUrl: 'https://www.instagram.com/p/DJx1Ab2Cd3E/' } });
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET ${fb(`/${CONTAINER}`)}`,
        `GET ${fb(`/${IG_USER}/content_publishing_limit`)}`,
        `POST ${fb(`/${IG_USER}/media_publish`)}`,
        `GET ${fb(`/${MEDIA}`)}`,
      ]);
      expect(server.requests[1]!.query['fields']).toBe('quota_usage,config');
      expect(server.requests[2]!.body).toEqual({ creation_id: CONTAINER });
      expect(server.requests[3]!.query['fields']).toBe('permalink');
    });

    it('should still return the media id when the permalink read fails after publishing', async () => {
      serveReadyToPublish();
      server
        .on('POST', fb(`/${IG_USER}/media_publish`), { body: fixture('media-published.json') })
        .on('GET', fb(`/${MEDIA}`), { status: 500, body: fixture('error-unknown-500.json') });

      const outcome = await instagram.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER }));

      expect(outcome).toEqual({ status: 'published', ref: { releaseId: MEDIA } });
    });

    it('should refuse with RATE_LIMITED, without calling media_publish, when the 24-hour quota is used up', async () => {
      server
        .on('GET', fb(`/${CONTAINER}`), { body: fixture('container-finished.json') })
        .on('GET', fb(`/${IG_USER}/content_publishing_limit`), { body: fixture('publishing-limit-full.json') });

      const failure = await failureOf(instagram.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER })));

      expect(failure).toMatchObject({ code: 'RATE_LIMITED', retryable: true, outcome: 'not-applied', retryAfterMs: 3_600_000 });
      expect(failure.message).toContain('100 posts');
      expect(server.requestsTo('POST', fb(`/${IG_USER}/media_publish`))).toHaveLength(0);
    });

    it('should report an identity checkpoint when media_publish answers 100/33', async () => {
      serveReadyToPublish();
      server.on('POST', fb(`/${IG_USER}/media_publish`), { status: 400, body: fixture('error-object-missing-100-33.json') });

      const failure = await failureOf(instagram.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER })));

      expect(failure).toMatchObject({
        code: 'IDENTITY_CHECKPOINT',
        retryable: false,
        outcome: 'not-applied',
        network: { status: 400, code: 100, subcode: 33, traceId: 'A1b2C3d4E5f6G7h8I9j0KlM' },
      });
      expect(failure.message).toBe(IDENTITY_CHECKPOINT_MESSAGE);
      expect(failure.message).toContain('complete the identity verification in the Facebook app');
    });

    it('should answer a retryable, not-applied failure when media_publish says the media is not ready (9007)', async () => {
      serveReadyToPublish();
      server.on('POST', fb(`/${IG_USER}/media_publish`), { status: 400, body: fixture('error-not-ready-9007.json') });

      const failure = await failureOf(instagram.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER })));

      expect(failure).toMatchObject({ retryable: true, outcome: 'not-applied', network: { code: 9007, subcode: 2207027 } });
    });

    it('should answer an unknown outcome when the connection dies after media_publish was sent', async () => {
      serveReadyToPublish();
      server.on('POST', fb(`/${IG_USER}/media_publish`), { destroySocket: true });

      const failure = await failureOf(instagram.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER })));

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
      expect(server.requestsTo('POST', fb(`/${IG_USER}/media_publish`))).toHaveLength(1);
    });

    it('should answer an unknown outcome when media_publish outlasts the request timeout', async () => {
      serveReadyToPublish();
      server.on('POST', fb(`/${IG_USER}/media_publish`), { delayMs: 1_500, body: fixture('media-published.json') });

      const failure = await failureOf(instagram.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER })));

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
    });

    it('should answer a retryable, not-applied failure when the connection is refused', async () => {
      const unreachable = createProviderAdapters({
        facebookGraph: await closedPortOrigin(),
        instagramGraph: await closedPortOrigin(),
        tiktokApi: 'http://127.0.0.1:9',
        graphVersion: 'v21.0',
        requestTimeoutMs: 500,
      }).instagram!;

      const failure = await failureOf(unreachable.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER })));

      expect(failure).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true, outcome: 'not-applied', network: { code: 'ECONNREFUSED' } });
    });

    it('should hand over to reconcile instead of publishing again when the container is already PUBLISHED', async () => {
      server.on('GET', fb(`/${CONTAINER}`), { body: fixture('container-published.json') });

      const failure = await failureOf(instagram.commit(ctx, post(), prepared({ format: 'image', containerId: CONTAINER })));

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown', retryable: false });
      expect(server.requestsTo('POST', fb(`/${IG_USER}/media_publish`))).toHaveLength(0);
    });
  });

  describe('reconcile after a commit with an unknown outcome', () => {
    const commitStartedAt = new Date('2026-05-01T09:30:00Z');

    it('should find the published post by caption and time when the container is PUBLISHED', async () => {
      server
        .on('GET', fb(`/${CONTAINER}`), { body: fixture('container-published.json') })
        .on('GET', fb(`/${IG_USER}/media`), { body: fixture('media-list.json') });

      const result = await instagram.reconcile(ctx, post(), prepared({ format: 'image', containerId: CONTAINER }), commitStartedAt);

      expect(result).toEqual({
        status: 'published',
        ref: { releaseId: MEDIA, releaseUrl: 'https://www.instagram.com/p/DJx1Ab2Cd3E/' },
      });
      expect(server.requests[1]!.query['fields']).toBe('id,caption,timestamp,permalink');
    });

    it('should say not published when the container is still FINISHED', async () => {
      server.on('GET', fb(`/${CONTAINER}`), { body: fixture('container-finished.json') });

      const result = await instagram.reconcile(ctx, post(), prepared({ format: 'image', containerId: CONTAINER }), commitStartedAt);

      expect(result.status).toBe('not-published');
    });

    it('should say unknown when the container is PUBLISHED but no recent post matches', async () => {
      server
        .on('GET', fb(`/${CONTAINER}`), { body: fixture('container-published.json') })
        .on('GET', fb(`/${IG_USER}/media`), { body: fixture('media-list.json') });

      const later = new Date('2026-05-01T10:00:00Z');
      const result = await instagram.reconcile(ctx, post(), prepared({ format: 'image', containerId: CONTAINER }), later);

      expect(result.status).toBe('unknown');
    });

    it('should read the media back to the commit when the account published many posts since (ours is past the first page)', async () => {
      const newer = {
        data: Array.from({ length: 50 }, (_, i) => ({ id: `1794000000000${i}`, caption: `Another post ${i}`, timestamp: '2026-05-01T09:30:06+0000' })),
        paging: { cursors: { after: 'p1' }, next: `https://graph.facebook.com/v21.0/${IG_USER}/media?after=p1` },
      };
      server
        .on('GET', fb(`/${CONTAINER}`), { body: fixture('container-published.json') })
        .on('GET', fb(`/${IG_USER}/media`), { body: newer }, { body: fixture('media-list.json') });

      const result = await instagram.reconcile(ctx, post(), prepared({ format: 'image', containerId: CONTAINER }), commitStartedAt);

      expect(result).toEqual({ status: 'published', ref: { releaseId: MEDIA, releaseUrl: 'https://www.instagram.com/p/DJx1Ab2Cd3E/' } });
      expect(server.requestsTo('GET', fb(`/${IG_USER}/media`)).map((r) => r.query['after'])).toEqual([undefined, 'p1']);
    });
  });

  describe('a carousel', () => {
    const children = ['17900000000000001', '17900000000000002', '17900000000000003'];
    const parent = '17900000000000099';

    it('should create the children in prepare, the parent in check once all are FINISHED, and publish the parent', async () => {
      server.on('POST', fb(`/${IG_USER}/media`), ...children.map((id) => ({ body: { id } })), { body: { id: parent } });
      const carousel = post({ media: [image, video, image], settings: { collaborators: [{ label: 'mia' }] } });

      const made = await instagram.prepare(ctx, carousel);

      expect(server.requests.map((r) => r.body)).toEqual([
        { image_url: image.path, is_carousel_item: true },
        { video_url: video.path, media_type: 'VIDEO', is_carousel_item: true },
        { image_url: image.path, is_carousel_item: true },
      ]);
      expect(made.data).toMatchObject({ format: 'carousel', childIds: children });
      expect(made.data['containerId']).toBeUndefined();

      server.reset();
      server
        .on('POST', fb(`/${IG_USER}/media`), { body: { id: parent } })
        .on('GET', fb(`/${children[0]}`), { body: fixture('container-finished.json') })
        .on('GET', fb(`/${children[1]}`), { body: fixture('container-in-progress.json') }, { body: fixture('container-finished.json') })
        .on('GET', fb(`/${children[2]}`), { body: fixture('container-finished.json') });

      const first = await instagram.check(ctx, made);
      expect(first).toEqual({ status: 'pending', detail: 'Instagram has processed 2 of 3 items' });
      expect(server.requestsTo('POST', fb(`/${IG_USER}/media`))).toHaveLength(0);

      const second = await instagram.check(ctx, made);
      // The parent exists now but is processed too: the next checks poll it.
      expect(second.status).toBe('pending');
      const parentRequest = server.requestsTo('POST', fb(`/${IG_USER}/media`));
      expect(parentRequest.map((r) => r.body)).toEqual([
        { media_type: 'CAROUSEL', children: children.join(','), caption: CAPTION, collaborators: ['mia'] },
      ]);
      const withParent = second.prepared!;
      expect(withParent.data['containerId']).toBe(parent);

      server.reset();
      server.on('GET', fb(`/${parent}`), { body: fixture('container-in-progress.json') }, { body: fixture('container-finished.json') });
      expect((await instagram.check(ctx, withParent)).status).toBe('pending');
      const third = await instagram.check(ctx, withParent);
      expect(third.status).toBe('ready');
      const assembled = third.status === 'ready' ? third.prepared : made;
      expect(assembled.data['containerId']).toBe(parent);
      expect(server.requestsTo('POST', fb(`/${IG_USER}/media`))).toHaveLength(0);

      server.reset();
      server
        .on('GET', fb(`/${parent}`), { body: fixture('container-finished.json') })
        .on('GET', fb(`/${IG_USER}/content_publishing_limit`), { body: fixture('publishing-limit-available.json') })
        .on('POST', fb(`/${IG_USER}/media_publish`), { body: fixture('media-published.json') })
        .on('GET', fb(`/${MEDIA}`), { body: fixture('media-permalink.json') });

      const outcome = await instagram.commit(ctx, carousel, assembled);
      expect(outcome).toMatchObject({ status: 'published', ref: { releaseId: MEDIA } });
      expect(server.requestsTo('POST', fb(`/${IG_USER}/media_publish`))[0]!.body).toEqual({ creation_id: parent });
    });

    it('should answer not-ready, without publishing, while the parent is still IN_PROGRESS', async () => {
      server.on('GET', fb(`/${parent}`), { body: fixture('container-in-progress.json') });

      const failure = await failureOf(
        instagram.commit(ctx, post(), prepared({ format: 'carousel', childIds: children, containerId: parent })),
      );

      expect(failure).toMatchObject({ retryable: true, outcome: 'not-applied' });
      expect(server.requestsTo('POST', fb(`/${IG_USER}/media_publish`))).toHaveLength(0);
    });
  });

  describe('other formats', () => {
    it('should create a reel for a single video and a story without caption for post_type story', async () => {
      server.on('POST', fb(`/${IG_USER}/media`), { body: fixture('container-created.json') });

      const reel = await instagram.prepare(ctx, post({ media: [video] }));
      const story = await instagram.prepare(ctx, post({ media: [image], settings: { post_type: 'story' } }));

      expect(server.requests.map((r) => r.body)).toEqual([
        { video_url: video.path, media_type: 'REELS', caption: CAPTION },
        { image_url: image.path, media_type: 'STORIES' },
      ]);
      expect(reel.data['format']).toBe('reel');
      expect(story.data['format']).toBe('story');
    });

    it('should refuse a story with two media items before calling Instagram', async () => {
      const failure = await failureOf(instagram.prepare(ctx, post({ media: [image, image], settings: { post_type: 'story' } })));

      expect(failure).toMatchObject({ code: 'VALIDATION', retryable: false, outcome: 'not-applied' });
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('container processing failures', () => {
    it('should reject the media with the video-format sentence when the container reports ERROR 2207026', async () => {
      server.on('GET', fb(`/${CONTAINER}`), { body: fixture('container-error-2207026.json') });

      const failure = await failureOf(instagram.check(ctx, prepared({ format: 'reel', containerId: CONTAINER })));

      expect(failure).toMatchObject({ code: 'MEDIA_REJECTED', retryable: false, network: { subcode: 2207026 } });
      expect(failure.message).toContain('MP4 or MOV (H.264 or HEVC video with AAC audio)');
    });

    it('should answer a retryable failure when the container EXPIRED, so the workflow prepares again', async () => {
      server.on('GET', fb(`/${CONTAINER}`), { body: fixture('container-expired.json') });

      const failure = await failureOf(instagram.check(ctx, prepared({ format: 'image', containerId: CONTAINER })));

      expect(failure).toMatchObject({ retryable: true, outcome: 'not-applied' });
      expect(failure.message).toContain('expired');
    });

    it('should make a lost answer to a container creation retryable, since containers stay invisible', async () => {
      server.on('POST', fb(`/${IG_USER}/media`), { destroySocket: true });

      const failure = await failureOf(instagram.prepare(ctx, post()));

      expect(failure).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true });
    });
  });

  describe('logins', () => {
    it('should read a container status again with the user token when the Page token gets 100/33', async () => {
      server.on(
        'GET',
        fb(`/${CONTAINER}`),
        { status: 400, body: fixture('error-object-missing-100-33.json') },
        { body: fixture('container-finished.json') },
      );

      const result = await instagram.check(ctx, prepared({ format: 'image', containerId: CONTAINER }));

      expect(result.status).toBe('ready');
      expect(server.requests.map((r) => r.query['access_token'])).toEqual(['page-token', 'user-token']);
    });

    it('should publish an Instagram-login account through graph.instagram.com with its own token', async () => {
      const standalone = adapters['instagram-standalone']!;
      const igCtx: PublishContext = {
        account: { provider: 'instagram-standalone', internalId: IG_USER },
        credentials: { accessToken: 'ig-token' },
      };
      server.on('POST', ig(`/${IG_USER}/media`), { body: fixture('container-created.json') });

      const result = await standalone.prepare(igCtx, post());

      expect(result.provider).toBe('instagram-standalone');
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({ path: ig(`/${IG_USER}/media`), query: { access_token: 'ig-token' } });
    });
  });
});
