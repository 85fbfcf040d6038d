import { fixture, startHarness, type Harness } from '../../__fixtures__/sandbox.harness';
import { fileSource, patchTikTok, pollStatus, post, putChunk, tiktok, tiktokAccount, type InitData } from '../../__fixtures__/tiktok.harness';
import type { TikTokAccountView } from '../accounts/tiktok-account.view';

const CREATOR_INFO = '/v2/post/publish/creator_info/query/';
const VIDEO_INIT = '/v2/post/publish/video/init/';
const INBOX_INIT = '/v2/post/publish/inbox/video/init/';
const STATUS = '/v2/post/publish/status/fetch/';

describe('TikTok posting rules', () => {
  let h: Harness;
  let creator: TikTokAccountView;
  const clip = fixture('clip.mp4');

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    creator = await tiktokAccount(h, { name: 'Rules Spec', username: 'rules.spec' });
  });

  const initDirect = (postInfo: Record<string, unknown>, token = creator.accessToken) =>
    post<InitData>(h, VIDEO_INIT, token, { post_info: postInfo, source_info: fileSource(clip.length) });

  /** Init, upload the clip whole, and read the status until it settles. */
  const publishClip = async (postInfo: Record<string, unknown>) => {
    const started = await initDirect(postInfo);
    expect(started.status).toBe(200);
    expect((await putChunk(started.body.data.upload_url!, clip, 0, clip.length)).status).toBe(201);
    return (await pollStatus(h, creator.accessToken, started.body.data.publish_id)).last;
  };

  it('should describe the creator, with privacy options that depend on the account being private', async () => {
    const info = await post(h, CREATOR_INFO, creator.accessToken);
    expect(info.status).toBe(200);
    expect(info.body.data).toEqual({
      creator_avatar_url: 'https://p16-sign.tiktokcdn-us.com/sandbox/rules.spec.jpeg',
      creator_username: 'rules.spec',
      creator_nickname: 'Rules Spec',
      privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      comment_disabled: false,
      duet_disabled: false,
      stitch_disabled: false,
      max_video_post_duration_sec: 600,
    });
    await patchTikTok(h, creator.id, { privateAccount: true, commentDisabled: true, maxVideoDurationSec: 180 });
    const privateInfo = await post(h, CREATOR_INFO, creator.accessToken);
    expect(privateInfo.body.data).toMatchObject({
      privacy_level_options: ['FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      comment_disabled: true,
      duet_disabled: true,
      stitch_disabled: true,
      max_video_post_duration_sec: 180,
    });
  });

  it('should answer the daily cap, a ban and the active user cap on creator_info with HTTP 200, and on init with 403', async () => {
    const states: Array<[Record<string, boolean>, string]> = [
      [{ dailyCapReached: true }, 'spam_risk_too_many_posts'],
      [{ bannedFromPosting: true }, 'spam_risk_user_banned_from_posting'],
      [{ activeUserCapReached: true }, 'reached_active_user_cap'],
    ];
    for (const [flags, code] of states) {
      const account = await tiktokAccount(h, flags);
      const info = await post(h, CREATOR_INFO, account.accessToken);
      expect([info.status, info.body.error.code, info.body.data]).toEqual([200, code, {}]);
      const init = await initDirect({ privacy_level: 'SELF_ONLY' }, account.accessToken);
      expect([init.status, init.body.error.code]).toEqual([403, code]);
    }
    // The daily cap counts posts: a draft for the inbox still goes; too many waiting drafts stop it.
    const capped = await tiktokAccount(h, { dailyCapReached: true });
    expect((await post(h, INBOX_INIT, capped.accessToken, { source_info: fileSource(clip.length) })).status).toBe(200);
    const pending = await tiktokAccount(h, { tooManyPendingShares: true });
    const refused = await post(h, INBOX_INIT, pending.accessToken, { source_info: fileSource(clip.length) });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'spam_risk_too_many_pending_share']);
  });

  it('should refuse an unaudited app posting PUBLIC with 403, and publish SELF_ONLY to a private account with empty post ids', async () => {
    await patchTikTok(h, creator.id, { unauditedApp: true });
    const publicPost = await initDirect({ title: 'public', privacy_level: 'PUBLIC_TO_EVERYONE' });
    expect([publicPost.status, publicPost.body.error.code]).toEqual([403, 'unaudited_client_can_only_post_to_private_accounts']);
    expect(publicPost.body.error.message).toBe('Please review our integration guidelines at https://developers.tiktok.com/doc/content-sharing-guidelines/');
    // SELF_ONLY is not enough while the account itself is public.
    expect((await initDirect({ privacy_level: 'SELF_ONLY' })).body.error.code).toBe('unaudited_client_can_only_post_to_private_accounts');

    await patchTikTok(h, creator.id, { privateAccount: true });
    expect((await initDirect({ privacy_level: 'FOLLOWER_OF_CREATOR' })).body.error.code).toBe('unaudited_client_can_only_post_to_private_accounts');
    const done = await publishClip({ title: 'only me', privacy_level: 'SELF_ONLY' });
    expect(done.body.data).toMatchObject({ status: 'PUBLISH_COMPLETE', publicaly_available_post_id: [] });
    expect(done.text).toContain('"publicaly_available_post_id":[]');
    const items = (await h.admin<{ items: Array<Record<string, unknown>> }>('GET', `/published?accountId=${creator.id}`)).body.items;
    expect(items).toEqual([expect.objectContaining({ privacyLevel: 'SELF_ONLY', publiclyAvailable: false, status: 'PUBLISH_COMPLETE' })]);
  });

  it('should refuse a privacy level the creator does not offer, or none, with 403 privacy_level_option_mismatch', async () => {
    for (const postInfo of [{ title: 'none' }, { privacy_level: 'FOLLOWER_OF_CREATOR' }, { privacy_level: 'public' }]) {
      const answer = await initDirect(postInfo);
      expect([answer.status, answer.body.error.code]).toEqual([403, 'privacy_level_option_mismatch']);
    }
    await patchTikTok(h, creator.id, { privateAccount: true });
    const answer = await initDirect({ privacy_level: 'PUBLIC_TO_EVERYONE' });
    expect(answer.body.error).toMatchObject({ code: 'privacy_level_option_mismatch', message: expect.stringContaining('FOLLOWER_OF_CREATOR, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY') });
  });

  it('should refuse a title over 2200 UTF-16 units and branded content kept SELF_ONLY with 400 invalid_param', async () => {
    // 1100 emoji are 2200 UTF-16 units: at the limit.
    expect((await initDirect({ title: '😀'.repeat(1100), privacy_level: 'SELF_ONLY' })).status).toBe(200);
    const long = await initDirect({ title: `${'😀'.repeat(1100)}!`, privacy_level: 'SELF_ONLY' });
    expect([long.status, long.body.error.code, long.body.error.message]).toEqual([400, 'invalid_param', 'post_info.title is 2201 characters long; the limit is 2200.']);
    const branded = await initDirect({ privacy_level: 'SELF_ONLY', brand_content_toggle: true });
    expect([branded.status, branded.body.error.code]).toEqual([400, 'invalid_param']);
    expect((await initDirect({ privacy_level: 'PUBLIC_TO_EVERYONE', brand_content_toggle: 'yes' })).body.error.code).toBe('invalid_param');
  });

  it('should answer the 7th init of a minute with 429 rate_limit_exceeded, and take inits again a minute later', async () => {
    for (let i = 0; i < 6; i++) expect((await initDirect({ privacy_level: 'SELF_ONLY' })).status).toBe(200);
    const seventh = await initDirect({ privacy_level: 'SELF_ONLY' });
    expect([seventh.status, seventh.body.error.code]).toEqual([429, 'rate_limit_exceeded']);
    // Each endpoint counts on its own.
    expect((await post(h, CREATOR_INFO, creator.accessToken)).status).toBe(200);
    await h.admin('POST', '/clock', { offsetMs: 61_000 });
    try {
      expect((await initDirect({ privacy_level: 'SELF_ONLY' })).status).toBe(200);
    } finally {
      await h.admin('POST', '/clock', { offsetMs: -61_000 });
    }
  });

  it('should refuse a status fetch for an unknown publish_id or another creator\'s', async () => {
    const started = await initDirect({ privacy_level: 'SELF_ONLY' });
    const unknown = await post(h, STATUS, creator.accessToken, { publish_id: 'v_pub_file~v2-1.1' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'invalid_publish_id']);
    const other = await tiktokAccount(h);
    const foreign = await post(h, STATUS, other.accessToken, { publish_id: started.body.data.publish_id });
    expect([foreign.status, foreign.body.error.code]).toEqual([400, 'token_not_authorized_for_specified_publish_id']);
    const missing = await post(h, STATUS, creator.accessToken, {});
    expect([missing.status, missing.body.error.code]).toEqual([400, 'invalid_param']);
  });

  it('should end the next publish FAILED with the fail_reason set on the account, once', async () => {
    await patchTikTok(h, creator.id, { nextPublishFailReason: 'spam_risk_text' });
    expect((await publishClip({ privacy_level: 'SELF_ONLY' })).body.data).toMatchObject({ status: 'FAILED', fail_reason: 'spam_risk_text' });
    expect((await publishClip({ privacy_level: 'SELF_ONLY' })).body.data.status).toBe('PUBLISH_COMPLETE');
  });

  it('should list only the public posts, newest first, paged by create-time cursor', async () => {
    const ids: string[] = [];
    for (const [title, privacy] of [['first', 'PUBLIC_TO_EVERYONE'], ['hidden', 'SELF_ONLY'], ['second', 'MUTUAL_FOLLOW_FRIENDS'], ['third', 'PUBLIC_TO_EVERYONE']] as const) {
      const done = await publishClip({ title, privacy_level: privacy });
      ids.push(/"publicaly_available_post_id":\[(\d*)\]/.exec(done.text)![1]!);
    }
    expect(ids[1]).toBe('');
    const list = (json: Record<string, unknown>) =>
      tiktok<{ videos: Array<Record<string, unknown>>; cursor: number; has_more: boolean }>(h, 'POST', '/v2/video/list/', {
        token: creator.accessToken,
        query: { fields: 'id,title,create_time,share_url' },
        json,
      });
    const page = await list({ max_count: 2 });
    expect(page.body.data.videos).toEqual([
      { id: ids[3], title: 'third', create_time: expect.any(Number), share_url: `https://www.tiktok.com/@rules.spec/video/${ids[3]}` },
      { id: ids[2], title: 'second', create_time: expect.any(Number), share_url: `https://www.tiktok.com/@rules.spec/video/${ids[2]}` },
    ]);
    expect(page.body.data.has_more).toBe(true);
    const next = await list({ max_count: 2, cursor: page.body.data.cursor });
    expect([next.body.data.videos.map((v) => v.title), next.body.data.has_more]).toEqual([['first'], false]);

    const badField = await tiktok(h, 'POST', '/v2/video/list/', { token: creator.accessToken, query: { fields: 'id,plays' }, json: {} });
    expect([badField.status, badField.body.error.code]).toEqual([400, 'invalid_params']);
    expect((await list({ max_count: 21 })).body.error.code).toBe('invalid_params');
  });
});
