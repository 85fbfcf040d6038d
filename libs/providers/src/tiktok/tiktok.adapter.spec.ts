import type { MediaRef } from '@herald/domain';
import { createProviderAdapters } from '../create-provider-adapters';
import {
  CAPTION,
  ctx,
  failureOf,
  photo,
  post,
  prepared,
  rawFixture,
  TikTokTestBed,
  tt,
  video,
} from '../testing/tiktok-test-bed';
import { UNAUDITED_APP_MESSAGE } from './tiktok-error-rules';
import { TikTokAdapter } from './tiktok.adapter';

const VERIFIED = 'https://media.herald.example/uploads';
const PUBLIC_VIDEO = `${VERIFIED}/oven.mp4`;

describe(TikTokAdapter.name, () => {
  let bed: TikTokTestBed;

  beforeAll(async () => {
    bed = await TikTokTestBed.start();
  });
  afterEach(() => bed.reset());
  afterAll(() => bed.close());

  describe('prepare', () => {
    it('should read creator_info, force off comments, duets and stitches the creator disabled, and create nothing', async () => {
      bed.server.on('POST', tt('/v2/post/publish/creator_info/query/'), { body: rawFixture('creator-info-private-interactions-off.json') });
      const settings = { privacy_level: 'FOLLOWER_OF_CREATOR', comment: true, duet: true, stitch: true, video_made_with_ai: true };

      const result = await bed.adapter().prepare(ctx, post([video(bed.mediaUrl('/clip.mp4'), { durationMs: 30_000 })], settings));

      expect(bed.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${tt('/v2/post/publish/creator_info/query/')}`]);
      expect(bed.server.requests[0]!.headers.authorization).toBe('Bearer act.CurrentToken!1234');
      expect(result).toEqual(
        prepared({
          format: 'video',
          mode: 'direct',
          transfer: 'FILE_UPLOAD',
          mediaUrls: [bed.mediaUrl('/clip.mp4')],
          username: 'herald.bakery',
          postInfo: {
            title: CAPTION,
            privacy_level: 'FOLLOWER_OF_CREATOR',
            disable_comment: true,
            disable_duet: true,
            disable_stitch: true,
            is_aigc: true,
            brand_content_toggle: false,
            brand_organic_toggle: false,
          },
        }),
      );
      expect(JSON.stringify(result)).not.toContain('act.');
    });

    it('should keep the interactions the user allowed where the creator allows them, and leave the rest off', async () => {
      bed.server.on('POST', tt('/v2/post/publish/creator_info/query/'), { body: rawFixture('creator-info-public.json') });

      const result = await bed.adapter().prepare(ctx, post([video(PUBLIC_VIDEO)], { privacy_level: 'SELF_ONLY', comment: true }));

      expect(result.data['transfer']).toBe('PULL_FROM_URL');
      expect(result.data['postInfo']).toMatchObject({ privacy_level: 'SELF_ONLY', disable_comment: false, disable_duet: true, disable_stitch: true });
    });

    it('should refuse a visibility the account does not offer, naming the offered ones, before any init', async () => {
      bed.server.on('POST', tt('/v2/post/publish/creator_info/query/'), { body: rawFixture('creator-info-private-interactions-off.json') });

      // No privacy_level: Postiz's default, PUBLIC_TO_EVERYONE, which a private account does not offer.
      const failure = await failureOf(bed.adapter().prepare(ctx, post([video(PUBLIC_VIDEO)])));

      expect(failure).toMatchObject({ code: 'PRIVACY_NOT_ALLOWED', retryable: false, outcome: 'not-applied' });
      expect(failure.message).toBe(
        'The visibility PUBLIC_TO_EVERYONE is not available for this TikTok account; choose one of: Followers ' +
          '(FOLLOWER_OF_CREATOR), Friends (MUTUAL_FOLLOW_FRIENDS), Only me (SELF_ONLY).',
      );
      expect(bed.server.requests).toHaveLength(1);
    });

    it('should refuse a video longer than the creator may post', async () => {
      bed.server.on('POST', tt('/v2/post/publish/creator_info/query/'), { body: rawFixture('creator-info-private-interactions-off.json') });

      const failure = await failureOf(
        bed.adapter().prepare(ctx, post([video(PUBLIC_VIDEO, { durationMs: 181_500 })], { privacy_level: 'SELF_ONLY' })),
      );

      expect(failure).toMatchObject({ code: 'VALIDATION', retryable: false });
      expect(failure.message).toBe('The video lasts 181.5 s; this TikTok account allows videos of at most 180 seconds.');
    });

    const refusedMedia: Array<[string, MediaRef[], string]> = [
      ['a MOV video', [video('https://cdn.example.net/clip.mov')], 'TikTok takes videos as MP4 only'],
      ['a WebM video', [video('https://cdn.example.net/clip', { mimeType: 'video/webm' })], 'TikTok takes videos as MP4 only'],
      ['a PNG photo', [photo(`${VERIFIED}/a.jpg`), photo(`${VERIFIED}/b.png`)], 'TikTok takes photos as JPEG or WEBP only'],
      ['a video with a photo', [video(PUBLIC_VIDEO), photo(`${VERIFIED}/a.jpg`)], 'one MP4 video on its own, or 1 to 35 JPEG or WEBP photos'],
      ['two videos', [video(PUBLIC_VIDEO), video(PUBLIC_VIDEO)], 'one MP4 video on its own'],
      ['no media', [], 'one MP4 video on its own'],
    ];
    it.each(refusedMedia)('should refuse %s with VALIDATION before any call to TikTok', async (_name, media, sentence) => {
      const failure = await failureOf(bed.adapter().prepare(ctx, post(media)));

      expect(failure).toMatchObject({ code: 'VALIDATION', retryable: false, outcome: 'not-applied' });
      expect(failure.message).toContain(sentence);
      expect(bed.server.requests).toHaveLength(0);
    });

    it('should refuse photos outside the verified URL prefixes, naming the origin to verify, before any call', async () => {
      const failure = await failureOf(bed.adapter().prepare(ctx, post([photo('https://cdn.example.net/menu/a.jpg')])));

      expect(failure.code).toBe('VALIDATION');
      expect(failure.message).toContain('verify https://cdn.example.net (domain or URL prefix) in the TikTok developer portal');
      expect(bed.server.requests).toHaveLength(0);
    });

    it('should pass on a refusal creator_info gives with HTTP 200 (daily post cap: wait a day)', async () => {
      bed.server.on('POST', tt('/v2/post/publish/creator_info/query/'), { status: 200, body: rawFixture('error-spam-risk-too-many-posts-200.json') });

      const failure = await failureOf(bed.adapter().prepare(ctx, post([video(PUBLIC_VIDEO)])));

      expect(failure).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 24 * 3_600_000, network: { status: 200, code: 'spam_risk_too_many_posts' } });
    });

    it('should prepare an inbox post without creator_info, since the creator finishes it in the app', async () => {
      const result = await bed.adapter().prepare(ctx, post([video(PUBLIC_VIDEO)], { content_posting_method: 'UPLOAD' }));

      expect(result).toEqual(prepared({ format: 'video', mode: 'inbox', transfer: 'PULL_FROM_URL', mediaUrls: [PUBLIC_VIDEO] }));
      expect(bed.server.requests).toHaveLength(0);
    });

    it('should be ready at once: nothing is processed before commit', async () => {
      const ready = prepared({ format: 'video', mode: 'inbox', transfer: 'PULL_FROM_URL', mediaUrls: [PUBLIC_VIDEO] });

      await expect(bed.adapter().check(ctx, ready)).resolves.toEqual({ status: 'ready', prepared: ready });
    });
  });

  describe('commit by PULL_FROM_URL', () => {
    const directVideo = prepared({
      format: 'video',
      mode: 'direct',
      transfer: 'PULL_FROM_URL',
      mediaUrls: [PUBLIC_VIDEO],
      username: 'herald.bakery',
      postInfo: { title: CAPTION, privacy_level: 'SELF_ONLY', disable_comment: true },
    });

    it('should init a direct video pulled from its verified URL and answer accepted with the publish_id', async () => {
      bed.server.on('POST', tt('/v2/post/publish/video/init/'), { body: rawFixture('video-init-url.json') });

      const outcome = await bed.adapter().commit(ctx, post([video(PUBLIC_VIDEO)]), directVideo);

      expect(bed.server.requests[0]!.body).toEqual({
        post_info: { title: CAPTION, privacy_level: 'SELF_ONLY', disable_comment: true },
        source_info: { source: 'PULL_FROM_URL', video_url: PUBLIC_VIDEO },
      });
      expect(outcome).toEqual({ status: 'accepted', pending: prepared({ ...directVideo.data, publishId: 'v_pub_url~v2-1.7301234567890123457' }) });
      expect(bed.origin.requests).toHaveLength(0);
    });

    it('should post photos through content/init with the photo fields TikTok takes', async () => {
      bed.server
        .on('POST', tt('/v2/post/publish/creator_info/query/'), { body: rawFixture('creator-info-public.json') })
        .on('POST', tt('/v2/post/publish/content/init/'), { body: rawFixture('content-init-photo.json') });
      const photos = post([photo(`${VERIFIED}/a.jpg`), photo(`${VERIFIED}/b.webp`)], {
        privacy_level: 'PUBLIC_TO_EVERYONE',
        title: 'Spring menu',
        autoAddMusic: 'yes',
        comment: true,
        brand_organic_toggle: true,
      });
      const adapter = bed.adapter();

      const outcome = await adapter.commit(ctx, photos, await adapter.prepare(ctx, photos));

      expect(bed.server.requestsTo('POST', tt('/v2/post/publish/content/init/'))[0]!.body).toEqual({
        media_type: 'PHOTO',
        post_mode: 'DIRECT_POST',
        post_info: {
          title: 'Spring menu',
          description: CAPTION,
          privacy_level: 'PUBLIC_TO_EVERYONE',
          disable_comment: false,
          auto_add_music: true,
          brand_content_toggle: false,
          brand_organic_toggle: true,
        },
        source_info: { source: 'PULL_FROM_URL', photo_cover_index: 0, photo_images: [`${VERIFIED}/a.jpg`, `${VERIFIED}/b.webp`] },
      });
      expect(outcome.status === 'accepted' && outcome.pending.data['publishId']).toBe('p_pub_url~v2.7301234567890123458');
    });

    it('should send inbox photos as MEDIA_UPLOAD with their texts only, and inbox videos to the inbox init', async () => {
      bed.server
        .on('POST', tt('/v2/post/publish/content/init/'), { body: rawFixture('content-init-photo.json') })
        .on('POST', tt('/v2/post/publish/inbox/video/init/'), { body: rawFixture('video-init-url.json') });
      const adapter = bed.adapter();
      const photos = post([photo(`${VERIFIED}/a.jpg`)], { content_posting_method: 'UPLOAD', title: 'Menu', privacy_level: 'SELF_ONLY' });
      const clip = post([video(PUBLIC_VIDEO)], { content_posting_method: 'UPLOAD' });

      await adapter.commit(ctx, photos, await adapter.prepare(ctx, photos));
      await adapter.commit(ctx, clip, await adapter.prepare(ctx, clip));

      expect(bed.server.requests[0]!.body).toMatchObject({ post_mode: 'MEDIA_UPLOAD', post_info: { title: 'Menu', description: CAPTION } });
      expect(bed.server.requests[0]!.body['post_info']).not.toHaveProperty('privacy_level');
      expect(bed.server.requests[1]).toMatchObject({
        path: tt('/v2/post/publish/inbox/video/init/'),
        body: { source_info: { source: 'PULL_FROM_URL', video_url: PUBLIC_VIDEO } },
      });
      expect(bed.server.requests[1]!.body).not.toHaveProperty('post_info');
    });

    it('should answer an unknown outcome when the answer to a pull init is lost: TikTok may be downloading', async () => {
      bed.server.on('POST', tt('/v2/post/publish/video/init/'), { destroySocket: true });

      const failure = await failureOf(bed.adapter().commit(ctx, post([video(PUBLIC_VIDEO)]), directVideo));

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
      expect(failure.commitProgress).toBeUndefined();
    });

    it('should answer an unknown outcome when a pull init fails with 5xx', async () => {
      bed.server.on('POST', tt('/v2/post/publish/video/init/'), { status: 500, body: rawFixture('error-internal-500.json') });

      const failure = await failureOf(bed.adapter().commit(ctx, post([video(PUBLIC_VIDEO)]), directVideo));

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown', network: { status: 500, code: 'internal_error' } });
    });

    it('should name the media origin to verify when TikTok answers url_ownership_unverified', async () => {
      bed.server.on('POST', tt('/v2/post/publish/video/init/'), { status: 403, body: rawFixture('error-url-ownership-unverified-403.json') });

      const failure = await failureOf(bed.adapter().commit(ctx, post([video(PUBLIC_VIDEO)]), directVideo));

      expect(failure).toMatchObject({ code: 'VALIDATION', retryable: false, outcome: 'not-applied' });
      expect(failure.message).toContain('verify the media host https://media.herald.example (domain or URL prefix) in the TikTok developer portal');
    });

    it('should explain the SELF_ONLY rule when the app is not audited', async () => {
      bed.server.on('POST', tt('/v2/post/publish/video/init/'), { status: 403, body: rawFixture('error-unaudited-client-403.json') });

      const failure = await failureOf(bed.adapter().commit(ctx, post([video(PUBLIC_VIDEO)]), directVideo));

      expect(failure).toMatchObject({ code: 'PRIVACY_NOT_ALLOWED', retryable: false, outcome: 'not-applied' });
      expect(failure.message).toBe(UNAUDITED_APP_MESSAGE);
      expect(failure.message).toContain('"Only me" (SELF_ONLY) on a private account');
    });

    it('should wait at least a minute on 429, or as long as Retry-After says', async () => {
      bed.server.on(
        'POST',
        tt('/v2/post/publish/video/init/'),
        { status: 429, body: rawFixture('error-rate-limit-exceeded-429.json') },
        { status: 429, body: rawFixture('error-rate-limit-exceeded-429.json'), headers: { 'retry-after': '120' } },
      );

      const plain = await failureOf(bed.adapter().commit(ctx, post([video(PUBLIC_VIDEO)]), directVideo));
      const announced = await failureOf(bed.adapter().commit(ctx, post([video(PUBLIC_VIDEO)]), directVideo));

      expect(plain).toMatchObject({ code: 'RATE_LIMITED', retryable: true, outcome: 'not-applied', retryAfterMs: 60_000 });
      expect(announced.retryAfterMs).toBe(120_000);
    });

    it('should flag a rejected token so the worker refreshes it and tries once more', async () => {
      bed.server.on('POST', tt('/v2/post/publish/video/init/'), { status: 401, body: rawFixture('error-access-token-invalid-401.json') });

      const failure = await failureOf(bed.adapter().commit(ctx, post([video(PUBLIC_VIDEO)]), directVideo));

      expect(failure).toMatchObject({ code: 'RECONNECT_NEEDED', tokenRejected: true, retryable: false, outcome: 'not-applied' });
    });
  });

  describe('permalink', () => {
    it('should build the video URL from the creator\'s username, and give none for inbox posts', async () => {
      bed.server.on('POST', tt('/v2/post/publish/creator_info/query/'), { body: rawFixture('creator-info-public.json') });
      const adapter = bed.adapter();

      await expect(adapter.permalink(ctx, '7400000000000000001')).resolves.toBe('https://www.tiktok.com/@herald.bakery/video/7400000000000000001');
      await expect(adapter.permalink(ctx, 'missing')).resolves.toBeNull();
    });

    it('should answer null when TikTok cannot be asked', async () => {
      bed.server.on('POST', tt('/v2/post/publish/creator_info/query/'), { status: 500, body: rawFixture('error-internal-500.json') });

      await expect(bed.adapter().permalink(ctx, '7400000000000000001')).resolves.toBeNull();
    });
  });

  it('should be built by createProviderAdapters with the TikTok app settings', async () => {
    bed.server.on('POST', tt('/v2/oauth/token/'), { body: rawFixture('token-refreshed.json') });
    const adapters = createProviderAdapters({
      facebookGraph: `${bed.server.origin}/graph.facebook.com`,
      instagramGraph: `${bed.server.origin}/graph.instagram.com`,
      tiktokApi: `${bed.server.origin}/open.tiktokapis.com`,
      graphVersion: 'v21.0',
      requestTimeoutMs: 1_000,
      tiktok: { clientKey: 'key-from-config', clientSecret: 'secret-from-config', verifiedUrlPrefixes: [VERIFIED] },
      media: { allowedOrigins: [bed.origin.origin] },
    });

    await adapters.tiktok!.refresh!(ctx.credentials);

    expect(adapters.tiktok).toBeInstanceOf(TikTokAdapter);
    expect(bed.server.requests[0]!.body).toMatchObject({ client_key: 'key-from-config', client_secret: 'secret-from-config' });
  });
});
