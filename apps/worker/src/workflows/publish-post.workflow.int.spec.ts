// The workflow's own logic against the real Temporal dev server, with its activities stubbed
// (the end-to-end suites run the real ones). Each test programs the stubs it needs.
import { Client, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import {
  PUBLISH_FAILURE_TYPE,
  PUBLISH_POST_WORKFLOW,
  type ClaimResult,
  type PostLifecycleActivities,
  type ProviderPublishActivities,
  type PublishPostInput,
  type PublishPostResult,
  TASK_QUEUES,
  publishNowSignal,
  publishStatusQuery,
  reschedulePostSignal,
} from '@herald/contracts';
import type { PublishFailure } from '@herald/domain';
import { createTestNamespace, testEnv } from '@herald/testing';

type Stubs = PostLifecycleActivities & ProviderPublishActivities;

const claimed: ClaimResult = { kind: 'claimed', provider: 'instagram', integrationId: 'int-1' };
const prepared = { provider: 'instagram' as const, data: { containerId: 'c-1' } };

function failure(f: Partial<PublishFailure> & Pick<PublishFailure, 'code'>): ApplicationFailure {
  const details: PublishFailure = { message: f.code, retryable: false, outcome: 'not-applied', ...f };
  return ApplicationFailure.create({ type: PUBLISH_FAILURE_TYPE, message: details.message, nonRetryable: true, details: [details] });
}

function happyStubs(): jest.Mocked<Stubs> {
  const stub = <K extends keyof Stubs>(impl: Stubs[K]) => jest.fn(impl as (...args: never[]) => unknown) as unknown as jest.Mocked<Stubs>[K];
  const stubs: jest.Mocked<Stubs> = {
    // By default the staged step only holds the post until its time and claims it, leaving
    // every publishing step to the workflow (the tests below program those stubs).
    publishWhenDue: stub<'publishWhenDue'>(async (input) => {
      // A timer may fire a millisecond before Date.now() reaches its end: wait again, as the real hold does.
      for (let wait = Date.parse(input.publishAt) - Date.now(); wait > 0; wait = Date.parse(input.publishAt) - Date.now()) {
        await new Promise((r) => setTimeout(r, wait));
      }
      return { claim: await stubs.claimPostForPublishing(input) };
    }),
    claimPostForPublishing: stub<'claimPostForPublishing'>(async () => claimed),
    markPostPublished: stub<'markPostPublished'>(async () => undefined),
    markPostFailed: stub<'markPostFailed'>(async () => undefined),
    recordCommitAttempt: stub<'recordCommitAttempt'>(async () => true),
    preparePublish: stub<'preparePublish'>(async () => prepared),
    checkPrepared: stub<'checkPrepared'>(async () => ({ status: 'ready', prepared })),
    commitPublish: stub<'commitPublish'>(async () => ({
      status: 'published',
      ref: { releaseId: 'media-1', releaseUrl: 'https://www.instagram.com/p/abc/' },
    })),
    confirmPublished: stub<'confirmPublished'>(async () => ({ status: 'pending' })),
    reconcilePublish: stub<'reconcilePublish'>(async () => ({ status: 'not-published', detail: 'container FINISHED' })),
    resolvePermalink: stub<'resolvePermalink'>(async () => null),
    pendingThread: stub<'pendingThread'>(async () => []),
    startThreadItem: stub<'startThreadItem'>(async () => ({ kind: 'started', commitStartedAt: new Date().toISOString(), resumed: false })),
    markThreadItemPublished: stub<'markThreadItemPublished'>(async () => undefined),
    markThreadItemFailed: stub<'markThreadItemFailed'>(async () => undefined),
    failPendingThread: stub<'failPendingThread'>(async () => undefined),
    scheduleNextOccurrence: stub<'scheduleNextOccurrence'>(async () => null),
    publishComment: stub<'publishComment'>(async () => ({ releaseId: 'comment-1' })),
    findComment: stub<'findComment'>(async () => null),
    waitingPublishAt: stub<'waitingPublishAt'>(async () => null),
  };
  return stubs;
}

/** Polls until `check` holds (a stub was called, say), for at most 10 s. */
async function waitFor(check: () => boolean): Promise<void> {
  for (const started = Date.now(); !check(); ) {
    if (Date.now() - started > 10_000) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('publishPost workflow', () => {
  let stubs: jest.Mocked<Stubs> = happyStubs();
  let client: Client;
  let connection: NativeConnection;
  let workers: Worker[] = [];
  let running: Promise<void>[] = [];
  let seq = 0;

  // Workers call through `stubs`, which each test replaces.
  const delegate = Object.fromEntries(
    (Object.keys(stubs) as Array<keyof Stubs>).map((name) => [
      name,
      (...args: never[]) => (stubs[name] as (...a: never[]) => unknown)(...args),
    ]),
  ) as unknown as Stubs;

  beforeAll(async () => {
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      // already installed by another test file in this process
    }
    const { namespace, connection: clientConnection } = await createTestNamespace('workflow');
    client = new Client({ connection: clientConnection, namespace });
    connection = await NativeConnection.connect({ address: testEnv().temporalAddress });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./index'), logger: new DefaultLogger('ERROR') });
    workers = await Promise.all([
      Worker.create({ connection, namespace, taskQueue: TASK_QUEUES.workflows, workflowBundle, activities: delegate, shutdownForceTime: '10s' }),
      Worker.create({ connection, namespace, taskQueue: TASK_QUEUES.instagram, activities: delegate, shutdownForceTime: '10s' }),
    ]);
    running = workers.map((w) => w.run());
  }, 120_000);

  afterAll(async () => {
    workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown());
    await Promise.all(running);
    await connection?.close();
    await client?.connection.close();
  }, 60_000);

  beforeEach(() => {
    stubs = happyStubs();
  });

  function start(publishAt: Date, timing: PublishPostInput['timing'] = { checkIntervalMs: 100 }, extra: Partial<PublishPostInput> = {}) {
    const postId = `post-${Date.now()}-${++seq}`;
    return client.workflow.start<(input: PublishPostInput) => Promise<PublishPostResult>>(PUBLISH_POST_WORKFLOW, {
      taskQueue: TASK_QUEUES.workflows,
      workflowId: `post:${postId}`,
      args: [{ organizationId: 'org-1', postId, publishAt: publishAt.toISOString(), provider: 'instagram', timing, ...extra }],
    });
  }

  it('should stage the post a lead before its time, for its time, then publish once and record the network post', async () => {
    const publishAt = new Date(Date.now() + 3_000);
    let stagedAt = 0;
    let claimedAt = 0;
    const hold = stubs.publishWhenDue.getMockImplementation()!;
    stubs.publishWhenDue.mockImplementation(async (input) => {
      stagedAt = Date.now();
      return hold(input);
    });
    stubs.claimPostForPublishing.mockImplementation(async () => {
      claimedAt = Date.now();
      return claimed;
    });

    const result = await (await start(publishAt, { checkIntervalMs: 100, leadMs: 1_000 })).result();

    expect(result).toEqual({ outcome: 'published', releaseId: 'media-1', releaseUrl: 'https://www.instagram.com/p/abc/' });
    expect(stagedAt).toBeGreaterThanOrEqual(publishAt.getTime() - 1_000);
    expect(stagedAt).toBeLessThan(publishAt.getTime());
    expect(stubs.publishWhenDue).toHaveBeenCalledWith(expect.objectContaining({ publishAt: publishAt.toISOString() }));
    expect(claimedAt).toBeGreaterThanOrEqual(publishAt.getTime());
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
    expect(stubs.markPostPublished).toHaveBeenCalledWith(
      expect.objectContaining({ releaseId: 'media-1', releaseUrl: 'https://www.instagram.com/p/abc/' }),
    );
  });

  it('should publish at the new time when the post is moved earlier', async () => {
    const handle = await start(new Date(Date.now() + 10 * 60_000));
    const movedTo = new Date(Date.now() + 1_500);
    await handle.signal(reschedulePostSignal, { publishAt: movedTo.toISOString() });

    const result = await handle.result();

    expect(result.outcome).toBe('published');
    expect(stubs.claimPostForPublishing).toHaveBeenCalledTimes(1);
  });

  it('should not publish at the old time when the post is moved later', async () => {
    const handle = await start(new Date(Date.now() + 1_500), { checkIntervalMs: 100, leadMs: 500 });
    await handle.signal(reschedulePostSignal, { publishAt: new Date(Date.now() + 10 * 60_000).toISOString() });
    await new Promise((r) => setTimeout(r, 4_000));

    expect(stubs.claimPostForPublishing).not.toHaveBeenCalled();
    expect((await handle.query(publishStatusQuery)).phase).toBe('waiting');
    await handle.cancel();
  });

  it('should give up a staged attempt when the post moves, and stage again for the new time with a new token', async () => {
    const handle = await start(new Date(Date.now() + 1_000));
    await waitFor(() => stubs.publishWhenDue.mock.calls.length === 1);
    const movedTo = new Date(Date.now() + 3_000);
    await handle.signal(reschedulePostSignal, { publishAt: movedTo.toISOString() });

    const result = await handle.result();

    expect(result.outcome).toBe('published');
    const [first, second] = stubs.publishWhenDue.mock.calls.map(([input]) => input);
    expect(stubs.publishWhenDue).toHaveBeenCalledTimes(2);
    expect(second).toMatchObject({ publishAt: movedTo.toISOString() });
    expect(second!.claimToken).not.toBe(first!.claimToken);
  });

  it('should publish through the staged step alone when it published at the time', async () => {
    const startedAt = new Date().toISOString();
    stubs.publishWhenDue.mockResolvedValue({
      claim: claimed,
      prepared,
      ready: true,
      commit: { startedAt, outcome: { status: 'published', ref: { releaseId: 'media-5', releaseUrl: 'https://x/p/5/' } } },
    });

    const result = await (await start(new Date())).result();

    expect(result).toEqual({ outcome: 'published', releaseId: 'media-5', releaseUrl: 'https://x/p/5/' });
    expect(stubs.preparePublish).not.toHaveBeenCalled();
    expect(stubs.checkPrepared).not.toHaveBeenCalled();
    expect(stubs.commitPublish).not.toHaveBeenCalled();
    expect(stubs.markPostPublished).toHaveBeenCalledWith(expect.objectContaining({ releaseId: 'media-5' }));
  });

  it('should keep polling what the staged step prepared while the network still processes it', async () => {
    stubs.publishWhenDue.mockResolvedValue({ claim: claimed, prepared });
    stubs.checkPrepared.mockResolvedValueOnce({ status: 'pending' }).mockResolvedValue({ status: 'ready', prepared });

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    expect(stubs.preparePublish).not.toHaveBeenCalled();
    expect(stubs.checkPrepared).toHaveBeenCalledTimes(2);
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
  });

  it('should reconcile a staged commit whose outcome is unknown, and not publish again when it did publish', async () => {
    stubs.publishWhenDue.mockResolvedValue({
      claim: claimed,
      prepared,
      ready: true,
      commit: { startedAt: new Date().toISOString(), failure: { code: 'OUTCOME_UNKNOWN', message: 'timeout', retryable: false, outcome: 'unknown' } },
    });
    stubs.reconcilePublish.mockResolvedValue({ status: 'published', ref: { releaseId: 'media-6' } });

    const result = await (await start(new Date())).result();

    expect(result).toMatchObject({ outcome: 'published', releaseId: 'media-6' });
    expect(stubs.reconcilePublish).toHaveBeenCalledTimes(1);
    expect(stubs.commitPublish).not.toHaveBeenCalled();
  });

  it('should record the refusal the staged step met, and publish nothing', async () => {
    const message = 'Facebook requires a Page admin to confirm their identity: complete the verification in the Facebook app.';
    stubs.publishWhenDue.mockResolvedValue({
      claim: claimed,
      refused: { code: 'IDENTITY_CHECKPOINT', message, retryable: false, outcome: 'not-applied' },
    });

    const result = await (await start(new Date())).result();

    expect(result).toEqual({ outcome: 'failed', code: 'IDENTITY_CHECKPOINT', message });
    expect(stubs.commitPublish).not.toHaveBeenCalled();
    expect(stubs.markPostFailed).toHaveBeenCalledWith(expect.objectContaining({ code: 'IDENTITY_CHECKPOINT' }));
  });

  it('should stage again, taking the post over, when a staged attempt is lost', async () => {
    const hold = stubs.publishWhenDue.getMockImplementation()!;
    stubs.publishWhenDue.mockRejectedValueOnce(new Error('worker lost')).mockImplementation(hold);

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    const [first, second] = stubs.publishWhenDue.mock.calls.map(([input]) => input);
    expect(first).not.toHaveProperty('takeOver', true);
    expect(second).toMatchObject({ takeOver: true });
    expect(second!.claimToken).not.toBe(first!.claimToken);
  });

  it('should not publish when its attempt no longer holds the post at the publishing step', async () => {
    stubs.publishWhenDue.mockResolvedValue({ claim: claimed, prepared, ready: true });
    stubs.recordCommitAttempt.mockResolvedValue(false);

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('skipped');
    expect(stubs.commitPublish).not.toHaveBeenCalled();
    expect(stubs.markPostFailed).not.toHaveBeenCalled();
    expect(stubs.markPostPublished).not.toHaveBeenCalled();
  });

  it('should wait again when Postgres says the post is due later than the timer thought', async () => {
    const later = new Date(Date.now() + 2_000);
    const calls: number[] = [];
    stubs.claimPostForPublishing.mockImplementation(async () => {
      calls.push(Date.now());
      return calls.length === 1 ? { kind: 'not-yet', publishAt: later.toISOString() } : claimed;
    });

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    expect(calls).toHaveLength(2);
    expect(calls[1]).toBeGreaterThanOrEqual(later.getTime());
  });

  it('should end without touching the network when the post was deleted', async () => {
    stubs.claimPostForPublishing.mockResolvedValue({ kind: 'skip', reason: 'the post was deleted' });

    const result = await (await start(new Date())).result();

    expect(result).toEqual({ outcome: 'skipped', reason: 'the post was deleted' });
    expect(stubs.preparePublish).not.toHaveBeenCalled();
    expect(stubs.commitPublish).not.toHaveBeenCalled();
  });

  it('should record the published post, not publish again, when a commit with an unknown outcome did publish', async () => {
    stubs.commitPublish.mockRejectedValue(failure({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' }));
    stubs.reconcilePublish.mockResolvedValue({ status: 'published', ref: { releaseId: 'media-9', releaseUrl: 'https://x/p/9/' } });

    const result = await (await start(new Date())).result();

    expect(result).toEqual({ outcome: 'published', releaseId: 'media-9', releaseUrl: 'https://x/p/9/' });
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
    expect(stubs.markPostPublished).toHaveBeenCalledWith(expect.objectContaining({ releaseId: 'media-9' }));
  });

  it('should commit again only after the network confirms nothing was published', async () => {
    stubs.commitPublish
      .mockRejectedValueOnce(failure({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' }))
      .mockResolvedValueOnce({ status: 'published', ref: { releaseId: 'media-2', releaseUrl: 'https://x/p/2/' } });
    stubs.reconcilePublish.mockResolvedValue({ status: 'not-published', detail: 'container FINISHED' });

    const result = await (await start(new Date())).result();

    expect(result).toMatchObject({ outcome: 'published', releaseId: 'media-2' });
    expect(stubs.reconcilePublish).toHaveBeenCalledTimes(1);
    expect(stubs.commitPublish).toHaveBeenCalledTimes(2);
  }, 30_000);

  it('should record OUTCOME_UNKNOWN, and not publish again, when the network cannot say what happened', async () => {
    stubs.commitPublish.mockRejectedValue(failure({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' }));
    stubs.reconcilePublish.mockResolvedValue({ status: 'unknown', detail: 'the container is PUBLISHED but no media matches' });

    const result = await (await start(new Date())).result();

    expect(result).toMatchObject({ outcome: 'failed', code: 'OUTCOME_UNKNOWN' });
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
    expect(stubs.markPostFailed).toHaveBeenCalledWith(expect.objectContaining({ code: 'OUTCOME_UNKNOWN' }));
  });

  it('should treat a commit that never answers (a killed worker) as unknown and reconcile', async () => {
    // The answer comes after the activity's time is up, as from a worker that died mid-call.
    stubs.commitPublish.mockImplementation(
      () => new Promise((r) => setTimeout(() => r({ status: 'published', ref: { releaseId: 'too-late' } }), 4_000)),
    );
    stubs.reconcilePublish.mockResolvedValue({ status: 'published', ref: { releaseId: 'media-7' } });

    const result = await (await start(new Date(), { checkIntervalMs: 100, commitTimeoutMs: 1_500 })).result();

    expect(result).toMatchObject({ outcome: 'published', releaseId: 'media-7' });
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
    expect(stubs.reconcilePublish).toHaveBeenCalledTimes(1);
  });

  it('should record the network\'s reason, in the user\'s words, when it refuses the post', async () => {
    const message = 'Facebook requires a Page admin to confirm their identity: complete the verification in the Facebook app.';
    stubs.commitPublish.mockRejectedValue(failure({ code: 'IDENTITY_CHECKPOINT', message }));

    const result = await (await start(new Date())).result();

    expect(result).toEqual({ outcome: 'failed', code: 'IDENTITY_CHECKPOINT', message });
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
    expect(stubs.markPostFailed).toHaveBeenCalledWith(expect.objectContaining({ code: 'IDENTITY_CHECKPOINT', message }));
  });

  it('should prepare the media again when the prepared media expired', async () => {
    stubs.checkPrepared
      .mockRejectedValueOnce(failure({ code: 'NETWORK_UNAVAILABLE', retryable: true, prepareAgain: true }))
      .mockResolvedValue({ status: 'ready', prepared });

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    expect(stubs.preparePublish).toHaveBeenCalledTimes(2);
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
  });

  it('should prepare again, after the pause the network asked for, media it could not fetch at the publish time', async () => {
    const notFetched = { code: 'MEDIA_UNREACHABLE' as const, message: 'Instagram could not download the media.', retryable: true, outcome: 'not-applied' as const, prepareAgain: true, retryAfterMs: 1_500 };
    stubs.publishWhenDue.mockResolvedValue({ claim: claimed, prepareFailed: notFetched });
    let preparedAt = 0;
    stubs.preparePublish.mockImplementation(async () => {
      preparedAt = Date.now();
      return prepared;
    });

    const startedAt = Date.now();
    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    expect(stubs.preparePublish).toHaveBeenCalledTimes(1);
    expect(preparedAt - startedAt).toBeGreaterThanOrEqual(1_500);
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
  });

  it('should fail with the network\'s reason after three preparations of media it cannot fetch, publishing nothing', async () => {
    const notFetched = { code: 'MEDIA_UNREACHABLE' as const, message: 'Instagram could not download the media.', retryable: true, prepareAgain: true, retryAfterMs: 200 };
    stubs.publishWhenDue.mockResolvedValue({ claim: claimed, prepareFailed: { ...notFetched, outcome: 'not-applied' } });
    stubs.preparePublish.mockRejectedValue(failure(notFetched));

    const result = await (await start(new Date())).result();

    expect(result).toEqual({ outcome: 'failed', code: 'MEDIA_UNREACHABLE', message: notFetched.message });
    expect(stubs.preparePublish).toHaveBeenCalledTimes(2);
    expect(stubs.commitPublish).not.toHaveBeenCalled();
    expect(stubs.markPostFailed).toHaveBeenCalledWith(expect.objectContaining({ code: 'MEDIA_UNREACHABLE', message: notFetched.message }));
  });

  it('should poll until the network has processed the media', async () => {
    stubs.checkPrepared
      .mockResolvedValueOnce({ status: 'pending' })
      .mockResolvedValueOnce({ status: 'pending' })
      .mockResolvedValue({ status: 'ready', prepared });

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    expect(stubs.checkPrepared).toHaveBeenCalledTimes(3);
  });

  it('should carry on with the state a pending check returns (a carousel whose parent now exists)', async () => {
    const withParent = { provider: 'instagram' as const, data: { childIds: ['c1', 'c2'], containerId: 'parent-1' } };
    stubs.checkPrepared
      .mockResolvedValueOnce({ status: 'pending', prepared: withParent })
      .mockResolvedValue({ status: 'ready', prepared: withParent });

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    expect(stubs.checkPrepared.mock.calls[1]![0]).toMatchObject({ prepared: withParent });
    expect(stubs.commitPublish).toHaveBeenCalledWith(expect.objectContaining({ prepared: withParent }));
  });

  it('should wait for a post the network accepted to go live before recording it', async () => {
    const pending = { provider: 'tiktok' as const, data: { publishId: 'v_pub_file~1' } };
    stubs.commitPublish.mockResolvedValue({ status: 'accepted', pending });
    stubs.confirmPublished
      .mockResolvedValueOnce({ status: 'pending', detail: 'PROCESSING_UPLOAD' })
      .mockResolvedValueOnce({ status: 'published', ref: { releaseId: '7400000000000000001' } });

    const result = await (await start(new Date())).result();

    expect(result).toMatchObject({ outcome: 'published', releaseId: '7400000000000000001' });
    expect(stubs.confirmPublished).toHaveBeenCalledTimes(2);
    expect(stubs.confirmPublished).toHaveBeenCalledWith(expect.objectContaining({ pending }));
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
  });

  it('should keep confirming, never commit again, when reconciliation finds the post accepted', async () => {
    const pending = { provider: 'tiktok' as const, data: { publishId: 'v_pub_url~2' } };
    stubs.commitPublish.mockRejectedValue(
      failure({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown', commitProgress: { publishId: 'v_pub_url~2' } }),
    );
    stubs.reconcilePublish.mockResolvedValue({ status: 'accepted', pending });
    stubs.confirmPublished.mockResolvedValue({ status: 'published', ref: { releaseId: 'tt-2' } });

    const result = await (await start(new Date())).result();

    expect(result).toMatchObject({ outcome: 'published', releaseId: 'tt-2' });
    expect(stubs.reconcilePublish).toHaveBeenCalledWith(expect.objectContaining({ progress: { publishId: 'v_pub_url~2' } }));
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
  });

  it('should record the attempt in Postgres before the step that publishes', async () => {
    const order: string[] = [];
    stubs.recordCommitAttempt.mockImplementation(async () => {
      order.push('record');
      return true;
    });
    stubs.commitPublish.mockImplementation(async () => {
      order.push('commit');
      return { status: 'published', ref: { releaseId: 'm' } };
    });

    await (await start(new Date())).result();

    expect(order).toEqual(['record', 'commit']);
    expect(stubs.recordCommitAttempt).toHaveBeenCalledWith(expect.objectContaining({ prepared }));
  });

  it('should end as MISSED_TIME, touching nothing, when the claim finds the post too late', async () => {
    stubs.claimPostForPublishing.mockResolvedValue({ kind: 'missed', message: 'The post was due at 2026-12-01T09:00Z and …' });

    const result = await (await start(new Date())).result();

    expect(result).toEqual({ outcome: 'failed', code: 'MISSED_TIME', message: 'The post was due at 2026-12-01T09:00Z and …' });
    expect(stubs.preparePublish).not.toHaveBeenCalled();
  });

  it('should take over a lost run that had started publishing by asking the network, not publishing again', async () => {
    stubs.claimPostForPublishing.mockResolvedValue({ ...claimed, resume: { prepared, commitStartedAt: new Date().toISOString() } });
    stubs.reconcilePublish.mockResolvedValue({ status: 'published', ref: { releaseId: 'media-lost-run' } });

    // The lost run's publish call could still land until commitTimeoutMs after it began.
    const result = await (await start(new Date(), { checkIntervalMs: 100, commitTimeoutMs: 1_000 }, { takeOver: true })).result();

    expect(result).toMatchObject({ outcome: 'published', releaseId: 'media-lost-run' });
    expect(stubs.reconcilePublish).toHaveBeenCalledTimes(1);
    expect(stubs.claimPostForPublishing).toHaveBeenCalledWith(expect.objectContaining({ takeOver: true }));
    expect(stubs.preparePublish).not.toHaveBeenCalled();
    expect(stubs.commitPublish).not.toHaveBeenCalled();
  });

  it('should take over a lost run that had only prepared, reusing what it prepared', async () => {
    stubs.claimPostForPublishing.mockResolvedValue({ ...claimed, resume: { prepared } });

    const result = await (await start(new Date(), undefined, { takeOver: true })).result();

    expect(result.outcome).toBe('published');
    expect(stubs.preparePublish).not.toHaveBeenCalled();
    expect(stubs.reconcilePublish).not.toHaveBeenCalled();
    expect(stubs.commitPublish).toHaveBeenCalledTimes(1);
  });

  it('should be cancelled while waiting, without claiming the post', async () => {
    const handle = await start(new Date(Date.now() + 10 * 60_000));
    await handle.cancel();

    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(stubs.claimPostForPublishing).not.toHaveBeenCalled();
  });

  /**
   * Sends the cancel and then `signal` (with start, as the API does) to a run whose start is
   * delayed, on a queue no worker polls until both are in, so that its first task holds both (as
   * when the worker is busy); then runs that task and returns the outcome.
   */
  async function cancelThenSignal(signal: typeof publishNowSignal | typeof reschedulePostSignal, publishAt: string) {
    const postId = `post-${Date.now()}-${++seq}`;
    const workflowId = `post:${postId}`;
    const taskQueue = `late-${postId}`;
    const args: [PublishPostInput] = [
      { organizationId: 'org-1', postId, publishAt: new Date(Date.now() + 3_600_000).toISOString(), provider: 'instagram', timing: { checkIntervalMs: 100 } },
    ];
    const handle = await client.workflow.start(PUBLISH_POST_WORKFLOW, { taskQueue, workflowId, args, startDelay: '59 minutes' });
    await handle.cancel();
    await client.workflow.signalWithStart(PUBLISH_POST_WORKFLOW, { taskQueue, workflowId, args, startDelay: '59 minutes', signal, signalArgs: [{ publishAt }] });
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./index'), logger: new DefaultLogger('ERROR') });
    const late = await Worker.create({ connection, namespace: client.options.namespace, taskQueue, workflowBundle, activities: delegate });
    const outcome = await late.runUntil(client.workflow.getHandle(workflowId).result().then(
      (result) => ({ result: result as PublishPostResult }),
      (error: unknown) => ({ error }),
    ));
    return { postId, outcome };
  }

  it('should publish now a post drafted then published now while its start was delayed (both reach it at once)', async () => {
    const now = new Date().toISOString();
    stubs.waitingPublishAt.mockImplementation(async () => now);

    const { postId, outcome } = await cancelThenSignal(publishNowSignal, now);

    expect(outcome).toEqual({ result: expect.objectContaining({ outcome: 'published' }) });
    expect(stubs.claimPostForPublishing).toHaveBeenCalledTimes(1);
    expect(stubs.claimPostForPublishing).toHaveBeenCalledWith(expect.objectContaining({ postId, publishAt: now }));
  });

  it('should end cancelled, without claiming, when Postgres says a post signalled and cancelled together no longer waits', async () => {
    const { postId, outcome } = await cancelThenSignal(reschedulePostSignal, new Date().toISOString());

    expect(outcome).toEqual({ error: expect.any(WorkflowFailedError) });
    expect(stubs.waitingPublishAt).toHaveBeenCalledWith(expect.objectContaining({ postId }));
    expect(stubs.claimPostForPublishing).not.toHaveBeenCalled();
  });

  it('should post the thread after the post, and ask the network before sending a comment again whose answer was lost', async () => {
    stubs.pendingThread.mockResolvedValue([{ postId: 'item-1', delayMinutes: 0 }, { postId: 'item-2', delayMinutes: 0 }]);
    stubs.publishComment.mockImplementation(async ({ postId }) => {
      if (postId === 'item-1') throw failure({ code: 'OUTCOME_UNKNOWN', outcome: 'unknown' });
      return { releaseId: 'comment-2' };
    });
    stubs.findComment.mockResolvedValue({ releaseId: 'comment-1' });

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    expect(stubs.publishComment.mock.calls.map(([input]) => input.postId)).toEqual(['item-1', 'item-2']);
    expect(stubs.publishComment).toHaveBeenCalledWith(expect.objectContaining({ rootReleaseId: 'media-1' }));
    expect(stubs.markThreadItemPublished.mock.calls.map(([input]) => [input.postId, input.releaseId])).toEqual([
      ['item-1', 'comment-1'],
      ['item-2', 'comment-2'],
    ]);
    expect(stubs.markPostPublished.mock.invocationCallOrder[0]).toBeLessThan(stubs.publishComment.mock.invocationCallOrder[0]!);
  });

  it('should look for a comment a lost run may have sent before sending it', async () => {
    stubs.pendingThread.mockResolvedValue([{ postId: 'item-1', delayMinutes: 0 }]);
    stubs.startThreadItem.mockResolvedValue({ kind: 'started', commitStartedAt: new Date().toISOString(), resumed: true });
    stubs.findComment.mockResolvedValue({ releaseId: 'comment-sent-before' });

    await (await start(new Date())).result();

    expect(stubs.publishComment).not.toHaveBeenCalled();
    expect(stubs.markThreadItemPublished).toHaveBeenCalledWith(expect.objectContaining({ postId: 'item-1', releaseId: 'comment-sent-before' }));
  });

  it('should stop the thread at a refused comment, keep the post published, and fail the rest with the reason', async () => {
    stubs.pendingThread.mockResolvedValue([{ postId: 'item-1', delayMinutes: 0 }, { postId: 'item-2', delayMinutes: 0 }]);
    stubs.publishComment.mockRejectedValue(failure({ code: 'IDENTITY_CHECKPOINT', message: 'Verify the Page.' }));

    const result = await (await start(new Date())).result();

    expect(result.outcome).toBe('published');
    expect(stubs.publishComment).toHaveBeenCalledTimes(1);
    expect(stubs.markPostFailed).not.toHaveBeenCalled();
    expect(stubs.markThreadItemFailed).toHaveBeenCalledWith(expect.objectContaining({ postId: 'item-1', code: 'IDENTITY_CHECKPOINT' }));
    expect(stubs.failPendingThread).toHaveBeenCalledWith(expect.objectContaining({ postId: expect.any(String), code: 'IDENTITY_CHECKPOINT' }));
  });

  it('should schedule the next occurrence of a repeating post once it is published, and once it failed', async () => {
    await (await start(new Date())).result();
    stubs.commitPublish.mockRejectedValue(failure({ code: 'VALIDATION' }));
    await (await start(new Date())).result();

    expect(stubs.scheduleNextOccurrence).toHaveBeenCalledTimes(2);
  });
});
