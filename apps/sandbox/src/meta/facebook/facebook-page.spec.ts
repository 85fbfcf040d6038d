import { startHarness, type GraphErrorShape, type Harness } from '../../__fixtures__/sandbox.harness';
import type { MetaAccountView } from '../accounts/meta-account.view';

type FeedItem = { id: string; message?: string; created_time: string; permalink_url: string; attachments?: { data: Array<Record<string, unknown>> } };

describe('Facebook Page publishing', () => {
  let h: Harness;
  let page: MetaAccountView;

  beforeAll(async () => {
    h = await startHarness({ processingPolls: 1 });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    page = await h.account('facebook', { name: 'Spec Page' });
  });

  const feed = () =>
    h.graph<{ data: FeedItem[]; paging: Record<string, unknown> }>('GET', `/${page.id}/feed`, {
      token: page.accessToken,
      query: { fields: 'id,message,created_time,permalink_url,attachments' },
    });

  it('should publish a text post, honour fields on the POST, and show it in the feed and as a node', async () => {
    const created = await h.graph<{ id: string; permalink_url: string }>('POST', `/${page.id}/feed`, {
      token: page.accessToken,
      json: { message: 'Hello Facebook' },
      query: { fields: 'id,permalink_url' },
    });
    expect(created.status).toBe(200);
    const [pageId, postId] = created.body.id.split('_');
    expect(pageId).toBe(page.id);
    expect(postId).toMatch(/^\d{17}$/);
    expect(created.body.permalink_url).toBe(`https://www.facebook.com/${page.id}/posts/${postId}`);
    expect(created.headers.get('x-app-usage')).toMatch(/"call_count":\d+/);
    expect(JSON.parse(created.headers.get('x-business-use-case-usage')!)).toEqual({
      [page.id]: [expect.objectContaining({ type: 'pages', estimated_time_to_regain_access: 0 })],
    });

    const listed = await feed();
    expect(listed.body.data).toEqual([
      { id: created.body.id, message: 'Hello Facebook', created_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/), permalink_url: created.body.permalink_url },
    ]);
    const node = await h.graph<Record<string, string>>('GET', `/${created.body.id}`, { token: page.accessToken, query: { fields: 'message,permalink_url' } });
    expect(node.body).toEqual({ message: 'Hello Facebook', permalink_url: created.body.permalink_url, id: created.body.id });

    const admin = await h.admin<{ items: Array<Record<string, unknown>> }>('GET', `/published?network=facebook&accountId=${page.id}`);
    expect(admin.body.items).toEqual([expect.objectContaining({ id: created.body.id, kind: 'feed', text: 'Hello Facebook', media: [] })]);
  });

  it('should refuse a post with neither message, link nor attached_media (100)', async () => {
    const empty = await h.graph<GraphErrorShape>('POST', `/${page.id}/feed`, { token: page.accessToken, json: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 100, message: '(#100) Missing message or attachment' });
    expect((await feed()).body.data).toEqual([]);
  });

  it('should attach unpublished photos to one feed post, and each photo only once', async () => {
    const upload = (query: Record<string, string>) =>
      h.graph<{ id: string; post_id?: string }>('POST', `/${page.id}/photos`, { token: page.accessToken, query: { url: `${h.media.url}/square.jpg`, ...query } });
    const first = await upload({ published: 'false' });
    const second = await upload({ published: 'false' });
    expect(first.body).toEqual({ id: expect.stringMatching(/^\d{17}$/) });
    expect((await feed()).body.data).toEqual([]);

    // Form keys, as many clients send them.
    const post = await h.graph<{ id: string }>('POST', `/${page.id}/feed`, {
      token: page.accessToken,
      form: {
        message: 'Two photos',
        'attached_media[0]': JSON.stringify({ media_fbid: first.body.id }),
        'attached_media[1]': JSON.stringify({ media_fbid: second.body.id }),
      },
    });
    expect(post.status).toBe(200);
    const listed = await feed();
    expect(listed.body.data).toHaveLength(1);
    const attachment = listed.body.data[0]!.attachments!.data[0] as { type: string; subattachments: { data: Array<{ target: { id: string } }> } };
    expect(attachment.type).toBe('album');
    expect(attachment.subattachments.data.map((s) => s.target.id)).toEqual([first.body.id, second.body.id]);

    const reused = await h.graph<GraphErrorShape>('POST', `/${page.id}/feed`, {
      token: page.accessToken,
      json: { message: 'again', attached_media: [{ media_fbid: first.body.id }] },
    });
    expect(reused.body.error).toMatchObject({ code: 100 });
    const admin = await h.admin<{ items: Array<{ media: Array<{ url: string; bytes: number }> }> }>('GET', `/published?accountId=${page.id}`);
    expect(admin.body.items).toHaveLength(1);
    expect(admin.body.items[0]!.media).toEqual([
      { url: `${h.media.url}/square.jpg`, contentType: 'image/jpeg', bytes: 311 },
      { url: `${h.media.url}/square.jpg`, contentType: 'image/jpeg', bytes: 311 },
    ]);
  });

  it('should publish a photo post with post_id, and refuse an unreadable image with 324', async () => {
    const photo = await h.graph<{ id: string; post_id: string }>('POST', `/${page.id}/photos`, {
      token: page.accessToken,
      json: { url: `${h.media.url}/square.png`, caption: 'A PNG is fine on Facebook' },
    });
    expect(photo.status).toBe(200);
    expect(photo.body.post_id).toMatch(new RegExp(`^${page.id}_\\d{17}$`));
    expect((await feed()).body.data.map((p) => [p.id, p.message])).toEqual([[photo.body.post_id, 'A PNG is fine on Facebook']]);

    for (const url of [`${h.media.url}/page.html`, `${h.media.url}/missing`]) {
      const bad = await h.graph<GraphErrorShape>('POST', `/${page.id}/photos`, { token: page.accessToken, json: { url } });
      expect(bad.body.error).toMatchObject({ code: 324, message: '(#324) Missing or invalid image file' });
    }
  });

  it('should answer 368/4854002 on feed, photos and videos under an identity checkpoint', async () => {
    await h.admin('PATCH', `/accounts/${page.id}`, { identityCheckpoint: true });
    const downloadsBefore = h.media.hits.length;
    const calls = [
      ['feed', { message: 'hi' }],
      ['photos', { url: `${h.media.url}/square.jpg` }],
      ['videos', { file_url: `${h.media.url}/clip.mp4` }],
    ] as const;
    for (const [edge, json] of calls) {
      const result = await h.graph<GraphErrorShape>('POST', `/${page.id}/${edge}`, { token: page.accessToken, json });
      expect(result.status).toBe(400);
      expect(result.body.error).toMatchObject({ code: 368, error_subcode: 4854002, type: 'OAuthException', is_transient: false });
    }
    // Refused before anything is downloaded.
    expect(h.media.hits.length).toBe(downloadsBefore);
    expect((await feed()).body.data).toEqual([]);
  });

  it('should answer 190 for an unknown token, 104 without one, 200 for another Page and 100/33 for an unknown post', async () => {
    const bad = await h.graph<GraphErrorShape>('POST', `/${page.id}/feed`, { token: 'EAAnotatoken', json: { message: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 190, type: 'OAuthException', message: 'Invalid OAuth access token - Cannot parse access token' });
    expect(bad.body.error.fbtrace_id).toMatch(/^A[\w-]{22}$/);
    expect(bad.headers.get('www-authenticate')).toContain('invalid_token');

    const bearer = await fetch(`${h.sandbox.url}/graph.facebook.com/v21.0/${page.id}?fields=name`, { headers: { Authorization: `Bearer ${page.accessToken}` } });
    expect(await bearer.json()).toEqual({ name: 'Spec Page', id: page.id });
    const noToken = await h.graph<GraphErrorShape>('GET', `/${page.id}`);
    expect(noToken.body.error).toMatchObject({ code: 104 });

    const other = await h.account('facebook');
    const foreign = await h.graph<GraphErrorShape>('POST', `/${page.id}/feed`, { token: other.accessToken, json: { message: 'x' } });
    expect(foreign.body.error).toMatchObject({ code: 200 });

    const unknown = await h.graph<GraphErrorShape>('GET', `/${page.id}_123456789012345678`, { token: page.accessToken });
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    const field = await h.graph<GraphErrorShape>('GET', `/${page.id}`, { token: page.accessToken, query: { fields: 'name,nonsense' } });
    expect(field.body.error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (nonsense) on node type (Page)' });
  });

  it('should answer 200 when publishing permission is missing and 190/463 when the token expired', async () => {
    await h.admin('PATCH', `/accounts/${page.id}`, { permissionMissing: true });
    const refused = await h.graph<GraphErrorShape>('POST', `/${page.id}/feed`, { token: page.accessToken, json: { message: 'x' } });
    expect(refused.body.error).toMatchObject({ code: 200 });
    const userToken = await h.graph<GraphErrorShape>('POST', `/${page.id}/feed`, { token: page.userAccessToken, json: { message: 'x' } });
    expect(userToken.body.error).toMatchObject({ code: 200 });

    await h.admin('PATCH', `/accounts/${page.id}`, { permissionMissing: false, tokenExpired: true });
    const expired = await h.graph<GraphErrorShape>('GET', `/${page.id}/feed`, { token: page.accessToken });
    expect(expired.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('should keep a video processing for the configured reads, then ready with its post in the feed', async () => {
    const created = await h.graph<{ id: string; permalink_url: string }>('POST', `/${page.id}/videos`, {
      token: page.accessToken,
      json: { file_url: `${h.media.url}/clip.mp4`, description: 'A clip' },
      query: { fields: 'id,permalink_url' },
    });
    expect(created.status).toBe(200);
    expect(created.body.permalink_url).toBe(`/${page.id}/videos/${created.body.id}/`);
    const read = () => h.graph<{ status: { video_status: string } }>('GET', `/${created.body.id}`, { token: page.accessToken, query: { fields: 'status' } });
    expect((await read()).body.status.video_status).toBe('processing');
    let next = await read();
    for (let i = 0; i < 20 && next.body.status.video_status === 'processing'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      next = await read();
    }
    expect(next.body.status.video_status).toBe('ready');
    expect((await feed()).body.data.map((p) => p.message)).toEqual(['A clip']);

    const bad = await h.graph<{ id: string }>('POST', `/${page.id}/videos`, { token: page.accessToken, json: { file_url: `${h.media.url}/square.jpg` } });
    let status = 'processing';
    for (let i = 0; i < 20 && status === 'processing'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await h.graph<{ status: { video_status: string } }>('GET', `/${bad.body.id}`, { token: page.accessToken, query: { fields: 'status' } })).body.status.video_status;
    }
    expect(status).toBe('error');
  });
});
