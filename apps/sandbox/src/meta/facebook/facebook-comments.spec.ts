import { graphInit, graphUrl, startHarness, type GraphErrorShape, type GraphRequest, type Harness } from '../../__fixtures__/sandbox.harness';
import type { CommentItem } from '../../network/sandbox-network.types';
import type { MetaAccountView } from '../accounts/meta-account.view';

type ListedComment = { id: string; message: string; created_time: string; from: { id: string; name: string } };
type CommentList = { data: ListedComment[]; paging: { cursors?: { before: string; after: string }; next?: string } };

const GRAPH_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/;

describe('Facebook Page comments', () => {
  let h: Harness;
  let page: MetaAccountView;
  let postId: string;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.admin('DELETE', '/faults');
    page = await h.account('facebook', { name: 'Comment Page' });
    postId = (await h.graph<{ id: string }>('POST', `/${page.id}/feed`, { token: page.accessToken, json: { message: 'The post' } })).body.id;
  });

  const comment = (objectId: string, request: GraphRequest = {}) =>
    h.graph<{ id: string } & Partial<GraphErrorShape>>('POST', `/${objectId}/comments`, { token: page.accessToken, ...request });
  const list = (objectId: string, query: Record<string, string> = {}) =>
    h.graph<CommentList>('GET', `/${objectId}/comments`, { token: page.accessToken, query });
  const adminComments = async (query: string) => (await h.admin<{ items: CommentItem[] }>('GET', `/comments?${query}`)).body.items;

  it('should comment on a Page post with the message as JSON, form or query, and list the comments oldest first', async () => {
    const first = await comment(postId, { json: { message: 'First comment' } });
    const second = await comment(postId, { form: { message: 'Second comment' } });
    const third = await comment(postId, { query: { message: 'Third comment' } });

    expect(first.status).toBe(200);
    const postPart = postId.split('_')[1]!;
    for (const answer of [first, second, third]) expect(answer.body).toEqual({ id: expect.stringMatching(new RegExp(`^${postPart}_\\d{17}$`)) });
    const listed = await list(postId);
    expect(listed.body.data).toEqual(
      [first, second, third].map((answer, index) => ({
        id: answer.body.id,
        message: ['First comment', 'Second comment', 'Third comment'][index],
        created_time: expect.stringMatching(GRAPH_TIME),
        from: { name: 'Comment Page', id: page.id },
      })),
    );
    expect(listed.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(listed.body.paging.next).toBeUndefined();
  });

  it('should read one comment, honour fields on the POST, and refuse an unknown field before writing', async () => {
    const created = await comment(postId, { json: { message: 'With a link' }, query: { fields: 'id,permalink_url' } });
    const [postPart, commentPart] = created.body.id.split('_');
    expect(created.body).toEqual({ permalink_url: `https://www.facebook.com/${page.id}/posts/${postPart}?comment_id=${commentPart}`, id: created.body.id });

    const node = await h.graph<Record<string, unknown>>('GET', `/${created.body.id}`, { token: page.accessToken });
    expect(node.body).toEqual({ created_time: expect.stringMatching(GRAPH_TIME), from: { name: 'Comment Page', id: page.id }, message: 'With a link', id: created.body.id });

    const refused = await comment(postId, { json: { message: 'Never written' }, query: { fields: 'id,nonsense' } });
    expect(refused.body.error).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (nonsense) on node type (Comment)' });
    expect((await list(postId)).body.data.map((c) => c.message)).toEqual(['With a link']);
  });

  it('should take replies one level deep: listed under their comment, in filter=stream, and not among the top-level comments', async () => {
    const top = await comment(postId, { json: { message: 'Top' } });
    const reply = await comment(top.body.id, { json: { message: 'Reply' } });
    const replyToReply = await comment(reply.body.id, { json: { message: 'Reply to the reply' } });

    expect((await list(postId)).body.data.map((c) => c.message)).toEqual(['Top']);
    expect((await list(top.body.id)).body.data.map((c) => c.id)).toEqual([reply.body.id, replyToReply.body.id]);
    expect((await list(postId, { filter: 'stream' })).body.data.map((c) => c.message)).toEqual(['Top', 'Reply', 'Reply to the reply']);
    const node = await h.graph<{ parent: { id: string }; comment_count: number }>('GET', `/${replyToReply.body.id}`, {
      token: page.accessToken,
      query: { fields: 'parent,comment_count' },
    });
    expect(node.body.parent.id).toBe(top.body.id);
    expect(await adminComments(`parentId=${top.body.id}`)).toEqual([
      expect.objectContaining({ id: reply.body.id, text: 'Reply' }),
      expect.objectContaining({ id: replyToReply.body.id, text: 'Reply to the reply' }),
    ]);
  });

  it('should page with limit and after, and list newest first with order=reverse_chronological', async () => {
    const ids: string[] = [];
    for (const message of ['one', 'two', 'three']) ids.push((await comment(postId, { json: { message } })).body.id);

    const firstPage = await list(postId, { limit: '2' });
    expect(firstPage.body.data.map((c) => c.id)).toEqual(ids.slice(0, 2));
    const next = await fetch(firstPage.body.paging.next!);
    expect(((await next.json()) as CommentList).data.map((c) => c.id)).toEqual([ids[2]]);
    expect((await list(postId, { order: 'reverse_chronological' })).body.data.map((c) => c.id)).toEqual([...ids].reverse());
    const badOrder = await h.graph<GraphErrorShape>('GET', `/${postId}/comments`, { token: page.accessToken, query: { order: 'ranked_by_mood' } });
    expect(badOrder.body.error).toMatchObject({ code: 100 });
  });

  it('should list the comments in the admin API by network, account and parent', async () => {
    const made = await comment(postId, { json: { message: 'Admin sees me' } });
    const other = await h.account('facebook');
    const otherPost = (await h.graph<{ id: string }>('POST', `/${other.id}/feed`, { token: other.accessToken, json: { message: 'x' } })).body.id;
    await h.graph('POST', `/${otherPost}/comments`, { token: other.accessToken, json: { message: 'Elsewhere' } });

    expect(await adminComments(`network=facebook&accountId=${page.id}`)).toEqual([
      { id: made.body.id, network: 'facebook', accountId: page.id, parentId: postId, text: 'Admin sees me', createdAt: expect.any(String) },
    ]);
    expect((await adminComments(`parentId=${otherPost}`)).map((c) => c.text)).toEqual(['Elsewhere']);
    expect(await adminComments(`network=instagram&accountId=${page.id}`)).toEqual([]);
  });

  it('should refuse an empty or blank message with 100 naming the parameter, and store nothing', async () => {
    for (const request of [{ json: {} }, { json: { message: '' } }, { form: { message: '  \n ' } }]) {
      const refused = await comment(postId, request);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 100, message: '(#100) The parameter message is required', type: 'OAuthException' });
    }
    expect(await adminComments(`accountId=${page.id}`)).toEqual([]);
  });

  it('should answer 100/33 for an unknown post, a deleted post and the comments of a deleted post', async () => {
    const made = await comment(postId, { json: { message: 'Before the delete' } });
    const unknown = await comment(`${page.id}_123456789012345678`, { json: { message: 'x' } });
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });

    expect((await h.graph('DELETE', `/${postId}`, { token: page.accessToken })).body).toEqual({ success: true });
    for (const target of [postId, made.body.id]) {
      const gone = await comment(target, { json: { message: 'After the delete' } });
      expect(gone.status).toBe(400);
      expect(gone.body.error).toMatchObject({ code: 100, error_subcode: 33, message: expect.stringContaining(`Object with ID '${target}' does not exist`) });
      const read = await h.graph<GraphErrorShape>('GET', `/${target}/comments`, { token: page.accessToken });
      expect(read.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    }
    expect((await adminComments(`accountId=${page.id}`)).map((c) => c.text)).toEqual(['Before the delete']);
  });

  it('should check the token as the other writes do: 104, 190, 200 for another Page or a user token, 190/463 when expired', async () => {
    const noToken = await h.graph<GraphErrorShape>('POST', `/${postId}/comments`, { json: { message: 'x' } });
    expect(noToken.body.error).toMatchObject({ code: 104 });
    const unknown = await comment(postId, { token: 'EAAnotatoken', json: { message: 'x' } });
    expect(unknown.body.error).toMatchObject({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
    const other = await h.account('facebook');
    expect((await comment(postId, { token: other.accessToken, json: { message: 'x' } })).body.error).toMatchObject({ code: 200 });
    // Commenting as the Page takes the Page's token; the user's token may still read.
    const asUser = await comment(postId, { token: page.userAccessToken, json: { message: 'x' } });
    expect(asUser.body.error).toMatchObject({ code: 200, message: expect.stringContaining('pages_manage_posts') });
    expect((await h.graph('GET', `/${postId}/comments`, { token: page.userAccessToken })).status).toBe(200);

    await h.admin('PATCH', `/accounts/${page.id}`, { tokenExpired: true });
    expect((await comment(postId, { json: { message: 'x' } })).body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(await adminComments(`accountId=${page.id}`)).toEqual([]);
  });

  it('should refuse comments under an identity checkpoint (368/4854002) and without publishing permission (200)', async () => {
    await h.admin('PATCH', `/accounts/${page.id}`, { identityCheckpoint: true });
    const checkpoint = await comment(postId, { json: { message: 'x' } });
    expect(checkpoint.body.error).toMatchObject({ code: 368, error_subcode: 4854002 });

    await h.admin('PATCH', `/accounts/${page.id}`, { identityCheckpoint: false, permissionMissing: true });
    expect((await comment(postId, { json: { message: 'x' } })).body.error).toMatchObject({ code: 200 });
    expect(await adminComments(`accountId=${page.id}`)).toEqual([]);
  });

  it('should apply faults to comments: a dropped answer after the write leaves the comment made, an injected error makes none', async () => {
    await h.admin('POST', '/faults', { method: 'POST', path: '^/\\d+_\\d+/comments$', dropResponse: true });
    const request = { token: page.accessToken, json: { message: 'Answer lost' } };
    const outcome = await fetch(graphUrl(h.sandbox.url, `/${postId}/comments`, request), graphInit('POST', request)).then(
      () => 'answered',
      (error: { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(outcome).toBe('UND_ERR_SOCKET');
    expect((await list(postId)).body.data.map((c) => c.message)).toEqual(['Answer lost']);

    await h.admin('POST', '/faults', { method: 'POST', path: '/comments$', status: 500 });
    const failed = await comment(postId, { json: { message: 'Never made' } });
    expect(failed.status).toBe(500);
    expect(failed.body.error).toMatchObject({ code: 2, is_transient: true });
    expect((await adminComments(`parentId=${postId}`)).map((c) => c.text)).toEqual(['Answer lost']);
  });
});
