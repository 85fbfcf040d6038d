import { startHarness, type GraphErrorShape, type GraphRequest, type Harness } from '../../__fixtures__/sandbox.harness';
import type { CommentItem } from '../../network/sandbox-network.types';
import type { MetaAccountView } from '../accounts/meta-account.view';

type ListedComment = { id: string; text: string; timestamp: string; username: string };
type Host = NonNullable<GraphRequest['host']>;

describe('Instagram comments', () => {
  let h: Harness;
  let ig: MetaAccountView;
  let mediaId: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    ig = await h.account('instagram', { username: 'comment.spec' });
    const container = await h.graph<{ id: string }>('POST', `/${ig.id}/media`, { token: ig.accessToken, query: { image_url: `${h.media.url}/square.jpg`, caption: 'A photo' } });
    mediaId = (await h.graph<{ id: string }>('POST', `/${ig.id}/media_publish`, { token: ig.accessToken, query: { creation_id: container.body.id } })).body.id;
  });

  /** The account's token for each Graph host: the Page's on graph.facebook.com, the Instagram login's on graph.instagram.com. */
  const tokenFor = (host: Host) => (host === 'graph.facebook.com' ? ig.accessToken : ig.instagramLoginToken!);
  const write = (path: string, message: string | undefined, host: Host = 'graph.facebook.com', token = tokenFor(host)) =>
    h.graph<{ id: string } & Partial<GraphErrorShape>>('POST', path, { host, token, query: message === undefined ? {} : { message } });
  const read = <T>(path: string, host: Host = 'graph.facebook.com', query: Record<string, string> = {}) =>
    h.graph<T>('GET', path, { host, token: tokenFor(host), query });
  const adminComments = async (query: string) => (await h.admin<{ items: CommentItem[] }>('GET', `/comments?${query}`)).body.items;

  it.each(['graph.facebook.com', 'graph.instagram.com'] as const)(
    'should comment on published media on %s and list the comments oldest first',
    async (host) => {
      const first = await write(`/${mediaId}/comments`, 'First!', host);
      const second = await write(`/${mediaId}/comments`, 'Second', host);

      expect(first.status).toBe(200);
      expect(first.body).toEqual({ id: expect.stringMatching(/^\d{17}$/) });
      const listed = await read<{ data: ListedComment[]; paging: Record<string, unknown> }>(`/${mediaId}/comments`, host);
      expect(listed.body.data).toEqual([
        { timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/), text: 'First!', username: 'comment.spec', id: first.body.id },
        { timestamp: expect.any(String), text: 'Second', username: 'comment.spec', id: second.body.id },
      ]);
      expect(listed.body.paging).toMatchObject({ cursors: { before: expect.any(String), after: expect.any(String) } });
      const node = await read<Record<string, unknown>>(`/${first.body.id}`, host, { fields: 'text,from,media,like_count' });
      expect(node.body).toEqual({ text: 'First!', from: { id: ig.id, username: 'comment.spec' }, media: { id: mediaId, media_product_type: 'FEED' }, like_count: 0, id: first.body.id });
      const media = await read<{ comments_count: number }>(`/${mediaId}`, host, { fields: 'comments_count' });
      expect(media.body.comments_count).toBe(2);
    },
  );

  it('should take replies on a comment, one level deep, listed by /replies and not by /comments', async () => {
    const top = await write(`/${mediaId}/comments`, 'Top');
    const reply = await write(`/${top.body.id}/replies`, 'A reply');
    const replyToReply = await write(`/${reply.body.id}/replies`, 'A reply to the reply');

    expect((await read<{ data: ListedComment[] }>(`/${mediaId}/comments`)).body.data.map((c) => c.text)).toEqual(['Top']);
    expect((await read<{ data: ListedComment[] }>(`/${top.body.id}/replies`)).body.data.map((c) => c.id)).toEqual([reply.body.id, replyToReply.body.id]);
    const parent = await read<{ replies: { data: Array<{ id: string }> } }>(`/${top.body.id}`, 'graph.facebook.com', { fields: 'replies' });
    expect(parent.body.replies.data).toEqual([{ id: reply.body.id }, { id: replyToReply.body.id }]);
    const nested = await read<{ parent_id: string }>(`/${replyToReply.body.id}`, 'graph.facebook.com', { fields: 'parent_id' });
    expect(nested.body.parent_id).toBe(top.body.id);
    // Instagram has no comments edge on a comment: replies go through /replies.
    expect((await write(`/${top.body.id}/comments`, 'x')).body.error).toMatchObject({ code: 2500 });
  });

  it('should list the comments in the admin API with the post or comment they were made on', async () => {
    const top = await write(`/${mediaId}/comments`, 'Top');
    const reply = await write(`/${top.body.id}/replies`, 'A reply');

    expect(await adminComments(`network=instagram&accountId=${ig.id}`)).toEqual([
      { id: top.body.id, network: 'instagram', accountId: ig.id, parentId: mediaId, text: 'Top', createdAt: expect.any(String) },
      { id: reply.body.id, network: 'instagram', accountId: ig.id, parentId: top.body.id, text: 'A reply', createdAt: expect.any(String) },
    ]);
    expect((await adminComments(`parentId=${mediaId}`)).map((c) => c.id)).toEqual([top.body.id]);
  });

  it('should refuse a missing or blank message with 100 naming the parameter', async () => {
    for (const message of [undefined, '', '   ']) {
      const refused = await write(`/${mediaId}/comments`, message);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 100, message: '(#100) The parameter message is required' });
    }
    expect(await adminComments(`accountId=${ig.id}`)).toEqual([]);
  });

  it('should answer 100/33 for unknown media, and for any comment while the linked Page is under an identity checkpoint', async () => {
    const unknown = await write('/17999999999999999/comments', 'x');
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    const top = await write(`/${mediaId}/comments`, 'Before the checkpoint');

    await h.admin('PATCH', `/accounts/${ig.id}`, { identityCheckpoint: true });
    for (const host of ['graph.facebook.com', 'graph.instagram.com'] as const) {
      for (const path of [`/${mediaId}/comments`, `/${top.body.id}/replies`]) {
        const refused = await write(path, 'x', host);
        expect(refused.status).toBe(400);
        expect(refused.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
      }
    }
    // Reads still work under the checkpoint.
    expect((await read<{ data: unknown[] }>(`/${mediaId}/comments`, 'graph.instagram.com')).body.data).toHaveLength(1);
  });

  it('should check tokens as the other Instagram writes do', async () => {
    const other = await h.account('instagram');
    expect((await write(`/${mediaId}/comments`, 'x', 'graph.facebook.com', other.accessToken)).body.error).toMatchObject({ code: 10 });
    expect((await write(`/${mediaId}/comments`, 'x', 'graph.instagram.com', other.instagramLoginToken)).body.error).toMatchObject({ code: 10 });
    // Each host reads only its own login's tokens.
    expect((await write(`/${mediaId}/comments`, 'x', 'graph.facebook.com', ig.instagramLoginToken)).body.error).toMatchObject({ code: 190 });
    expect((await write(`/${mediaId}/comments`, 'x', 'graph.instagram.com', ig.accessToken)).body.error).toMatchObject({ code: 190 });

    await h.admin('PATCH', `/accounts/${ig.id}`, { permissionMissing: true });
    expect((await write(`/${mediaId}/comments`, 'x')).body.error).toMatchObject({ code: 10 });
    await h.admin('PATCH', `/accounts/${ig.id}`, { permissionMissing: false, tokenExpired: true });
    for (const host of ['graph.facebook.com', 'graph.instagram.com'] as const) {
      expect((await write(`/${mediaId}/comments`, 'x', host)).body.error).toMatchObject({ code: 190, error_subcode: 463 });
    }
    expect(await adminComments(`accountId=${ig.id}`)).toEqual([]);
  });
});
