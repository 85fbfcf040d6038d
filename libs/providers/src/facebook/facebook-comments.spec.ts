import { createProviderAdapters } from '../create-provider-adapters';
import { COMMENT_TARGET_MISSING_MESSAGE } from '../meta/comment.errors';
import type { ProviderComments, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import { FixtureServer, fixtureLoader } from '../testing/fixture-server';
import { FacebookComments } from './facebook-comments';

const fixture = fixtureLoader(__dirname);
const PAGE = '104000000000001';
const POST_ID = '104000000000001_122100000000000201';
const COMMENT_ID = '122100000000000201_122200000000000401';
const TEXT = 'Order online at bakery.example.com';
const fb = (path: string) => `/graph.facebook.com/v21.0${path}`;
const COMMENTS = fb(`/${POST_ID}/comments`);
const target = { rootReleaseId: POST_ID };
const since = new Date('2026-05-01T09:30:00Z');

const ctx: PublishContext = {
  account: { provider: 'facebook', internalId: PAGE },
  credentials: { accessToken: 'page-token' },
};

async function failureOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error.failure;
}

const comment = (id: string, createdTime: string, fromId: string, message = TEXT) => ({
  created_time: createdTime,
  from: { name: fromId === PAGE ? 'Corner Bakery' : 'A visitor', id: fromId },
  message,
  id,
});

describe(FacebookComments.name, () => {
  let server: FixtureServer;
  let comments: ProviderComments;

  beforeAll(async () => {
    server = await FixtureServer.start();
    comments = createProviderAdapters({
      facebookGraph: `${server.origin}/graph.facebook.com`,
      instagramGraph: `${server.origin}/graph.instagram.com`,
      tiktokApi: `${server.origin}/open.tiktokapis.com`,
      graphVersion: 'v21.0',
      requestTimeoutMs: 1_000,
    }).facebook!.comments!;
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  describe('post', () => {
    it('should comment on the post as the Page, asking for the comment\'s link in the same call', async () => {
      server.on('POST', COMMENTS, { body: fixture('comment-created.json') });

      const result = await comments.post(ctx, target, TEXT);

      expect(result).toEqual({
        commentId: COMMENT_ID,
        url: 'https://www.facebook.com/104000000000001/posts/122100000000000201?comment_id=122200000000000401',
      });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({
        method: 'POST',
        path: COMMENTS,
        query: { fields: 'id,permalink_url', access_token: 'page-token' },
        body: { message: TEXT },
      });
    });

    it('should put every thread item on the post itself, in order, never under the previous comment', async () => {
      server.on('POST', COMMENTS, { body: { id: `${COMMENT_ID}1` } }, { body: { id: `${COMMENT_ID}2` } });

      const first = await comments.post(ctx, target, 'First');
      const second = await comments.post(ctx, target, 'Second');

      expect([first.commentId, second.commentId]).toEqual([`${COMMENT_ID}1`, `${COMMENT_ID}2`]);
      expect(server.requests.map((r) => [r.path, r.body['message']])).toEqual([
        [COMMENTS, 'First'],
        [COMMENTS, 'Second'],
      ]);
      // No permalink in the answer: no extra read after the write.
      expect(first.url).toBeUndefined();
    });

    it('should refuse an empty comment before calling Facebook', async () => {
      const failure = await failureOf(comments.post(ctx, target, ' \n '));

      expect(failure).toMatchObject({ code: 'VALIDATION', retryable: false, outcome: 'not-applied' });
      expect(server.requests).toHaveLength(0);
    });

    it('should say the post may be gone or the Page under an identity checkpoint when Facebook answers 100/33', async () => {
      server.on('POST', COMMENTS, { status: 400, body: fixture('error-object-missing-100-33.json') });

      const failure = await failureOf(comments.post(ctx, target, TEXT));

      expect(failure).toMatchObject({
        code: 'IDENTITY_CHECKPOINT',
        retryable: false,
        outcome: 'not-applied',
        network: { status: 400, code: 100, subcode: 33 },
      });
      expect(failure.message).toBe(COMMENT_TARGET_MISSING_MESSAGE);
      expect(failure.message).toMatch(/may have been deleted.*complete the identity verification in the Facebook app/);
    });

    it('should keep Meta\'s classification for other refusals: 190/463 asks for a reconnection, 368/4854002 for the identity check', async () => {
      server.on(
        'POST',
        COMMENTS,
        { status: 400, body: fixture('error-token-expired-190-463.json') },
        { status: 400, body: fixture('error-identity-368-4854002.json') },
      );

      const expired = await failureOf(comments.post(ctx, target, TEXT));
      const checkpoint = await failureOf(comments.post(ctx, target, TEXT));

      expect(expired).toMatchObject({ code: 'RECONNECT_NEEDED', retryable: false, outcome: 'not-applied' });
      expect(expired.message).toContain('reconnect the channel');
      expect(checkpoint).toMatchObject({ code: 'IDENTITY_CHECKPOINT', network: { code: 368, subcode: 4854002 } });
      expect(checkpoint.message).toContain('complete the identity verification in the Facebook app');
    });

    it.each([
      ['the answer is lost', { destroySocket: true }],
      ['Facebook answers 500 after the request was sent', { status: 500, body: { error: { message: 'An unknown error occurred', code: 1, is_transient: true } } }],
      ['the answer carries no id', { body: { success: true } }],
    ])('should report an unknown outcome when %s', async (_case, reply) => {
      server.on('POST', COMMENTS, reply);

      const failure = await failureOf(comments.post(ctx, target, TEXT));

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('find', () => {
    it('should find the Page\'s own comment with the text, made since the attempt, reading the newest comments first', async () => {
      server.on('GET', COMMENTS, { body: fixture('comment-list.json') });

      const found = await comments.find(ctx, target, TEXT, since);

      // Not the visitor's identical comment, nor the Page's own from before the attempt.
      expect(found).toEqual({ commentId: COMMENT_ID });
      expect(server.requests[0]!.query).toEqual({
        fields: 'id,message,created_time,from',
        filter: 'toplevel',
        order: 'reverse_chronological',
        limit: '50',
        access_token: 'page-token',
      });
      // The page reached back past `since`: the next page is older and is not read.
      expect(server.requests).toHaveLength(1);
    });

    it('should match the text as Facebook stores it: line endings and outer white space may differ', async () => {
      server.on('GET', COMMENTS, { body: { data: [comment(COMMENT_ID, '2026-05-01T09:30:02+0000', PAGE, 'Two lines\nof text')] } });

      expect(await comments.find(ctx, target, '  Two lines\r\nof text\n', since)).toEqual({ commentId: COMMENT_ID });
      expect(await comments.find(ctx, target, 'Two lines of text', since)).toBeNull();
    });

    it('should prefer a comment made at or after `since` over an identical earlier thread item within the clock allowance', async () => {
      const earlierItem = comment(`${COMMENT_ID}0`, '2026-05-01T09:29:30+0000', PAGE);
      const ours = comment(COMMENT_ID, '2026-05-01T09:30:00+0000', PAGE);
      server.on('GET', COMMENTS, { body: { data: [ours, earlierItem] } });

      // `since` has milliseconds; Meta's timestamps do not.
      expect(await comments.find(ctx, target, TEXT, new Date('2026-05-01T09:30:00.600Z'))).toEqual({ commentId: COMMENT_ID });
    });

    it('should follow the pages until the comments reach back past `since`', async () => {
      server.on('GET', COMMENTS, { body: fixture('comment-list-newer-page.json') }, { body: fixture('comment-list.json') });

      const found = await comments.find(ctx, target, TEXT, since);

      expect(found).toEqual({ commentId: COMMENT_ID });
      expect(server.requests.map((r) => r.query['after'])).toEqual([undefined, 'QVFIUmFfcGFnZTE']);
    });

    it('should answer null when no comment of the Page has the text', async () => {
      server.on('GET', COMMENTS, { body: fixture('comment-list.json') });

      expect(await comments.find(ctx, target, 'Thank you all!', since)).toBeNull();
    });

    it('should not answer null when it could not read far enough back to be sure', async () => {
      server.on('GET', COMMENTS, { body: fixture('comment-list-newer-page.json') });

      const failure = await failureOf(comments.find(ctx, target, TEXT, since));

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'not-applied' });
      expect(server.requests).toHaveLength(10);
    });

    it('should classify a refused read like any Graph read: 190 asks for a reconnection', async () => {
      server.on('GET', COMMENTS, { status: 400, body: fixture('error-token-expired-190-463.json') });

      expect(await failureOf(comments.find(ctx, target, TEXT, since))).toMatchObject({ code: 'RECONNECT_NEEDED', retryable: false });
    });
  });
});
