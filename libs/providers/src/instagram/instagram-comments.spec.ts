import { createProviderAdapters } from '../create-provider-adapters';
import { COMMENT_TARGET_MISSING_MESSAGE } from '../meta/comment.errors';
import type { ProviderComments, PublishContext } from '../provider-adapter';
import { ProviderError } from '../provider-error';
import { FixtureServer, fixtureLoader } from '../testing/fixture-server';
import { InstagramComments } from './instagram-comments';

const fixture = fixtureLoader(__dirname);
const IG_USER = '17841400000000001';
const MEDIA = '17920238422030506';
const OUR_COMMENT = '17870913679156914';
const TEXT = 'Order online at bakery.example.com';
const fb = (path: string) => `/graph.facebook.com/v21.0${path}`;
const ig = (path: string) => `/graph.instagram.com/v21.0${path}`;
const target = { rootReleaseId: MEDIA };
const since = new Date('2026-05-01T09:30:00Z');

const facebookLogin: PublishContext = {
  account: { provider: 'instagram', internalId: IG_USER },
  credentials: { accessToken: 'page-token', userAccessToken: 'user-token' },
};
const instagramLogin: PublishContext = {
  account: { provider: 'instagram-standalone', internalId: IG_USER },
  credentials: { accessToken: 'ig-token' },
};

async function failureOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error.failure;
}

describe(InstagramComments.name, () => {
  let server: FixtureServer;
  let viaFacebook: ProviderComments;
  let viaInstagram: ProviderComments;

  beforeAll(async () => {
    server = await FixtureServer.start();
    const adapters = createProviderAdapters({
      facebookGraph: `${server.origin}/graph.facebook.com`,
      instagramGraph: `${server.origin}/graph.instagram.com`,
      tiktokApi: `${server.origin}/open.tiktokapis.com`,
      graphVersion: 'v21.0',
      requestTimeoutMs: 1_000,
    });
    viaFacebook = adapters.instagram!.comments!;
    viaInstagram = adapters['instagram-standalone']!.comments!;
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  describe('post', () => {
    it.each([
      ['Facebook login', () => viaFacebook, facebookLogin, fb, 'page-token'],
      ['Instagram login', () => viaInstagram, instagramLogin, ig, 'ig-token'],
    ] as const)('should comment on the media with %s, on its own Graph host and token', async (_login, comments, ctx, host, token) => {
      server.on('POST', host(`/${MEDIA}/comments`), { body: fixture('comment-created.json') });

      const result = await comments().post(ctx, target, TEXT);

      // An Instagram comment has no link of its own.
      expect(result).toEqual({ commentId: OUR_COMMENT });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({ method: 'POST', path: host(`/${MEDIA}/comments`), query: { access_token: token }, body: { message: TEXT } });
    });

    it('should refuse an empty comment before calling Instagram', async () => {
      const failure = await failureOf(viaFacebook.post(facebookLogin, target, ''));

      expect(failure).toMatchObject({ code: 'VALIDATION', outcome: 'not-applied' });
      expect(server.requests).toHaveLength(0);
    });

    it('should say the post may be gone or the Page under an identity checkpoint when Instagram answers 100/33', async () => {
      server.on('POST', fb(`/${MEDIA}/comments`), { status: 400, body: fixture('error-object-missing-100-33.json') });

      const failure = await failureOf(viaFacebook.post(facebookLogin, target, TEXT));

      expect(failure).toMatchObject({ code: 'IDENTITY_CHECKPOINT', retryable: false, outcome: 'not-applied', network: { code: 100, subcode: 33 } });
      expect(failure.message).toBe(COMMENT_TARGET_MISSING_MESSAGE);
    });

    it('should ask for a reconnection when Instagram rejects the login token (190)', async () => {
      server.on('POST', ig(`/${MEDIA}/comments`), { status: 400, body: fixture('error-token-invalid-190.json') });

      const failure = await failureOf(viaInstagram.post(instagramLogin, target, TEXT));

      expect(failure).toMatchObject({ code: 'RECONNECT_NEEDED', retryable: false, outcome: 'not-applied', network: { code: 190 } });
      expect(failure.message).toContain('reconnect the channel');
    });

    it('should report an unknown outcome when the answer is lost, or is a 5xx', async () => {
      server.on('POST', fb(`/${MEDIA}/comments`), { destroySocket: true }, { status: 500, body: fixture('error-unknown-500.json') });

      const lost = await failureOf(viaFacebook.post(facebookLogin, target, TEXT));
      const serverError = await failureOf(viaFacebook.post(facebookLogin, target, TEXT));

      for (const failure of [lost, serverError]) expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
    });
  });

  describe('find', () => {
    it('should find the account\'s own comment by its username, text and time, ignoring a visitor\'s identical comment', async () => {
      server
        .on('GET', fb(`/${IG_USER}`), { body: fixture('account-username.json') })
        .on('GET', fb(`/${MEDIA}/comments`), { body: fixture('comment-list.json') });

      const found = await viaFacebook.find(facebookLogin, target, `${TEXT}\n`, since);

      // The account reads as "Corner.Bakery" and its comment as "corner.bakery": usernames are case-blind.
      expect(found).toEqual({ commentId: OUR_COMMENT });
      expect(server.requests.map((r) => [r.path, r.query])).toEqual([
        [fb(`/${IG_USER}`), { fields: 'username', access_token: 'page-token' }],
        [fb(`/${MEDIA}/comments`), { fields: 'id,text,timestamp,username', limit: '50', access_token: 'page-token' }],
      ]);
    });

    it('should read every page, since Instagram promises no order, and answer null when none is the account\'s', async () => {
      const page = (after: string | undefined, data: unknown[]) => ({
        body: { data, paging: { cursors: { before: 'b', after: after ?? 'end' }, ...(after ? { next: `https://graph.instagram.com/next?after=${after}` } : {}) } },
      });
      server
        .on('GET', ig(`/${IG_USER}`), { body: fixture('account-username.json') })
        .on(
          'GET',
          ig(`/${MEDIA}/comments`),
          page('p2', [{ id: '1', text: TEXT, username: 'jo.visitor', timestamp: '2026-05-01T09:30:06+0000' }]),
          page(undefined, [{ id: '2', text: 'Something else', username: 'corner.bakery', timestamp: '2026-05-01T09:30:07+0000' }]),
        );

      expect(await viaInstagram.find(instagramLogin, target, TEXT, since)).toBeNull();
      expect(server.requestsTo('GET', ig(`/${MEDIA}/comments`)).map((r) => r.query['after'])).toEqual([undefined, 'p2']);
    });

    it('should not answer null when the comments run past what Herald reads', async () => {
      server
        .on('GET', fb(`/${IG_USER}`), { body: fixture('account-username.json') })
        .on('GET', fb(`/${MEDIA}/comments`), { body: { data: [], paging: { cursors: { after: 'more' }, next: 'https://graph.facebook.com/next' } } });

      const failure = await failureOf(viaFacebook.find(facebookLogin, target, TEXT, since));

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', outcome: 'not-applied' });
      expect(server.requestsTo('GET', fb(`/${MEDIA}/comments`))).toHaveLength(10);
    });
  });
});
