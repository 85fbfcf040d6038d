import { fixture, startHarness, type Harness } from '../../__fixtures__/sandbox.harness';
import { pollStatus, post, tiktokAccount, type InitData, type StatusData } from '../../__fixtures__/tiktok.harness';
import type { PublishedItem } from '../../state/published-item.types';
import type { TikTokAccountView } from '../accounts/tiktok-account.view';

const VIDEO_INIT = '/v2/post/publish/video/init/';
const CONTENT_INIT = '/v2/post/publish/content/init/';

describe('TikTok PULL_FROM_URL and photo posts', () => {
  let h: Harness;
  let creator: TikTokAccountView;

  beforeAll(async () => {
    h = await startHarness();
    // The media server's origin, as Herald's MEDIA_PUBLIC_URL would be verified in the portal.
    await h.admin('PUT', '/tiktok/verified-url-prefixes', { prefixes: [h.media.url] });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    creator = await tiktokAccount(h, { username: 'pull.spec' });
  });

  const published = async () => (await h.admin<{ items: PublishedItem[] }>('GET', `/published?network=tiktok&accountId=${creator.id}`)).body.items;
  const pullVideo = (videoUrl: string) =>
    post<InitData>(h, VIDEO_INIT, creator.accessToken, {
      post_info: { title: 'Pulled', privacy_level: 'MUTUAL_FOLLOW_FRIENDS' },
      source_info: { source: 'PULL_FROM_URL', video_url: videoUrl },
    });
  const photoPost = (images: string[], postMode = 'DIRECT_POST', postInfo: Record<string, unknown> = {}) =>
    post<InitData>(h, CONTENT_INIT, creator.accessToken, {
      media_type: 'PHOTO',
      post_mode: postMode,
      post_info: { title: 'Album', description: 'Three squares #photo', privacy_level: 'PUBLIC_TO_EVERYONE', ...postInfo },
      source_info: { source: 'PULL_FROM_URL', photo_images: images, photo_cover_index: 0 },
    });

  it('should download a video from a verified prefix, answer PROCESSING_DOWNLOAD meanwhile, then PUBLISH_COMPLETE', async () => {
    const started = await pullVideo(`${h.media.url}/clip.mp4`);
    expect(started.status).toBe(200);
    expect(started.body.data).toEqual({ publish_id: expect.stringMatching(/^v_pub_url~v2-1\.\d{19}$/) });
    const { seen, last } = await pollStatus(h, creator.accessToken, started.body.data.publish_id);
    expect(seen.slice(0, -1).length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen.slice(0, -1))).toEqual(new Set(['PROCESSING_DOWNLOAD']));
    expect(seen.at(-1)).toBe('PUBLISH_COMPLETE');
    const clipBytes = fixture('clip.mp4').length;
    expect(last.body.data).toMatchObject({ downloaded_bytes: clipBytes, uploaded_bytes: 0 });
    const [item] = await published();
    expect(last.text).toContain(`"publicaly_available_post_id":[${item!.id}]`);
    expect(item).toMatchObject({ kind: 'video', text: 'Pulled', privacyLevel: 'MUTUAL_FOLLOW_FRIENDS', media: [{ url: `${h.media.url}/clip.mp4`, bytes: clipBytes, durationMs: 1200 }] });
  });

  it('should refuse a URL outside the verified prefixes with 403 url_ownership_unverified naming its origin', async () => {
    const foreign = h.media.url.replace('127.0.0.1', 'localhost');
    const answer = await pullVideo(`${foreign}/clip.mp4`);
    expect([answer.status, answer.body.error.code]).toEqual([403, 'url_ownership_unverified']);
    expect(answer.body.error.message).toContain(foreign);
    const notUrl = await pullVideo('clip.mp4');
    expect([notUrl.status, notUrl.body.error.code]).toEqual([400, 'invalid_param']);
  });

  it('should fail with video_pull_failed when the URL is unreachable, not a video, or redirects', async () => {
    for (const path of ['/missing', '/page.html', '/square.jpg', '/redirect.mp4']) {
      const started = await pullVideo(`${h.media.url}${path}`);
      const { last } = await pollStatus(h, creator.accessToken, started.body.data.publish_id);
      expect([path, last.body.data.status, last.body.data.fail_reason]).toEqual([path, 'FAILED', 'video_pull_failed']);
    }
    expect(await published()).toEqual([]);
  });

  it('should post photos straight to the profile, with p_pub_url ids, title and description', async () => {
    const images = [`${h.media.url}/square.jpg`, `${h.media.url}/tall.jpg`, `${h.media.url}/wide.jpg`];
    const started = await photoPost(images);
    expect(started.body.data.publish_id).toMatch(/^p_pub_url~v2\.\d{19}$/);
    const { last } = await pollStatus(h, creator.accessToken, started.body.data.publish_id);
    expect(last.body.data.status).toBe('PUBLISH_COMPLETE');
    const [item] = await published();
    expect(item).toMatchObject({
      kind: 'photo',
      text: 'Three squares #photo',
      title: 'Album',
      mode: 'direct',
      permalink: `https://www.tiktok.com/@pull.spec/photo/${item!.id}`,
      media: images.map((url) => ({ url, contentType: 'image/jpeg', bytes: expect.any(Number) })),
    });
    expect(last.text).toContain(`[${item!.id}]`);
  });

  it('should deliver a MEDIA_UPLOAD photo post to the inbox with a p_inbox_url id', async () => {
    const started = await photoPost([`${h.media.url}/square.jpg`], 'MEDIA_UPLOAD', { privacy_level: undefined });
    expect(started.body.data.publish_id).toMatch(/^p_inbox_url~v2\.\d{19}$/);
    const { last } = await pollStatus(h, creator.accessToken, started.body.data.publish_id);
    expect(last.body.data).toMatchObject({ status: 'SEND_TO_USER_INBOX', publicaly_available_post_id: [] });
    expect((await published()).map((i) => [i.id, i.mode])).toEqual([[started.body.data.publish_id, 'inbox']]);
  });

  it('should fail a PNG photo with file_format_check_failed and an unreachable one with photo_pull_failed', async () => {
    const png = await photoPost([`${h.media.url}/square.jpg`, `${h.media.url}/square.png`]);
    expect((await pollStatus(h, creator.accessToken, png.body.data.publish_id)).last.body.data).toMatchObject({ status: 'FAILED', fail_reason: 'file_format_check_failed' });
    const gone = await photoPost([`${h.media.url}/missing`]);
    expect((await pollStatus(h, creator.accessToken, gone.body.data.publish_id)).last.body.data).toMatchObject({ status: 'FAILED', fail_reason: 'photo_pull_failed' });
  });

  it('should refuse photo posts that break the content rules with 400 invalid_param', async () => {
    const cases: Array<[() => ReturnType<typeof photoPost>, RegExp]> = [
      [() => photoPost(Array.from({ length: 36 }, () => `${h.media.url}/square.jpg`)), /at most 35/],
      [() => photoPost([`${h.media.url}/square.jpg`], 'DIRECT_POST', { title: 'x'.repeat(91) }), /post_info.title is 91 characters long; the limit is 90/],
      [() => photoPost([`${h.media.url}/square.jpg`], 'DIRECT_POST', { description: 'y'.repeat(4001) }), /limit is 4000/],
      [() => photoPost([`${h.media.url}/square.jpg`], 'DRAFT'), /post_mode must be DIRECT_POST or MEDIA_UPLOAD/],
      [() => photoPost([]), /non-empty array/],
    ];
    for (const [attempt, message] of cases) {
      creator = await tiktokAccount(h);
      const answer = await attempt();
      expect([answer.status, answer.body.error.code]).toEqual([400, 'invalid_param']);
      expect(answer.body.error.message).toMatch(message);
    }
  });

  it('should cancel a download still in progress, leaving the publish FAILED publish_cancelled', async () => {
    const started = await photoPost([`${h.media.url}/slow.jpg`]);
    const cancel = await post(h, '/v2/post/publish/cancel/', creator.accessToken, { publish_id: started.body.data.publish_id });
    expect([cancel.status, cancel.body.error.code]).toEqual([200, 'ok']);
    const status = await post<StatusData>(h, '/v2/post/publish/status/fetch/', creator.accessToken, { publish_id: started.body.data.publish_id });
    expect(status.body.data).toMatchObject({ status: 'FAILED', fail_reason: 'publish_cancelled' });
    const twice = await post(h, '/v2/post/publish/cancel/', creator.accessToken, { publish_id: started.body.data.publish_id });
    expect([twice.status, twice.body.error.code]).toEqual([400, 'publish_not_cancellable']);
  });
});
