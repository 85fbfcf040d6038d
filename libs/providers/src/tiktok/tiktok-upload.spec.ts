import { createMediaFetcher } from '../media/media-fetcher';
import { mediaSha256 } from '../testing/media-origin';
import { CAPTION, ctx, failureOf, post, prepared, rawFixture, TikTokTestBed, tt, UPLOAD_PATH, video } from '../testing/tiktok-test-bed';
import { uploadVideoChunks } from './tiktok-upload';

const PUBLISH_ID = 'v_pub_file~v2-1.7301234567890123456';
const SMALL = 1_500_000;
// Over 64 MB in either reading (64,000,000 and 64 MiB), so it must be split.
const LARGE = 70_108_865;
const MIB = 1_048_576;

describe(uploadVideoChunks.name, () => {
  let bed: TikTokTestBed;

  beforeAll(async () => {
    bed = await TikTokTestBed.start();
  });
  afterEach(() => bed.reset());
  afterAll(() => bed.close());

  function directUpload(path: string) {
    return prepared({
      format: 'video',
      mode: 'direct',
      transfer: 'FILE_UPLOAD',
      mediaUrls: [bed.mediaUrl(path)],
      username: 'herald.bakery',
      postInfo: { title: CAPTION, privacy_level: 'SELF_ONLY', disable_comment: true },
    });
  }

  const commit = (path: string) => bed.adapter().commit(ctx, post([video(bed.mediaUrl(path))]), directUpload(path));
  const puts = () => bed.server.requestsTo('PUT', UPLOAD_PATH);

  it('should upload a small video as one chunk and answer accepted with the publish_id and size', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4' });
    bed.server
      .on('POST', tt('/v2/post/publish/video/init/'), { body: bed.uploadInit('video-init-file.json') })
      .on('PUT', UPLOAD_PATH, { status: 201, body: '' });

    const outcome = await commit('/clip.mp4');

    expect(bed.server.requests[0]!.body).toEqual({
      post_info: { title: CAPTION, privacy_level: 'SELF_ONLY', disable_comment: true },
      source_info: { source: 'FILE_UPLOAD', video_size: SMALL, chunk_size: SMALL, total_chunk_count: 1 },
    });
    const [put] = puts();
    expect(put!.query).toEqual({ upload_id: '67890', upload_token: 'Xza123' });
    expect(put!.headers).toMatchObject({ 'content-range': `bytes 0-${SMALL - 1}/${SMALL}`, 'content-length': String(SMALL), 'content-type': 'video/mp4' });
    expect(put!.headers.authorization).toBeUndefined();
    expect(put!.sha256).toBe(mediaSha256(0, SMALL - 1));
    expect(outcome).toEqual({
      status: 'accepted',
      pending: prepared({ ...directUpload('/clip.mp4').data, publishId: PUBLISH_ID, videoSize: SMALL }),
    });
  });

  it('should split a video over 64 MB into floor(size / 10 MiB) chunks, the last taking the remainder, from one download', async () => {
    bed.origin.serve('/long.mp4', { size: LARGE, contentType: 'video/mp4' });
    const partial = (end: number) => ({ status: 206, body: '', headers: { 'content-range': `bytes 0-${end}/${LARGE}` } });
    bed.server
      .on('POST', tt('/v2/post/publish/video/init/'), { body: bed.uploadInit('video-init-file.json') })
      .on('PUT', UPLOAD_PATH, ...[1, 2, 3, 4, 5].map((n) => partial(n * 10 * MIB - 1)), { status: 201, body: '' });

    const outcome = await commit('/long.mp4');

    expect(bed.server.requests[0]!.body['source_info']).toEqual({ source: 'FILE_UPLOAD', video_size: LARGE, chunk_size: 10 * MIB, total_chunk_count: 6 });
    const ranges = [
      [0, 10_485_759],
      [10_485_760, 20_971_519],
      [20_971_520, 31_457_279],
      [31_457_280, 41_943_039],
      [41_943_040, 52_428_799],
      [52_428_800, 70_108_864],
    ] as const;
    expect(puts().map((put) => put.headers['content-range'])).toEqual(ranges.map(([start, end]) => `bytes ${start}-${end}/${LARGE}`));
    expect(puts().map((put) => put.bytes)).toEqual(ranges.map(([start, end]) => end - start + 1));
    expect(puts().map((put) => put.sha256)).toEqual(ranges.map(([start, end]) => mediaSha256(start, end)));
    expect(bed.origin.requests.filter((request) => request.method === 'GET')).toEqual([{ method: 'GET', path: '/long.mp4' }]);
    expect(outcome.status).toBe('accepted');
  });

  it('should send a chunk before the last again when its answer is lost, reading it afresh from its first byte', async () => {
    bed.origin.serve('/long.mp4', { size: LARGE, contentType: 'video/mp4' });
    const partial = { status: 206, body: '' };
    bed.server
      .on('POST', tt('/v2/post/publish/video/init/'), { body: bed.uploadInit('video-init-file.json') })
      .on('PUT', UPLOAD_PATH, partial, { destroySocket: true }, partial, partial, partial, partial, { status: 201, body: '' });

    const outcome = await commit('/long.mp4');

    expect(outcome.status).toBe('accepted');
    const second = `bytes ${10 * MIB}-${20 * MIB - 1}/${LARGE}`;
    expect(puts().map((put) => put.headers['content-range'])).toEqual([
      `bytes 0-${10 * MIB - 1}/${LARGE}`,
      second,
      second,
      `bytes ${20 * MIB}-${30 * MIB - 1}/${LARGE}`,
      `bytes ${30 * MIB}-${40 * MIB - 1}/${LARGE}`,
      `bytes ${40 * MIB}-${50 * MIB - 1}/${LARGE}`,
      `bytes ${50 * MIB}-${LARGE - 1}/${LARGE}`,
    ]);
    expect(puts()[2]!.sha256).toBe(mediaSha256(10 * MIB, 20 * MIB - 1));
    expect(bed.origin.requests.filter((request) => request.method === 'GET')).toEqual([
      { method: 'GET', path: '/long.mp4' },
      { method: 'GET', path: '/long.mp4', range: `bytes=${10 * MIB}-` },
    ]);
  });

  it('should send the same chunk again, read afresh, when TikTok answers 5xx', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4' });
    bed.server
      .on('POST', tt('/v2/post/publish/video/init/'), { body: bed.uploadInit('video-init-file.json') })
      .on('PUT', UPLOAD_PATH, { status: 502, body: '' }, { status: 201, body: '' });

    const outcome = await commit('/clip.mp4');

    expect(outcome.status).toBe('accepted');
    expect(puts().map((put) => put.sha256)).toEqual([mediaSha256(0, SMALL - 1), mediaSha256(0, SMALL - 1)]);
  });

  it('should answer an unknown outcome with the publish_id when the answer to the last chunk is lost', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4' });
    bed.server
      .on('POST', tt('/v2/post/publish/video/init/'), { body: bed.uploadInit('video-init-file.json') })
      .on('PUT', UPLOAD_PATH, { destroySocket: true });

    const failure = await failureOf(commit('/clip.mp4'));

    expect(failure).toMatchObject({
      code: 'OUTCOME_UNKNOWN',
      retryable: false,
      outcome: 'unknown',
      commitProgress: { publishId: PUBLISH_ID, transfer: 'FILE_UPLOAD', videoSize: SMALL },
    });
    expect(puts()).toHaveLength(1);
  });

  it('should answer not-applied, never unknown, when the media source fails during the last chunk: TikTok lacks bytes', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4', stallAfter: 100_000 });
    bed.server
      .on('POST', tt('/v2/post/publish/video/init/'), { body: bed.uploadInit('video-init-file.json') })
      .on('PUT', UPLOAD_PATH, { status: 201, body: '' });
    const fetchMedia = createMediaFetcher({ allowedOrigins: [bed.origin.origin], timeoutMs: 150, maxBytes: SMALL });

    const failure = await failureOf(
      bed.adapter({ fetchMedia }).commit(ctx, post([video(bed.mediaUrl('/clip.mp4'))]), directUpload('/clip.mp4')),
    );

    expect(failure).toMatchObject({ code: 'MEDIA_UNREACHABLE', retryable: true, outcome: 'not-applied', commitProgress: { publishId: PUBLISH_ID } });
    expect(bed.origin.requests.filter((request) => request.method === 'GET')).toHaveLength(3);
  });

  it('should answer not-applied, to start over from a new init, when the upload URL has expired (403)', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4' });
    bed.server
      .on('POST', tt('/v2/post/publish/video/init/'), { body: bed.uploadInit('video-init-file.json') })
      .on('PUT', UPLOAD_PATH, { status: 403, body: '' });

    const failure = await failureOf(commit('/clip.mp4'));

    expect(failure).toMatchObject({
      code: 'NETWORK_UNAVAILABLE',
      retryable: true,
      outcome: 'not-applied',
      prepareAgain: true,
      commitProgress: { publishId: PUBLISH_ID },
    });
  });

  it('should resume from where TikTok says it is when it answers 416', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4' });
    bed.server
      .on('POST', tt('/v2/post/publish/video/init/'), { body: bed.uploadInit('video-init-file.json') })
      // TikTok already holds every byte (an earlier attempt of this chunk did arrive).
      .on('PUT', UPLOAD_PATH, { status: 416, body: '', headers: { 'content-range': `bytes 0-${SMALL - 1}/${SMALL}` } });

    const outcome = await commit('/clip.mp4');

    expect(outcome.status).toBe('accepted');
    expect(puts()).toHaveLength(1);
  });

  it('should answer not-applied and retryable when the init for an upload fails: nothing publishes without the bytes', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4' });
    bed.server.on('POST', tt('/v2/post/publish/video/init/'), { status: 500, body: rawFixture('error-internal-500.json') });
    const refused = bed.adapter();

    const serverError = await failureOf(refused.commit(ctx, post([video(bed.mediaUrl('/clip.mp4'))]), directUpload('/clip.mp4')));
    bed.server.on('POST', tt('/v2/post/publish/video/init/'), { destroySocket: true });
    const lostAnswer = await failureOf(refused.commit(ctx, post([video(bed.mediaUrl('/clip.mp4'))]), directUpload('/clip.mp4')));

    expect(serverError).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true, outcome: 'not-applied' });
    expect(lostAnswer).toMatchObject({ code: 'NETWORK_UNAVAILABLE', retryable: true, outcome: 'not-applied' });
    expect(puts()).toHaveLength(0);
  });

  it('should answer not-applied when TikTok refuses the init (privacy mismatch), without uploading', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4' });
    bed.server.on('POST', tt('/v2/post/publish/video/init/'), { status: 403, body: rawFixture('error-privacy-level-option-mismatch-403.json') });

    const failure = await failureOf(commit('/clip.mp4'));

    expect(failure).toMatchObject({ code: 'PRIVACY_NOT_ALLOWED', retryable: false, outcome: 'not-applied' });
    expect(puts()).toHaveLength(0);
  });

  it('should send an inbox upload to the inbox init with source_info only', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/mp4' });
    bed.server
      .on('POST', tt('/v2/post/publish/inbox/video/init/'), { body: bed.uploadInit('inbox-video-init-file.json') })
      .on('PUT', UPLOAD_PATH, { status: 201, body: '' });
    const inbox = prepared({ format: 'video', mode: 'inbox', transfer: 'FILE_UPLOAD', mediaUrls: [bed.mediaUrl('/clip.mp4')] });

    const outcome = await bed.adapter().commit(ctx, post([video(bed.mediaUrl('/clip.mp4'))]), inbox);

    expect(bed.server.requests[0]!.body).toEqual({ source_info: { source: 'FILE_UPLOAD', video_size: SMALL, chunk_size: SMALL, total_chunk_count: 1 } });
    expect(outcome.status === 'accepted' && outcome.pending.data['publishId']).toBe('v_inbox_file~v2-1.7301234567890123459');
  });

  it('should refuse a file the server says is not MP4, and one on a private address, before any init', async () => {
    bed.origin.serve('/clip.mp4', { size: SMALL, contentType: 'video/quicktime' });

    const quicktime = await failureOf(commit('/clip.mp4'));
    const loopback = await failureOf(
      bed.adapter().commit(ctx, post([video('http://127.0.0.1:9/clip.mp4')]), prepared({ ...directUpload('/x').data, mediaUrls: ['http://127.0.0.1:9/clip.mp4'] })),
    );

    expect(quicktime).toMatchObject({ code: 'VALIDATION', outcome: 'not-applied' });
    expect(quicktime.message).toContain('MP4 only');
    expect(loopback).toMatchObject({ code: 'VALIDATION', outcome: 'not-applied' });
    expect(loopback.message).toContain('loopback');
    expect(bed.server.requests).toHaveLength(0);
  });
});
