import type { ErrorCode } from '@herald/domain';
import { CAPTION, ctx, failureOf, post, prepared, rawFixture, TikTokTestBed, tt, video } from '../testing/tiktok-test-bed';
import { parsePublishStatus } from './tiktok-publish-status';

const PUBLISH_ID = 'v_pub_url~v2-1.7301234567890123457';
const URL = 'https://media.herald.example/uploads/oven.mp4';
const COMMIT_STARTED = new Date('2025-12-03T10:20:00.000Z');

const directPull = prepared({
  format: 'video',
  mode: 'direct',
  transfer: 'PULL_FROM_URL',
  mediaUrls: [URL],
  username: 'herald.bakery',
  postInfo: { title: CAPTION, privacy_level: 'PUBLIC_TO_EVERYONE' },
});
const pending = (extra: Record<string, unknown> = {}) => prepared({ ...directPull.data, publishId: PUBLISH_ID, ...extra });

function failedWith(reason: string): string {
  return rawFixture('status-failed.json').replace('"file_format_check_failed"', JSON.stringify(reason));
}

describe(parsePublishStatus.name, () => {
  let bed: TikTokTestBed;
  const status = (fixture: string) => bed.server.on('POST', tt('/v2/post/publish/status/fetch/'), { body: fixture });

  beforeAll(async () => {
    bed = await TikTokTestBed.start();
  });
  afterEach(() => bed.reset());
  afterAll(() => bed.close());

  describe('confirm', () => {
    it('should stay pending while TikTok downloads, asking about the publish_id', async () => {
      status(rawFixture('status-processing-download.json'));

      const check = await bed.adapter().confirm(ctx, pending());

      expect(check).toEqual({ status: 'pending', detail: 'TikTok reports PROCESSING_DOWNLOAD' });
      expect(bed.server.requests[0]!.body).toEqual({ publish_id: PUBLISH_ID });
    });

    it('should give the 19-digit post id exactly, as a string, with the video URL', async () => {
      status(rawFixture('status-publish-complete.json'));

      const check = await bed.adapter().confirm(ctx, pending());

      expect(check).toEqual({
        status: 'published',
        ref: { releaseId: '7400000000000000001', releaseUrl: 'https://www.tiktok.com/@herald.bakery/video/7400000000000000001' },
      });
    });

    it('should fall back to the publish_id and the profile URL for a post with no public id (SELF_ONLY)', async () => {
      status(rawFixture('status-publish-complete-private.json'));

      const check = await bed.adapter().confirm(ctx, pending());

      expect(check).toEqual({ status: 'published', ref: { releaseId: PUBLISH_ID, releaseUrl: 'https://www.tiktok.com/@herald.bakery' } });
    });

    it('should record an inbox post as "missing", as Postiz does, with no URL', async () => {
      status(rawFixture('status-send-to-user-inbox.json'));

      const check = await bed.adapter().confirm(ctx, pending({ mode: 'inbox' }));

      expect(check).toEqual({ status: 'published', ref: { releaseId: 'missing' } });
    });

    const reasons: Array<[reason: string, code: ErrorCode, retryable: boolean, extra: Record<string, unknown>]> = [
      // Retryable verdicts go back to prepare: the workflow starts a new publish, Temporal does not re-ask.
      ['internal', 'NETWORK_UNAVAILABLE', true, { prepareAgain: true }],
      ['video_pull_failed', 'MEDIA_UNREACHABLE', true, { prepareAgain: true, retryAfterMs: 60_000 }],
      ['photo_pull_failed', 'MEDIA_UNREACHABLE', true, { prepareAgain: true }],
      ['file_format_check_failed', 'MEDIA_REJECTED', false, {}],
      ['duration_check_failed', 'MEDIA_REJECTED', false, {}],
      ['frame_rate_check_failed', 'MEDIA_REJECTED', false, { message: 'TikTok takes videos between 23 and 60 frames per second: re-encode the video.' }],
      ['picture_size_check_failed', 'MEDIA_REJECTED', false, {}],
      ['spam_risk_too_many_posts', 'RATE_LIMITED', true, { prepareAgain: true, retryAfterMs: 86_400_000 }],
      ['auth_removed', 'RECONNECT_NEEDED', false, {}],
      ['spam_risk_text', 'CONTENT_REJECTED', false, {}],
      ['publish_cancelled', 'CONTENT_REJECTED', false, {}],
      ['something_new', 'CONTENT_REJECTED', false, { message: 'TikTok could not publish the post. TikTok said: "something_new"' }],
    ];
    it.each(reasons)('should throw, for FAILED with %s, %s (retryable: %s) as a failure that published nothing', async (reason, code, retryable, extra) => {
      status(failedWith(reason));

      const failure = await failureOf(bed.adapter().confirm(ctx, pending()));

      expect(failure).toMatchObject({ code, retryable, outcome: 'not-applied', network: { code: reason }, ...extra });
      expect(failure.prepareAgain).toBe(retryable ? true : undefined);
    });

    it('should leave the outcome unknown, with the publish_id, when the status cannot be read', async () => {
      bed.server.on('POST', tt('/v2/post/publish/status/fetch/'), { status: 500, body: rawFixture('error-internal-500.json') });

      const failure = await failureOf(bed.adapter().confirm(ctx, pending()));

      // Never 'not-applied': the workflow would commit again and could publish twice.
      expect(failure).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true, outcome: 'unknown', commitProgress: { publishId: PUBLISH_ID } });
    });
  });

  describe('reconcile with a publish_id', () => {
    const reconcile = (progress: Record<string, unknown>, data = directPull) =>
      bed.adapter().reconcile(ctx, post([video(URL)]), data, COMMIT_STARTED, progress);

    it('should answer published when TikTok completed the post', async () => {
      status(rawFixture('status-publish-complete.json'));

      await expect(reconcile({ publishId: PUBLISH_ID })).resolves.toEqual({
        status: 'published',
        ref: { releaseId: '7400000000000000001', releaseUrl: 'https://www.tiktok.com/@herald.bakery/video/7400000000000000001' },
      });
    });

    it('should answer not-published when TikTok gave up on it', async () => {
      status(failedWith('internal'));

      await expect(reconcile({ publishId: PUBLISH_ID })).resolves.toEqual({ status: 'not-published', detail: 'TikTok gave up on the post (internal).' });
    });

    it('should answer accepted, to keep confirming, while TikTok still processes it', async () => {
      status(rawFixture('status-processing-download.json'));

      await expect(reconcile({ publishId: PUBLISH_ID })).resolves.toEqual({ status: 'accepted', pending: pending() });
    });

    it('should answer not-published when the upload stopped short of the video size', async () => {
      status(rawFixture('status-processing-upload-partial.json'));
      const upload = prepared({ ...directPull.data, transfer: 'FILE_UPLOAD' });

      const result = await reconcile({ publishId: 'v_pub_file~v2-1.1', transfer: 'FILE_UPLOAD', videoSize: 1_500_000 }, upload);

      expect(result).toEqual({ status: 'not-published', detail: 'TikTok received 1000000 of 1500000 bytes; the upload never completed.' });
    });
  });

  describe('reconcile without a publish_id', () => {
    const reconcile = (data = directPull) => bed.adapter().reconcile(ctx, post([video(URL)]), data, COMMIT_STARTED);

    it('should find a pulled post in the video list by its caption and creation time, id intact', async () => {
      bed.server.on('POST', tt('/v2/video/list/'), { body: rawFixture('video-list.json') });

      const result = await reconcile();

      expect(result).toEqual({
        status: 'published',
        ref: { releaseId: '7400000000000000123', releaseUrl: 'https://www.tiktok.com/@herald.bakery/video/7400000000000000123' },
      });
      expect(bed.server.requests[0]).toMatchObject({ query: { fields: 'id,title,video_description,create_time,share_url' }, body: { max_count: 20 } });
    });

    it('should answer unknown, explaining that private posts cannot be looked up, when nothing matches', async () => {
      bed.server.on('POST', tt('/v2/video/list/'), { body: rawFixture('video-list-empty.json') });

      const result = await reconcile();

      expect(result.status).toBe('unknown');
      expect(result.status === 'unknown' && result.detail).toContain('private (visibility "Only me", SELF_ONLY)');
    });

    // Photo posts of a series often share their title: only the description tells them apart.
    const photoPull = prepared({
      format: 'photo',
      mode: 'direct',
      transfer: 'PULL_FROM_URL',
      mediaUrls: ['https://media.herald.example/uploads/cake.jpg'],
      username: 'herald.bakery',
      postInfo: { title: 'This week', description: 'Monday: lemon cake', privacy_level: 'PUBLIC_TO_EVERYONE' },
    });
    const listed = (id: string, title: string, description: string, createTime: number) =>
      `{"id":${id},"title":${JSON.stringify(title)},"video_description":${JSON.stringify(description)},"create_time":${createTime},"share_url":"https://www.tiktok.com/@herald.bakery/photo/${id}"}`;
    const page = (videos: string[], cursor: number, hasMore: boolean) =>
      `{"data":{"videos":[${videos.join(',')}],"cursor":${cursor},"has_more":${hasMore}},"error":{"code":"ok","message":"","log_id":"L1"}}`;

    it('should not take another photo post that shares only the title for this one', async () => {
      bed.server.on('POST', tt('/v2/video/list/'), {
        body: page([listed('7400000000000000901', 'This week', 'Tuesday: chocolate cake', 1764757230)], 1764757230000, false),
      });

      const result = await bed.adapter().reconcile(ctx, post([]), photoPull, COMMIT_STARTED);

      expect(result.status).toBe('unknown');
    });

    it('should read the list back to the commit when the account posted more since, and find the post by all its texts', async () => {
      const newer = Array.from({ length: 20 }, (_, i) => listed(`74000000000000010${String(i).padStart(2, '0')}`, 'This week', `Another day ${i}`, 1764757300 - i));
      bed.server.on(
        'POST',
        tt('/v2/video/list/'),
        { body: page(newer, 1764757281000, true) },
        { body: page([listed('7400000000000000902', 'This week', 'Monday: lemon cake', 1764757230), listed('7400000000000000777', 'Older', 'Older', 1764756000)], 1764756000000, true) },
      );

      const result = await bed.adapter().reconcile(ctx, post([]), photoPull, COMMIT_STARTED);

      expect(result).toEqual({ status: 'published', ref: { releaseId: '7400000000000000902', releaseUrl: 'https://www.tiktok.com/@herald.bakery/photo/7400000000000000902' } });
      // Two pages: the second reached back past the commit, so the third was never asked for.
      expect(bed.server.requests.map((r) => r.body['cursor'])).toEqual([undefined, 1764757281000]);
    });

    it('should answer not-published for an upload that never got a publish_id', async () => {
      bed.server.on('POST', tt('/v2/video/list/'), { body: rawFixture('video-list-empty.json') });

      const result = await reconcile(prepared({ ...directPull.data, transfer: 'FILE_UPLOAD' }));

      expect(result).toEqual({ status: 'not-published', detail: 'TikTok never received the video, so nothing can have been published.' });
    });
  });
});
