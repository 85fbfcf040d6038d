// The staged step at the publish time (publishWhenDue), with fake repositories and a fake
// network adapter: when it touches the network, what it records first, and what it reports.
// The end-to-end suites run it against Postgres and the sandbox.
import { MockActivityEnvironment, defaultActivityInfo } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createLogger } from '@herald/config';
import type { ClaimInput, ClaimResult, DueAttempt } from '@herald/contracts';
import type { IntegrationRepository, PostForPublish, PostRepository } from '@herald/db';
import type { PreparedPublish, PublishFailure } from '@herald/domain';
import { ProviderError, type ProviderAdapter } from '@herald/providers';
import type { ChannelThrottle } from '../channels/channel-throttle';
import type { CredentialRefresher } from '../channels/credential-refresher';
import { RateGate } from '../channels/rate-gate';
import { createProviderPublishActivities } from './provider-publish.activities';

const ref = { organizationId: 'org_1', postId: 'post_1' };
const prepared: PreparedPublish = { provider: 'facebook', data: { format: 'text', photoIds: [] } };
const claimed: ClaimResult = { kind: 'claimed', provider: 'facebook', integrationId: 'int_1' };

function setUp(claim: (input: ClaimInput) => Promise<ClaimResult> = async () => claimed, reconcileSettleMs = 0) {
  const calls: string[] = [];
  const adapter = {
    provider: 'facebook',
    prepare: jest.fn(async () => (calls.push('prepare'), prepared)),
    check: jest.fn(async () => (calls.push('check'), { status: 'ready' as const, prepared })),
    commit: jest.fn(async () => (calls.push('commit'), { status: 'published' as const, ref: { releaseId: 'fb_9' } })),
    permalink: jest.fn(async () => (calls.push('permalink'), 'https://facebook.com/fb_9')),
    reconcile: jest.fn(async () => (calls.push('reconcile'), { status: 'not-published' as const, detail: 'nothing on the feed' })),
  } as unknown as jest.Mocked<ProviderAdapter>;
  const record = (content: string): PostForPublish => ({
    id: ref.postId,
    organizationId: ref.organizationId,
    state: 'PUBLISHING',
    deleted: false,
    content,
    media: [],
    settings: {},
    integration: { id: 'int_1', provider: 'facebook', internalId: 'page_1', disabled: false, refreshNeeded: false, deleted: false },
  });
  const posts = {
    getForPublish: jest.fn(async () => (calls.push('read post'), record('Hello'))),
    recordCommitAttempts: jest.fn(async (attempts: unknown[]) => (calls.push('record'), attempts.map(() => true))),
  } as unknown as jest.Mocked<PostRepository>;
  const integrations = { getCredentials: jest.fn(async () => (calls.push('read credentials'), { accessToken: 'token' })) } as unknown as IntegrationRepository;
  const refresher = { current: async (_c: unknown, _a: unknown, credentials: unknown) => credentials } as unknown as CredentialRefresher;
  const throttle = { remainingMs: async () => 0, pause: async () => undefined } as unknown as ChannelThrottle;
  const draining = new AbortController();
  const claimSpy = jest.fn(async (input: ClaimInput) => (calls.push('claim'), claim(input)));
  // A fresh claim hands back the post as it found it (as the repository's claim does).
  const found = record('Hello, as edited before its time');
  const activities = createProviderPublishActivities({
    network: 'facebook',
    adapters: { facebook: adapter },
    posts,
    integrations,
    refresher,
    throttle,
    claim: async (input) => {
      const result = await claimSpy(input);
      return result.kind === 'claimed' && !result.resume ? { claim: result, post: found } : { claim: result };
    },
    gate: new RateGate(1_000),
    draining: draining.signal,
    reconcileSettleMs,
    now: () => new Date(),
    logger: createLogger('herald-worker', 'silent'),
  });
  const env = new MockActivityEnvironment(
    { ...defaultActivityInfo, heartbeatTimeoutMs: 3_000, workflowExecution: { workflowId: 'post:post_1', runId: 'run_1' } },
    { logger: new DefaultLogger('ERROR', () => undefined) },
  );
  const run = (publishAt: Date, extra: Partial<ClaimInput> = {}): Promise<DueAttempt> =>
    env.run(activities.publishWhenDue, { ...ref, claimToken: 'run_1/1', publishAt: publishAt.toISOString(), ...extra });
  return { adapter, posts, calls, claimSpy, draining, env, run, activities };
}

function refusal(failure: Partial<PublishFailure> & Pick<PublishFailure, 'code'>): ProviderError {
  return new ProviderError({ message: failure.code, retryable: false, outcome: 'not-applied', ...failure });
}

describe('publishWhenDue', () => {
  it('should hold the post until its time, then claim it for that time and publish it in one go, recording the attempt first', async () => {
    const { calls, claimSpy, run } = setUp();
    const publishAt = new Date(Date.now() + 600);
    let claimedAt = 0;
    claimSpy.mockImplementationOnce(async () => ((claimedAt = Date.now()), calls.push('claim'), claimed));

    const attempt = await run(publishAt);

    expect(claimedAt).toBeGreaterThanOrEqual(publishAt.getTime());
    expect(claimSpy).toHaveBeenCalledWith(expect.objectContaining({ claimToken: 'run_1/1', publishAt: publishAt.toISOString() }));
    // The credentials are read while it is held; at its time, only the claim comes before the network.
    expect(calls).toEqual(['read post', 'read credentials', 'claim', 'prepare', 'check', 'record', 'commit', 'permalink']);
    expect(attempt).toMatchObject({
      claim: claimed,
      prepared,
      ready: true,
      commit: { startedAt: expect.any(String), outcome: { status: 'published', ref: { releaseId: 'fb_9', releaseUrl: 'https://facebook.com/fb_9' } } },
    });
  });

  it('should publish the post as the claim found it, not as it was read while held', async () => {
    const { adapter, run } = setUp();

    await run(new Date());

    expect(adapter.commit).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ content: 'Hello, as edited before its time' }), prepared);
  });

  it('should touch nothing on the network when the post is not claimed', async () => {
    const { calls, run } = setUp(async () => ({ kind: 'not-yet', publishAt: new Date(Date.now() + 60_000).toISOString() }));

    const attempt = await run(new Date());

    expect(attempt).toEqual({ claim: { kind: 'not-yet', publishAt: expect.any(String) } });
    expect(calls.filter((c) => !c.startsWith('read'))).toEqual(['claim']);
  });

  it('should hand a taken-over post back at once, for the workflow to reconcile what the lost attempt did', async () => {
    const resume = { prepared, commitStartedAt: new Date().toISOString() };
    const { calls, run } = setUp(async () => ({ ...claimed, resume }));

    const attempt = await run(new Date(), { takeOver: true });

    expect(attempt).toEqual({ claim: { ...claimed, resume } });
    expect(calls.filter((c) => !c.startsWith('read'))).toEqual(['claim']);
  });

  it('should not publish when its token no longer holds the post', async () => {
    const { calls, posts, run } = setUp();
    posts.recordCommitAttempts.mockResolvedValue([false]);

    const attempt = await run(new Date());

    expect(calls).not.toContain('commit');
    expect(attempt).toMatchObject({ prepared, ready: true });
    expect(attempt.commit).toBeUndefined();
  });

  it('should report a publish call that may have reached the network as unknown, for the workflow to reconcile', async () => {
    const { adapter, run } = setUp();
    adapter.commit.mockRejectedValue(new Error('socket hang up'));

    const attempt = await run(new Date());

    expect(attempt.commit).toMatchObject({ startedAt: expect.any(String), failure: { code: 'INTERNAL', outcome: 'unknown' } });
  });

  it('should report a definitive refusal to prepare, and leave a retryable failure for the workflow to retry', async () => {
    const checkpoint = setUp();
    checkpoint.adapter.prepare.mockRejectedValue(refusal({ code: 'IDENTITY_CHECKPOINT' }));
    const busy = setUp();
    busy.adapter.prepare.mockRejectedValue(refusal({ code: 'NETWORK_UNAVAILABLE', retryable: true }));

    const refused = await checkpoint.run(new Date());
    const retryable = await busy.run(new Date());

    expect(refused).toEqual({ claim: claimed, refused: expect.objectContaining({ code: 'IDENTITY_CHECKPOINT' }) });
    expect(retryable).toEqual({ claim: claimed });
    expect([...checkpoint.calls, ...busy.calls]).not.toContain('commit');
  });

  it('should hand the post back at once, unclaimed, when the worker drains while holding it', async () => {
    const { calls, draining, run } = setUp();
    const holding = run(new Date(Date.now() + 60_000));
    setTimeout(() => draining.abort(), 200);
    const started = Date.now();

    await expect(holding).rejects.toThrow(/draining/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(calls.filter((c) => !c.startsWith('read'))).toEqual([]);
  });
});

describe('reconcilePublish', () => {
  it('should not read the network until the commit\'s request could no longer land, then say what it found', async () => {
    const { adapter, env, activities } = setUp(undefined, 1_500);
    const commitStartedAt = new Date(Date.now() - 500);
    const started = Date.now();

    const result = await env.run(activities.reconcilePublish, { ...ref, prepared, commitStartedAt: commitStartedAt.toISOString() });

    expect(result).toEqual({ status: 'not-published', detail: 'nothing on the feed' });
    expect(adapter.reconcile).toHaveBeenCalledTimes(1);
    // Read no earlier than the commit's start plus the settle time (1.5 s), i.e. about 1 s from now.
    expect(Date.now()).toBeGreaterThanOrEqual(commitStartedAt.getTime() + 1_500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('should read at once when the commit began longer ago than the settle time', async () => {
    const { adapter, env, activities } = setUp(undefined, 1_500);
    const started = Date.now();

    await env.run(activities.reconcilePublish, { ...ref, prepared, commitStartedAt: new Date(Date.now() - 60_000).toISOString() });

    expect(adapter.reconcile).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeLessThan(900);
  });
});
