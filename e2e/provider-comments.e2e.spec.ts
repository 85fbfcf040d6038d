// Follow-up comments (thread items) through the provider adapters, against a real sandbox
// process over HTTP: each Meta adapter publishes a post for real, then comments on it; the
// sandbox's admin API says what was made. A lost answer must come back as an unknown outcome
// that `find` resolves; refusals must reach the user as sentences they can act on. Only the
// sandbox runs: no API, no Temporal.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { PublishedRef, PublishFailure } from '@herald/domain';
import { type ProviderAdapter, ProviderError, type PublishContext, type PublishablePost, createProviderAdapters } from '@herald/providers';
import { type RunningSandbox, type SandboxAccount, startSandbox } from '@herald/testing';

type MetaProvider = 'facebook' | 'instagram' | 'instagram-standalone';

const GRAPH_HOSTS: Record<MetaProvider, string> = {
  facebook: 'graph.facebook.com',
  instagram: 'graph.facebook.com',
  'instagram-standalone': 'graph.instagram.com',
};
const NETWORK: Record<MetaProvider, 'facebook' | 'instagram'> = { facebook: 'facebook', instagram: 'instagram', 'instagram-standalone': 'instagram' };

interface Channel {
  provider: MetaProvider;
  account: SandboxAccount;
  ctx: PublishContext;
}

/** The PublishFailure a step threw; fails the test if the step succeeded or threw something else. */
async function failureOf(step: Promise<unknown>): Promise<PublishFailure> {
  const settled = await step.then(
    (value: unknown) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (settled.ok) throw new Error(`The step succeeded: ${JSON.stringify(settled.value)}`);
  if (!(settled.error instanceof ProviderError)) throw settled.error;
  return settled.error.failure;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One JPEG the sandbox downloads for Instagram posts, as Meta downloads media from Herald. */
async function startPhotoOrigin(): Promise<{ url: string; close(): Promise<void> }> {
  const photo = readFileSync(path.join(__dirname, 'fixtures', 'photo.jpg'));
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length }).end(photo);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/photo.jpg`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('provider comments against the sandbox', () => {
  let sandbox: RunningSandbox;
  let photo: Awaited<ReturnType<typeof startPhotoOrigin>>;
  let adapters: ReturnType<typeof createProviderAdapters>;

  beforeAll(async () => {
    photo = await startPhotoOrigin();
    sandbox = await startSandbox({ SANDBOX_PROCESSING_POLLS: '1' });
    adapters = createProviderAdapters({
      facebookGraph: `${sandbox.url}/graph.facebook.com`,
      instagramGraph: `${sandbox.url}/graph.instagram.com`,
      tiktokApi: `${sandbox.url}/open.tiktokapis.com`,
      graphVersion: 'v21.0',
      requestTimeoutMs: 10_000,
    });
  });

  afterEach(async () => {
    await sandbox.admin.clearFaults();
  });

  afterAll(async () => {
    await sandbox?.stop();
    await photo?.close();
  });

  const adapter = (provider: MetaProvider): ProviderAdapter => adapters[provider]!;
  const commentsOf = (provider: MetaProvider) => adapter(provider).comments!;

  async function channel(provider: MetaProvider): Promise<Channel> {
    const account = await sandbox.admin.createAccount({ network: NETWORK[provider] });
    const credentials =
      provider === 'instagram-standalone'
        ? { accessToken: account.instagramLoginToken! }
        : { accessToken: account.accessToken, ...(account.userAccessToken ? { userAccessToken: account.userAccessToken } : {}) };
    return { provider, account, ctx: { account: { provider, internalId: account.id }, credentials } };
  }

  /** prepare, check until ready, commit: the workflow's order, for a post the thread hangs on. */
  async function publish(target: Channel, content = `The post ${Date.now()}`): Promise<PublishedRef> {
    const post: PublishablePost = {
      postId: 'provider-comments-e2e',
      content,
      media: target.provider === 'facebook' ? [] : [{ path: photo.url, kind: 'image' }],
      settings: {},
    };
    let prepared = await adapter(target.provider).prepare(target.ctx, post);
    for (let attempt = 0; ; attempt++) {
      const check = await adapter(target.provider).check(target.ctx, prepared);
      if (check.status === 'ready') {
        prepared = check.prepared;
        break;
      }
      if (attempt > 50) throw new Error('The media never became ready');
      await sleep(100);
    }
    const outcome = await adapter(target.provider).commit(target.ctx, post, prepared);
    if (outcome.status !== 'published') throw new Error(`Meta posts are live when the API answers: ${JSON.stringify(outcome)}`);
    return outcome.ref;
  }

  describe.each(['facebook', 'instagram', 'instagram-standalone'] as const)('%s', (provider) => {
    it('should post two thread items as comments on the published post, in order, and nothing else', async () => {
      const target = await channel(provider);
      const ref = await publish(target);

      const first = await commentsOf(provider).post(target.ctx, { rootReleaseId: ref.releaseId }, 'First thread item');
      const second = await commentsOf(provider).post(target.ctx, { rootReleaseId: ref.releaseId }, 'Second thread item\nwith two lines');

      const expected = [
        { id: first.commentId, network: NETWORK[provider], accountId: target.account.id, parentId: ref.releaseId, text: 'First thread item' },
        { id: second.commentId, network: NETWORK[provider], accountId: target.account.id, parentId: ref.releaseId, text: 'Second thread item\nwith two lines' },
      ];
      expect(await sandbox.admin.comments({ parentId: ref.releaseId })).toEqual(expected.map((c) => ({ ...c, createdAt: expect.any(String) })));
      // Top-level comments on the post only: nothing under the first comment, nothing elsewhere.
      expect(await sandbox.admin.comments({ parentId: first.commentId })).toEqual([]);
      expect((await sandbox.admin.comments({ accountId: target.account.id })).map((c) => c.id)).toEqual([first.commentId, second.commentId]);
      if (provider === 'facebook') expect(first.url).toMatch(new RegExp(`^https://www\\.facebook\\.com/${target.account.id}/posts/\\d+\\?comment_id=\\d+$`));
    });

    it('should report an unknown outcome when the answer is lost after the comment was made, and find that comment', async () => {
      const target = await channel(provider);
      const ref = await publish(target);
      const text = `Lost answer ${Date.now()}`;
      await sandbox.admin.addFault({ method: 'POST', host: GRAPH_HOSTS[provider], path: `^/${ref.releaseId}/comments$`, dropResponse: true });
      const since = new Date();

      const failure = await failureOf(commentsOf(provider).post(target.ctx, { rootReleaseId: ref.releaseId }, text));
      const made = await sandbox.admin.comments({ parentId: ref.releaseId });
      const found = await commentsOf(provider).find(target.ctx, { rootReleaseId: ref.releaseId }, text, since);
      const notMade = await commentsOf(provider).find(target.ctx, { rootReleaseId: ref.releaseId }, `${text} (never sent)`, since);

      expect(failure).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false, outcome: 'unknown' });
      expect(made.map((c) => c.text)).toEqual([text]);
      expect(found).toEqual({ commentId: made[0]!.id });
      expect(notMade).toBeNull();
    });

    it('should ask for a reconnection when the token expired, and make no comment', async () => {
      const target = await channel(provider);
      const ref = await publish(target);
      await sandbox.admin.updateAccount(target.account.id, { tokenExpired: true });

      const failure = await failureOf(commentsOf(provider).post(target.ctx, { rootReleaseId: ref.releaseId }, 'Too late'));

      expect(failure).toMatchObject({ code: 'RECONNECT_NEEDED', retryable: false, outcome: 'not-applied', network: { code: 190, subcode: 463 } });
      expect(failure.message).toMatch(/expired: reconnect the channel/);
      expect(await sandbox.admin.comments({ accountId: target.account.id })).toEqual([]);
    });
  });

  const POST_GONE = /post it belongs to may have been deleted.*complete the identity verification in the Facebook app/;

  it('facebook: a comment on a deleted post is refused with 100/33, read as "the post may be gone"', async () => {
    const target = await channel('facebook');
    const ref = await publish(target);
    const deleted = await fetch(`${sandbox.url}/graph.facebook.com/v21.0/${ref.releaseId}?access_token=${encodeURIComponent(target.account.accessToken)}`, {
      method: 'DELETE',
    });
    expect(await deleted.json()).toEqual({ success: true });

    const failure = await failureOf(commentsOf('facebook').post(target.ctx, { rootReleaseId: ref.releaseId }, 'On a deleted post'));

    expect(failure).toMatchObject({ code: 'IDENTITY_CHECKPOINT', retryable: false, outcome: 'not-applied', network: { code: 100, subcode: 33 } });
    expect(failure.message).toMatch(POST_GONE);
    expect(await sandbox.admin.comments({ accountId: target.account.id })).toEqual([]);
  });

  it.each(['instagram', 'instagram-standalone'] as const)(
    '%s: 100/33 on a media that is gone, and under an identity checkpoint, read as "the post may be gone"',
    async (provider) => {
      const target = await channel(provider);
      const ref = await publish(target);

      // Graph cannot tell a deleted media from one that never existed.
      const gone = await failureOf(commentsOf(provider).post(target.ctx, { rootReleaseId: '17999999999999999' }, 'On a missing media'));
      await sandbox.admin.updateAccount(target.account.id, { identityCheckpoint: true });
      const checkpoint = await failureOf(commentsOf(provider).post(target.ctx, { rootReleaseId: ref.releaseId }, 'Under a checkpoint'));

      for (const failure of [gone, checkpoint]) {
        expect(failure).toMatchObject({ code: 'IDENTITY_CHECKPOINT', retryable: false, outcome: 'not-applied', network: { code: 100, subcode: 33 } });
        expect(failure.message).toMatch(POST_GONE);
      }
      expect(await sandbox.admin.comments({ accountId: target.account.id })).toEqual([]);
    },
  );

  it('tiktok: the adapter offers no comments (TikTok has no API for them)', () => {
    expect(adapters.tiktok!.comments).toBeUndefined();
  });
});
