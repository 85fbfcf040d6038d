import { startHarness, type GraphErrorShape, type Harness } from '../../__fixtures__/sandbox.harness';
import type { MetaAccountView } from '../accounts/meta-account.view';

describe('Instagram publishing', () => {
  let h: Harness;
  let ig: MetaAccountView;

  beforeAll(async () => {
    h = await startHarness({ processingPolls: 2 });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    ig = await h.account('instagram', { username: 'herald.spec' });
  });
  afterEach(async () => {
    // Tests that move the clock must not leave it moved for the next ones.
    const clock = await h.admin<{ offsetMs: number }>('GET', '/clock');
    await h.admin('POST', '/clock', { offsetMs: -clock.body.offsetMs });
  });

  const createImage = (imageUrl: string, extra: Record<string, unknown> = {}) =>
    h.graph<{ id: string } & Partial<GraphErrorShape>>('POST', `/${ig.id}/media`, { token: ig.accessToken, json: { image_url: imageUrl, ...extra } });
  const status = (containerId: string) =>
    h.graph<{ status_code: string; status: string; id: string }>('GET', `/${containerId}`, { token: ig.accessToken, query: { fields: 'status_code,status' } });
  const publish = (creationId: string) =>
    h.graph<{ id: string } & Partial<GraphErrorShape>>('POST', `/${ig.id}/media_publish`, { token: ig.accessToken, query: { creation_id: creationId } });

  it('should publish an image: container FINISHED at once, then a post with a permalink, listed in /media and the admin API', async () => {
    const created = await createImage(`${h.media.url}/square.jpg`, { caption: 'Hello from Herald' });
    expect(created.status).toBe(200);
    expect(created.body.id).toMatch(/^\d{17}$/);

    const polled = await status(created.body.id);
    expect(polled.body).toEqual({ status_code: 'FINISHED', status: expect.stringMatching(/^Finished/), id: created.body.id });

    const published = await publish(created.body.id);
    expect(published.status).toBe(200);
    const mediaId = published.body.id;
    expect(mediaId).toMatch(/^\d{17}$/);
    expect(mediaId).not.toBe(created.body.id);

    const media = await h.graph<Record<string, string>>('GET', `/${mediaId}`, {
      token: ig.accessToken,
      query: { fields: 'permalink,caption,media_type,timestamp,username' },
    });
    expect(media.body.permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\/[A-Za-z0-9_-]{11}\/$/);
    expect(media.body).toMatchObject({ caption: 'Hello from Herald', media_type: 'IMAGE', username: 'herald.spec', id: mediaId });
    expect(media.body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);

    const list = await h.graph<{ data: Array<Record<string, string>> }>('GET', `/${ig.id}/media`, {
      token: ig.accessToken,
      query: { fields: 'id,caption,media_type,timestamp,permalink' },
    });
    expect(list.body.data).toEqual([expect.objectContaining({ id: mediaId, caption: 'Hello from Herald', permalink: media.body.permalink })]);

    expect((await status(created.body.id)).body.status_code).toBe('PUBLISHED');
    const admin = await h.admin<{ items: Array<Record<string, unknown>> }>('GET', `/published?network=instagram&accountId=${ig.id}`);
    expect(admin.body.items).toEqual([
      expect.objectContaining({
        network: 'instagram',
        accountId: ig.id,
        id: mediaId,
        kind: 'image',
        text: 'Hello from Herald',
        permalink: media.body.permalink,
        containerId: created.body.id,
        media: [{ url: `${h.media.url}/square.jpg`, contentType: 'image/jpeg', bytes: 311 }],
      }),
    ]);
  });

  it('should answer 9007/2207027 while a reel is IN_PROGRESS, and publish it once processing reads are used up', async () => {
    const created = await h.graph<{ id: string }>('POST', `/${ig.id}/media`, {
      token: ig.accessToken,
      query: { media_type: 'REELS', video_url: `${h.media.url}/clip.mp4`, caption: 'A reel' },
    });
    expect(created.status).toBe(200);

    const early = await publish(created.body.id);
    expect(early.status).toBe(400);
    expect(early.body.error).toEqual({
      message: 'Media ID is not available',
      type: 'OAuthException',
      code: 9007,
      error_subcode: 2207027,
      is_transient: false,
      error_user_title: 'Cannot Publish',
      error_user_msg: 'The media is not ready for publishing, please wait for a moment',
      fbtrace_id: expect.any(String),
    });

    expect((await status(created.body.id)).body.status_code).toBe('IN_PROGRESS');
    expect((await status(created.body.id)).body.status_code).toBe('IN_PROGRESS');
    // The download runs in the background; the third read sees its verdict.
    let third = await status(created.body.id);
    for (let i = 0; i < 20 && third.body.status_code === 'IN_PROGRESS'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      third = await status(created.body.id);
    }
    expect(third.body.status_code).toBe('FINISHED');

    const published = await publish(created.body.id);
    expect(published.status).toBe(200);
    const reel = await h.graph<Record<string, string>>('GET', `/${published.body.id}`, {
      token: ig.accessToken,
      query: { fields: 'permalink,media_type,media_product_type' },
    });
    expect(reel.body.permalink).toMatch(/^https:\/\/www\.instagram\.com\/reel\/[A-Za-z0-9_-]{11}\/$/);
    expect(reel.body).toMatchObject({ media_type: 'VIDEO', media_product_type: 'REELS' });
  });

  it('should refuse to publish a PUBLISHED container again and make no second post', async () => {
    const created = await createImage(`${h.media.url}/square.jpg`);
    expect((await publish(created.body.id)).status).toBe(200);

    const again = await publish(created.body.id);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 100, type: 'OAuthException', message: expect.stringContaining('already been published') });
    expect(again.body.error?.error_subcode).toBeUndefined();

    const admin = await h.admin<{ items: unknown[] }>('GET', `/published?accountId=${ig.id}`);
    expect(admin.body.items).toHaveLength(1);
    const limit = await h.graph<{ data: Array<{ quota_usage: number }> }>('GET', `/${ig.id}/content_publishing_limit`, { token: ig.accessToken });
    expect(limit.body.data[0]!.quota_usage).toBe(1);
  });

  it('should answer 9/2207042 once the rolling 24 h quota is used, and accept publishes again when the window moves on', async () => {
    const patched = await h.admin<MetaAccountView>('PATCH', `/accounts/${ig.id}`, { quotaTotal: 3, quotaUsage: 3 });
    expect(patched.body.state).toMatchObject({ quotaUsage: 3, quotaTotal: 3 });
    const limit = await h.graph<{ data: unknown[] }>('GET', `/${ig.id}/content_publishing_limit`, {
      token: ig.accessToken,
      query: { fields: 'quota_usage,config' },
    });
    expect(limit.body.data).toEqual([{ quota_usage: 3, config: { quota_total: 3, quota_duration: 86400 } }]);

    const created = await createImage(`${h.media.url}/square.jpg`);
    const refused = await publish(created.body.id);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 9, error_subcode: 2207042 });
    expect((await status(created.body.id)).body.status_code).toBe('FINISHED');

    // The clock moves 23 h: the container (24 h lifetime) is still good, the quota still full.
    await h.admin('POST', '/clock', { offsetMs: 23 * 3_600_000 });
    expect((await publish(created.body.id)).body.error).toMatchObject({ code: 9, error_subcode: 2207042 });
    await h.admin('POST', '/clock', { offsetMs: 3_600_000 - 60_000 });
    expect((await status(created.body.id)).body.status_code).toBe('FINISHED');
    await h.admin('POST', '/clock', { offsetMs: 120_000 });
    // Past 24 h the first publishes left the window, but the container has expired too.
    const expired = await publish(created.body.id);
    expect(expired.body.error).toMatchObject({ code: -2, error_subcode: 2207020 });
    expect((await status(created.body.id)).body.status_code).toBe('EXPIRED');
    const fresh = await createImage(`${h.media.url}/square.jpg`);
    expect((await publish(fresh.body.id)).status).toBe(200);
  });

  it('should let containers be created under an identity checkpoint but answer 100/33 at media_publish', async () => {
    await h.admin('PATCH', `/accounts/${ig.id}`, { identityCheckpoint: true });
    const created = await createImage(`${h.media.url}/square.jpg`);
    expect(created.status).toBe(200);
    const refused = await publish(created.body.id);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
      message: expect.stringMatching(new RegExp(`^Unsupported post request\\. Object with ID '${ig.id}' does not exist`)),
    });
    // The checkpoint belongs to the linked Page: its feed is blocked too.
    const page = await h.graph<GraphErrorShape>('POST', `/${ig.pageId}/feed`, { token: ig.accessToken, json: { message: 'hi' } });
    expect(page.body.error).toMatchObject({ code: 368, error_subcode: 4854002 });

    await h.admin('PATCH', `/accounts/${ig.id}`, { identityCheckpoint: false });
    expect((await publish(created.body.id)).status).toBe(200);
  });

  it('should refuse media it cannot use when the container is created', async () => {
    const cases: Array<[string, Record<string, unknown>, number, number | undefined]> = [
      [`${h.media.url}/missing`, {}, 9004, 2207052],
      [`${h.media.url}/page.html`, {}, 9004, 2207052],
      ['http://127.0.0.1:1/unreachable.jpg', {}, 9004, 2207052],
      [`${h.media.url}/square.png`, {}, 36001, 2207005],
      [`${h.media.url}/tall.jpg`, {}, 36003, 2207009],
      [`${h.media.url}/panorama.jpg`, {}, 36003, 2207009],
      [`${h.media.url}/big.jpg`, {}, 36000, 2207004],
      [`${h.media.url}/square.jpg`, { caption: 'x'.repeat(2201) }, 36004, 2207010],
      [`${h.media.url}/square.jpg`, { collaborators: ['@someone'] }, 110, 2207018],
    ];
    for (const [url, extra, code, subcode] of cases) {
      const result = await createImage(url, extra);
      expect({ url, status: result.status, code: result.body.error?.code, subcode: result.body.error?.error_subcode }).toEqual({
        url,
        status: 400,
        code,
        subcode,
      });
    }
    const missing = await createImage(`${h.media.url}/missing`);
    expect(missing.body.error?.message).toBe('Only photo or video can be accepted as media type.');
    expect((await createImage(`${h.media.url}/wide.jpg`)).status).toBe(200);
    expect((await createImage(`${h.media.url}/tall.jpg`, { media_type: 'STORIES' })).status).toBe(200);
  });

  it('should time out a slow image download with -2/2207003', async () => {
    const slow = await createImage(`${h.media.url}/slow.jpg`);
    expect(slow.body.error).toMatchObject({ code: -2, error_subcode: 2207003, is_transient: true });
  });

  it('should publish a carousel of 2-10 items as one post and refuse other counts with 100/2207028', async () => {
    const child = async (extra: Record<string, unknown>) =>
      (await h.graph<{ id: string }>('POST', `/${ig.id}/media`, { token: ig.accessToken, json: { is_carousel_item: true, ...extra } })).body.id;
    const a = await child({ image_url: `${h.media.url}/square.jpg` });
    const b = await child({ image_url: `${h.media.url}/wide.jpg` });
    const c = await child({ media_type: 'VIDEO', video_url: `${h.media.url}/clip.mp4` });

    const one = await h.graph<GraphErrorShape>('POST', `/${ig.id}/media`, { token: ig.accessToken, query: { media_type: 'CAROUSEL', children: a } });
    expect(one.body.error).toMatchObject({ code: 100, error_subcode: 2207028 });
    const eleven = Array.from({ length: 11 }, () => a).join(',');
    expect((await h.graph<GraphErrorShape>('POST', `/${ig.id}/media`, { token: ig.accessToken, query: { media_type: 'CAROUSEL', children: eleven } })).body.error).toMatchObject({
      code: 100,
      error_subcode: 2207028,
    });

    const parent = await h.graph<{ id: string }>('POST', `/${ig.id}/media`, {
      token: ig.accessToken,
      json: { media_type: 'CAROUSEL', children: [a, b, c], caption: 'Three things' },
    });
    expect(parent.status).toBe(200);
    expect((await publish(parent.body.id)).body.error).toMatchObject({ code: 9007 });
    let polled = await status(parent.body.id);
    for (let i = 0; i < 20 && polled.body.status_code === 'IN_PROGRESS'; i++) polled = await status(parent.body.id);
    expect(polled.body.status_code).toBe('FINISHED');
    const published = await publish(parent.body.id);
    expect(published.status).toBe(200);

    const album = await h.graph<{ media_type: string; children: { data: Array<{ id: string }> } }>('GET', `/${published.body.id}`, {
      token: ig.accessToken,
      query: { fields: 'media_type,children{id,media_type}' },
    });
    expect(album.body.media_type).toBe('CAROUSEL_ALBUM');
    expect(album.body.children.data).toHaveLength(3);
    const limit = await h.graph<{ data: Array<{ quota_usage: number }> }>('GET', `/${ig.id}/content_publishing_limit`, { token: ig.accessToken });
    expect(limit.body.data[0]!.quota_usage).toBe(1);
    const admin = await h.admin<{ items: Array<{ kind: string; media: unknown[] }> }>('GET', `/published?accountId=${ig.id}`);
    expect(admin.body.items.map((i) => [i.kind, i.media.length])).toEqual([['carousel', 3]]);
  });

  it('should put a video that is not MP4/MOV in ERROR 2207026 and refuse to publish it', async () => {
    const created = await h.graph<{ id: string }>('POST', `/${ig.id}/media`, {
      token: ig.accessToken,
      json: { media_type: 'REELS', video_url: `${h.media.url}/fake.mp4` },
    });
    let polled = await status(created.body.id);
    for (let i = 0; i < 20 && polled.body.status_code === 'IN_PROGRESS'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      polled = await status(created.body.id);
    }
    expect(polled.body).toMatchObject({ status_code: 'ERROR', status: 'Error: Media upload has failed with error code 2207026' });
    expect((await publish(created.body.id)).body.error).toMatchObject({ code: 352, error_subcode: 2207026 });
  });

  it('should serve the same account on graph.instagram.com with the Instagram-login token only', async () => {
    const me = await h.graph<Record<string, string>>('GET', '/me', {
      host: 'graph.instagram.com',
      token: ig.instagramLoginToken,
      query: { fields: 'user_id,username,name' },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user_id: ig.id, username: 'herald.spec' });
    expect(me.body.id).not.toBe(ig.id);

    const created = await h.graph<{ id: string }>('POST', `/${ig.id}/media`, {
      host: 'graph.instagram.com',
      version: null,
      token: ig.instagramLoginToken,
      query: { image_url: `${h.media.url}/square.jpg` },
    });
    expect(created.status).toBe(200);
    const published = await h.graph<{ id: string }>('POST', `/${ig.id}/media_publish`, {
      host: 'graph.instagram.com',
      token: ig.instagramLoginToken,
      json: { creation_id: created.body.id },
    });
    expect(published.status).toBe(200);

    const pageTokenThere = await h.graph<GraphErrorShape>('GET', '/me', { host: 'graph.instagram.com', token: ig.accessToken });
    expect(pageTokenThere.body.error).toMatchObject({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
    const loginTokenOnFacebook = await h.graph<GraphErrorShape>('GET', `/${ig.id}`, { token: ig.instagramLoginToken });
    expect(loginTokenOnFacebook.body.error).toMatchObject({ code: 190 });
  });

  it("should answer 10 for another account's token and for a missing publishing permission", async () => {
    const other = await h.account('instagram');
    const foreign = await h.graph<GraphErrorShape>('POST', `/${ig.id}/media`, { token: other.accessToken, query: { image_url: `${h.media.url}/square.jpg` } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: 10 });

    await h.admin('PATCH', `/accounts/${ig.id}`, { permissionMissing: true });
    const refused = await createImage(`${h.media.url}/square.jpg`);
    expect(refused.body.error).toMatchObject({ code: 10, message: '(#10) Application does not have permission for this action' });
    // Reads still work: the flag withdraws publishing only.
    expect((await h.graph('GET', `/${ig.id}`, { token: ig.accessToken, query: { fields: 'username' } })).status).toBe(200);
  });

  it('should answer 190/463 with every token of an account whose token expired', async () => {
    await h.admin('PATCH', `/accounts/${ig.id}`, { tokenExpired: true });
    for (const [host, token] of [
      ['graph.facebook.com', ig.accessToken],
      ['graph.instagram.com', ig.instagramLoginToken!],
    ] as const) {
      const result = await h.graph<GraphErrorShape>('GET', `/${ig.id}/media`, { host, token });
      expect(result.status).toBe(400);
      expect(result.body.error).toMatchObject({ code: 190, error_subcode: 463, message: expect.stringMatching(/^Error validating access token: Session has expired/) });
    }
  });
});
