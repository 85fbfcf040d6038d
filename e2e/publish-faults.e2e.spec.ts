// The network's and Herald's own faults, injected through the sandbox's admin API or by killing
// the worker. Each test asserts how many publish calls reached the network (exactly one, or none),
// the post's final state, and the message a user reads.
import path from 'node:path';
import { type Db, createPrismaClient } from '@herald/db';
import {
  type HeraldStack,
  PublicApiClient,
  type TestOrganization,
  createTestOrganization,
  startHeraldStack,
  testEnv,
  waitUntil,
} from '@herald/testing';

const PHOTO = path.join(__dirname, 'fixtures/photo.jpg');
const CLIP = path.join(__dirname, 'fixtures/clip.mp4');
const MEDIA_PUBLISH = '^/\\d+/media_publish$';

describe('publishing when things go wrong', () => {
  let stack: HeraldStack;
  let db: Db;

  beforeAll(async () => {
    // A short commit timeout, so that a worker killed mid-publish is noticed within seconds.
    stack = await startHeraldStack({ PUBLISH_COMMIT_TIMEOUT_MS: '6000' });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
  });

  afterEach(async () => {
    await stack.sandbox.clearFaults();
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  async function freshOrganization(): Promise<{ org: TestOrganization; api: PublicApiClient }> {
    const org = await createTestOrganization(db, stack.sandbox, ['facebook', 'instagram']);
    return { org, api: new PublicApiClient(stack.apiUrl, org.apiKey) };
  }

  async function publishCalls(accountPath: string) {
    return (await stack.sandbox.requests({ method: 'POST', pathContains: `${accountPath}/media_publish` })).length;
  }

  it('should record the real post, and publish once, when the answer to the publish call is lost', async () => {
    const { org, api } = await freshOrganization();
    const instagram = org.channels.instagram!;
    await stack.sandbox.addFault({ method: 'POST', path: MEDIA_PUBLISH, dropResponse: true, times: 1 });

    const post = await api.waitForOutcome(await api.schedule(instagram.integration.id, { content: 'Lost answer', files: [PHOTO] }, { type: 'now' }));

    const published = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(published).toHaveLength(1);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: published[0]!.id, releaseURL: published[0]!.permalink });
    expect(await publishCalls(instagram.account.id)).toBe(1);
  });

  it('should prepare the media again after a pause, and publish once, when Instagram cannot fetch it at first', async () => {
    const { org, api } = await freshOrganization();
    const instagram = org.channels.instagram!;
    // Meta's fetcher failing on a file that just went up (its CDN lagging): 9004/2207052, once.
    await stack.sandbox.addFault({
      method: 'POST',
      path: '^/\\d+/media$',
      times: 1,
      status: 400,
      body: { error: { message: 'Only photo or video can be accepted as media type.', type: 'OAuthException', code: 9004, error_subcode: 2207052 } },
    });

    const post = await api.waitForOutcome(await api.schedule(instagram.integration.id, { content: 'Fetched late', files: [PHOTO] }, { type: 'now' }));

    const creations = await stack.sandbox.requests({ method: 'POST', pathContains: `${instagram.account.id}/media` });
    const containers = creations.filter((r) => r.path.endsWith('/media'));
    const published = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: published[0]!.id, error: null });
    expect(published).toHaveLength(1);
    expect(containers.map((r) => r.status)).toEqual([400, 200]);
    // The pause Herald keeps before asking again (15 s) gives the file time to reach Meta's CDN.
    expect(Date.parse(containers[1]!.at) - Date.parse(containers[0]!.at)).toBeGreaterThanOrEqual(15_000);
    expect(await publishCalls(instagram.account.id)).toBe(1);
  });

  it('should find its Facebook post past the feed\'s first page, and publish once, when the answer is lost and the Page posts more', async () => {
    const { org, api } = await freshOrganization();
    const page = org.channels.facebook!;
    const content = 'Lost on a busy Page';
    const feedPath = `${page.account.id}/feed`;
    // Herald's post is made but its answer lost. Herald then reads the feed to find it, and that
    // read is held up while the Page's other admins publish 150 posts, so that Herald's is
    // no longer on the feed's first page (a burst of posts to one Page does the same).
    await stack.sandbox.addFault({ method: 'POST', path: '^/\\d+/feed$', dropResponse: true, times: 1 });
    await stack.sandbox.addFault({ method: 'GET', path: '^/\\d+/feed$', delayMs: 8_000, times: 1 });

    const postId = await api.schedule(page.integration.id, { content }, { type: 'now' });
    await waitUntil('the post to be made on the Page', async () =>
      (await stack.sandbox.published({ network: 'facebook', accountId: page.account.id })).length > 0 ? true : undefined,
    );
    const others = Array.from({ length: 150 }, (_, i) => i);
    for (let from = 0; from < others.length; from += 15) {
      await Promise.all(
        others.slice(from, from + 15).map(async (i) => {
          const answer = await fetch(`${stack.sandboxUrl}/graph.facebook.com/v21.0/${feedPath}?access_token=${encodeURIComponent(page.account.accessToken)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ message: `Another admin's post ${i}` }),
          });
          if (!answer.ok) throw new Error(`the other admin's post ${i} answered ${answer.status}`);
        }),
      );
    }
    const post = await api.waitForOutcome(postId);

    const ours = (await stack.sandbox.published({ network: 'facebook', accountId: page.account.id })).filter((p) => p.text === content);
    expect(ours).toHaveLength(1);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: ours[0]!.id });
    // The case really arose: Herald had to read on past the feed's first page.
    const feedReads = await stack.sandbox.requests({ method: 'GET', pathContains: feedPath });
    expect(feedReads.some((read) => read.query?.['after'] !== undefined)).toBe(true);
  });

  it('should publish once when the worker is killed during the publish call and restarted', async () => {
    const { org, api } = await freshOrganization();
    const instagram = org.channels.instagram!;
    // The network takes 4 s to answer: the worker dies while the call is in flight.
    await stack.sandbox.addFault({ method: 'POST', path: MEDIA_PUBLISH, delayMs: 4_000, times: 1 });

    const postId = await api.schedule(instagram.integration.id, { content: 'Worker killed', files: [PHOTO] }, { type: 'now' });
    await waitUntil('the publish call to reach the network', async () => ((await publishCalls(instagram.account.id)) > 0 ? true : undefined));
    await stack.worker.kill();
    stack.worker.start();
    const post = await api.waitForOutcome(postId, 90_000);

    const published = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(published).toHaveLength(1);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: published[0]!.id });
    expect(await publishCalls(instagram.account.id)).toBe(1);
  });

  it('should stay PUBLISHED, and not publish again, when reading the permalink fails after publishing', async () => {
    const { org, api } = await freshOrganization();
    const instagram = org.channels.instagram!;
    // Every permalink read fails (Meta's unknown error); container status reads are untouched.
    await stack.sandbox.addFault({
      method: 'GET',
      path: '^/\\d+$',
      query: 'permalink',
      times: 20,
      status: 500,
      body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, is_transient: true } },
    });

    const post = await api.waitForOutcome(await api.schedule(instagram.integration.id, { content: 'No permalink', files: [PHOTO] }, { type: 'now' }));

    const published = await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id });
    expect(published).toHaveLength(1);
    expect(post).toMatchObject({ heraldState: 'PUBLISHED', releaseId: published[0]!.id, releaseURL: null, error: null });
    expect(await publishCalls(instagram.account.id)).toBe(1);
    expect((await stack.sandbox.requests({ method: 'GET', query: 'permalink' })).length).toBeGreaterThan(1);
  });

  it('should say the channel must be reconnected, and refuse new posts to it, when Meta rejects the token', async () => {
    const { org, api } = await freshOrganization();
    const page = org.channels.facebook!;
    await stack.sandbox.updateAccount(page.account.id, { tokenExpired: true });

    const post = await api.waitForOutcome(await api.schedule(page.integration.id, { content: 'Expired token' }, { type: 'now' }));
    const integrations = await api.request<Array<{ id: string; refreshNeeded: boolean }>>('GET', '/integrations');
    const again = await api.request('POST', '/posts', {
      type: 'now',
      posts: [{ integration: { id: page.integration.id }, value: [{ content: 'Again', image: [] }] }],
    });

    expect(post).toMatchObject({ heraldState: 'ERROR', errorCode: 'RECONNECT_NEEDED' });
    expect(String(post.error)).toMatch(/reconnect/i);
    expect(integrations.body.find((i) => i.id === page.integration.id)?.refreshNeeded).toBe(true);
    expect(again).toMatchObject({ status: 400, body: { field: 'posts[0].integration.id' } });
    expect(String(again.body.message)).toMatch(/reconnected/);
    expect(await stack.sandbox.published({ network: 'facebook', accountId: page.account.id })).toHaveLength(0);
  });

  it('should not call media_publish while the account\'s 24-hour publishing quota is used up', async () => {
    const { org, api } = await freshOrganization();
    const instagram = org.channels.instagram!;
    await stack.sandbox.updateAccount(instagram.account.id, { quotaUsage: 100, quotaTotal: 100 });

    const postId = await api.schedule(instagram.integration.id, { content: 'Over quota', files: [PHOTO] }, { type: 'now' });
    await waitUntil('the quota to be read', async () =>
      (await stack.sandbox.requests({ method: 'GET', pathContains: `${instagram.account.id}/content_publishing_limit` })).length > 0 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 2_000));

    // Waiting for the window to free up (an hour), not failed, not published.
    expect((await api.request('GET', `/posts/${postId}`)).body).toMatchObject({ heraldState: 'PUBLISHING', error: null });
    expect(await publishCalls(instagram.account.id)).toBe(0);
    expect(await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id })).toHaveLength(0);
  });

  it('should explain a Facebook identity checkpoint and publish nothing', async () => {
    const { org, api } = await freshOrganization();
    const page = org.channels.facebook!;
    await stack.sandbox.updateAccount(page.account.id, { identityCheckpoint: true });

    const post = await api.waitForOutcome(await api.schedule(page.integration.id, { content: 'Checkpoint' }, { type: 'now' }));

    expect(post).toMatchObject({ heraldState: 'ERROR', errorCode: 'IDENTITY_CHECKPOINT' });
    expect(String(post.error)).toMatch(/confirm their identity.*Facebook app/);
    expect(await stack.sandbox.published({ network: 'facebook', accountId: page.account.id })).toHaveLength(0);
  });
});

describe('media the network never finishes processing', () => {
  let stack: HeraldStack;
  let db: Db;

  beforeAll(async () => {
    stack = await startHeraldStack({ SANDBOX_PROCESSING_POLLS: '100000', PUBLISH_PREPARE_DEADLINE_MS: '5000' });
    db = createPrismaClient(testEnv().databaseUrl, { maxConnections: 2 });
  });

  afterAll(async () => {
    await stack?.stop();
    await db?.$disconnect();
  });

  it('should give up at the deadline, say so, and publish nothing', async () => {
    const org = await createTestOrganization(db, stack.sandbox, ['instagram']);
    const api = new PublicApiClient(stack.apiUrl, org.apiKey);
    const instagram = org.channels.instagram!;

    const post = await api.waitForOutcome(await api.schedule(instagram.integration.id, { content: 'Stuck reel', files: [CLIP] }, { type: 'now' }));

    expect(post).toMatchObject({ heraldState: 'ERROR', errorCode: 'NETWORK_UNAVAILABLE' });
    expect(String(post.error)).toMatch(/still processing the media after 5 seconds; nothing was published/);
    expect(await stack.sandbox.requests({ method: 'POST', pathContains: 'media_publish' })).toHaveLength(0);
    expect(await stack.sandbox.published({ network: 'instagram', accountId: instagram.account.id })).toHaveLength(0);
  });
});
