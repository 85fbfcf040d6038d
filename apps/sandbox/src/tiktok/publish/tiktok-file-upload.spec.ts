import { fixture, startHarness, type Harness } from '../../__fixtures__/sandbox.harness';
import {
  MIB,
  fileSource,
  largeClip,
  patchTikTok,
  pollStatus,
  post,
  putChunk,
  tiktok,
  tiktokAccount,
  type InitData,
  type StatusData,
} from '../../__fixtures__/tiktok.harness';
import type { PublishedItem } from '../../state/published-item.types';
import type { TikTokAccountView } from '../accounts/tiktok-account.view';

const VIDEO_INIT = '/v2/post/publish/video/init/';
const INBOX_INIT = '/v2/post/publish/inbox/video/init/';
const STATUS = '/v2/post/publish/status/fetch/';

describe('TikTok FILE_UPLOAD', () => {
  let h: Harness;
  let creator: TikTokAccountView;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    creator = await tiktokAccount(h, { name: 'Upload Spec', username: 'upload.spec' });
  });

  const published = async (accountId: string) => (await h.admin<{ items: PublishedItem[] }>('GET', `/published?network=tiktok&accountId=${accountId}`)).body.items;
  const init = (json: unknown, path = VIDEO_INIT) => post<InitData>(h, path, creator.accessToken, json);
  const directPost = (title: string, privacy = 'PUBLIC_TO_EVERYONE') => ({ title, privacy_level: privacy, disable_comment: false, brand_content_toggle: false });

  it('should take a video in 3 chunks (206, 206, 201) and complete with the 19-digit post id intact in the raw JSON', async () => {
    const total = 16 * MIB + 4321;
    const video = largeClip(total, 5 * MIB - 20);
    const chunk = 5 * MIB;
    const started = await init({ post_info: directPost('Three chunks #herald'), source_info: fileSource(total, chunk, 3) });
    expect(started.status).toBe(200);
    expect(started.body.error).toEqual({ code: 'ok', message: '', log_id: expect.stringMatching(/^\d{14}[0-9A-F]{20}$/) });
    expect(started.headers.get('x-tt-logid')).toBe(started.body.error.log_id);
    const { publish_id: publishId, upload_url: uploadUrl } = started.body.data;
    expect(publishId).toMatch(/^v_pub_file~v2-1\.\d{19}$/);
    expect(uploadUrl).toMatch(new RegExp(`^${h.sandbox.url}/open-upload\\.tiktokapis\\.com/video/\\?upload_id=\\d+&upload_token=\\w+$`));

    const before = await post<StatusData>(h, STATUS, creator.accessToken, { publish_id: publishId });
    expect(before.body.data).toMatchObject({ status: 'PROCESSING_UPLOAD', uploaded_bytes: 0 });

    const first = await putChunk(uploadUrl!, video.subarray(0, chunk), 0, total);
    expect([first.status, first.range]).toEqual([206, `bytes 0-${chunk - 1}/${total}`]);
    const middle = await post<StatusData>(h, STATUS, creator.accessToken, { publish_id: publishId });
    expect(middle.body.data).toMatchObject({ status: 'PROCESSING_UPLOAD', uploaded_bytes: chunk });
    const second = await putChunk(uploadUrl!, video.subarray(chunk, 2 * chunk), chunk, total);
    expect([second.status, second.range]).toEqual([206, `bytes 0-${2 * chunk - 1}/${total}`]);
    const last = await putChunk(uploadUrl!, video.subarray(2 * chunk), 2 * chunk, total);
    expect([last.status, last.range, last.body.error.code]).toEqual([201, `bytes 0-${total - 1}/${total}`, 'ok']);

    const { seen, last: done } = await pollStatus(h, creator.accessToken, publishId);
    expect(seen).toEqual(['PROCESSING_UPLOAD', 'PROCESSING_UPLOAD', 'PUBLISH_COMPLETE']);
    const [item] = await published(creator.id);
    expect(item).toMatchObject({
      network: 'tiktok',
      kind: 'video',
      text: 'Three chunks #herald',
      mode: 'direct',
      status: 'PUBLISH_COMPLETE',
      privacyLevel: 'PUBLIC_TO_EVERYONE',
      publishId,
      media: [{ upload: true, bytes: total, contentType: 'video/mp4', durationMs: 1200 }],
      permalink: `https://www.tiktok.com/@upload.spec/video/${item!.id}`,
    });
    expect(item!.id).toMatch(/^7\d{18}$/);
    // The id is a bare JSON number past 2^53: only the raw text keeps its digits.
    expect(done.text).toContain(`"publicaly_available_post_id":[${item!.id}]`);
    expect(String(done.body.data.publicaly_available_post_id[0])).not.toBe(item!.id);
    expect(done.body.data).toMatchObject({ fail_reason: '', uploaded_bytes: total, downloaded_bytes: 0 });
  });

  it('should refuse chunking that breaks the rules at init, naming the rule', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [fileSource(3 * MIB, MIB, 3), /under 5 MB.*chunk_size must equal video_size/],
      [fileSource(20 * MIB, 4 * MIB, 5), /chunk_size 4194304 must be between 5 MB/],
      [fileSource(200 * MIB, 65 * MIB, 3), /between 5 MB .* and 64 MB/],
      [fileSource(16 * MIB, 5 * MIB, 4), /total_chunk_count must be floor\(video_size \/ chunk_size\) = 3, not 4/],
      [{ source: 'FILE_UPLOAD', video_size: 1000 }, /source_info.chunk_size must be a positive integer/],
      [fileSource(5 * 1024 * MIB, 64 * MIB, 80), /exceeds the 4 GB limit/],
      [{ source: 'DROPBOX' }, /source_info.source must be FILE_UPLOAD or PULL_FROM_URL/],
    ];
    // One creator per case: each token may init only 6 times a minute.
    for (const [source, message] of cases) {
      const fresh = await tiktokAccount(h);
      const answer = await post<InitData>(h, VIDEO_INIT, fresh.accessToken, { post_info: directPost('rules'), source_info: source });
      expect([answer.status, answer.body.error.code]).toEqual([400, 'invalid_param']);
      expect(answer.body.error.message).toMatch(message);
    }
    expect((await init({ post_info: directPost('ok'), source_info: fileSource(64 * MIB) })).status).toBe(200);
  });

  it('should answer 416 for a chunk out of order, 400 for a length or header mismatch, 404 for an unknown upload', async () => {
    const total = 10 * MIB;
    const video = largeClip(total, 64);
    const started = await init({ post_info: directPost('strict'), source_info: fileSource(total, 5 * MIB, 2) });
    const url = started.body.data.upload_url!;

    const skipped = await putChunk(url, video.subarray(5 * MIB), 5 * MIB, total);
    expect([skipped.status, skipped.range]).toEqual([416, `bytes */${total}`]);
    expect((await putChunk(url, video.subarray(0, 4 * MIB), 0, total)).status).toBe(400);
    expect((await putChunk(url, video.subarray(0, 5 * MIB), 0, total + 1)).status).toBe(400);
    expect((await putChunk(url, video.subarray(0, 5 * MIB), 0, total, 'application/octet-stream')).status).toBe(400);
    const short = await fetch(url, { method: 'PUT', headers: { 'content-type': 'video/mp4', 'content-range': `bytes 0-${5 * MIB - 1}/${total}` }, body: video.subarray(0, 100) });
    expect(short.status).toBe(400);

    expect((await putChunk(url, video.subarray(0, 5 * MIB), 0, total)).status).toBe(206);
    const again = await putChunk(url, video.subarray(0, 5 * MIB), 0, total);
    expect([again.status, again.range]).toEqual([416, `bytes 0-${5 * MIB - 1}/${total}`]);
    expect((await putChunk(url, video.subarray(5 * MIB), 5 * MIB, total)).status).toBe(201);

    const unknown = await putChunk(url.replace(/upload_token=\w+/, 'upload_token=nope'), video.subarray(0, 5 * MIB), 0, total);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'upload_not_found']);
  });

  it('should fail a video longer than the creator allows with duration_check_failed', async () => {
    await patchTikTok(h, creator.id, { maxVideoDurationSec: 1 });
    const clip = fixture('clip.mp4');
    const started = await init({ post_info: directPost('too long'), source_info: fileSource(clip.length) });
    expect((await putChunk(started.body.data.upload_url!, clip, 0, clip.length)).status).toBe(201);
    const { last } = await pollStatus(h, creator.accessToken, started.body.data.publish_id);
    expect(last.body.data).toMatchObject({ status: 'FAILED', fail_reason: 'duration_check_failed', publicaly_available_post_id: [] });
    expect(await published(creator.id)).toEqual([]);
  });

  it('should fail bytes that are not MP4, QuickTime or WebM with file_format_check_failed, whatever the Content-Type said', async () => {
    const png = fixture('square.png');
    const started = await init({ post_info: directPost('not a video'), source_info: fileSource(png.length) });
    expect((await putChunk(started.body.data.upload_url!, png, 0, png.length, 'video/mp4')).status).toBe(201);
    const { last } = await pollStatus(h, creator.accessToken, started.body.data.publish_id);
    expect(last.body.data).toMatchObject({ status: 'FAILED', fail_reason: 'file_format_check_failed' });
  });

  it('should deliver an inbox upload as SEND_TO_USER_INBOX, ignoring post_info', async () => {
    const clip = fixture('clip.mp4');
    const started = await init({ post_info: { privacy_level: 'NOT_A_LEVEL' }, source_info: fileSource(clip.length) }, INBOX_INIT);
    expect(started.body.data.publish_id).toMatch(/^v_inbox_file~v2-1\.\d{19}$/);
    expect((await putChunk(started.body.data.upload_url!, clip, 0, clip.length, 'video/quicktime')).status).toBe(201);
    const { seen, last } = await pollStatus(h, creator.accessToken, started.body.data.publish_id);
    expect(seen).toEqual(['PROCESSING_UPLOAD', 'PROCESSING_UPLOAD', 'SEND_TO_USER_INBOX']);
    expect(last.body.data.publicaly_available_post_id).toEqual([]);
    expect(await published(creator.id)).toEqual([
      expect.objectContaining({ id: started.body.data.publish_id, mode: 'inbox', status: 'SEND_TO_USER_INBOX', permalink: '', media: [{ upload: true, bytes: clip.length, contentType: 'video/quicktime', durationMs: 1200 }] }),
    ]);
  });

  it('should make the post when the last chunk arrives even if its answer is lost, so status and video list find it', async () => {
    const clip = fixture('clip.mp4');
    const started = await init({ post_info: directPost('answer lost'), source_info: fileSource(clip.length) });
    await h.admin('POST', '/faults', { method: 'PUT', host: 'open-upload.tiktokapis.com', path: '^/video/$', dropResponse: true });
    const outcome = await putChunk(started.body.data.upload_url!, clip, 0, clip.length).then(
      () => 'answered',
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(outcome).toBe('UND_ERR_SOCKET');

    const [item] = await published(creator.id);
    const list = await tiktok<{ videos: Array<{ id: string; title: string }> }>(h, 'POST', '/v2/video/list/', {
      token: creator.accessToken,
      query: { fields: 'id,title' },
      json: { max_count: 20 },
    });
    expect(list.body.data.videos).toEqual([{ id: item!.id, title: 'answer lost' }]);
    const { last } = await pollStatus(h, creator.accessToken, started.body.data.publish_id);
    expect(last.text).toContain(`[${item!.id}]`);
    const logged = await h.admin<{ requests: Array<{ status: number; dropped?: boolean; query: Record<string, string> }> }>('GET', '/requests?host=open-upload.tiktokapis.com');
    expect(logged.body.requests.at(-1)).toMatchObject({ status: 201, dropped: true, query: { upload_token: expect.stringMatching(/^\w{6}…$/) } });
  });
});
