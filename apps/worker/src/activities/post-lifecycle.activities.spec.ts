import { Writable } from 'node:stream';
import { MockActivityEnvironment, defaultActivityInfo } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { Registry } from 'prom-client';
import { createLogger } from '@herald/config';
import type { PostRepeatRepository, PostRepository, PostThreadRepository, PublishTransition } from '@herald/db';
import { parsePrometheusText, sampleValue } from '@herald/testing';
import { PublishMetrics } from '../metrics/publish-metrics';
import { createPostLifecycleActivities } from './post-lifecycle.activities';

const NOW = new Date('2026-12-24T09:00:07Z');
const ref = { organizationId: 'org_1', postId: 'post_1' };
const workflowId = 'post:post_1';

/** Log lines written by a real Herald logger (same options as production), as parsed JSON. */
function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
      done();
    },
  });
  return { lines, logger: createLogger('herald-worker', 'info', stream) };
}

function setUp(transition: PublishTransition | null, notifyOutcome = jest.fn().mockResolvedValue(undefined)) {
  const posts = {
    markPublished: jest.fn().mockResolvedValue(transition),
    markFailed: jest.fn().mockResolvedValue(transition),
    claimManyForPublishing: jest.fn(async (requests: unknown[]) => requests.map(() => ({ kind: 'missed', message: 'Too late.', provider: transition?.provider }))),
  } as unknown as PostRepository;
  const registry = new Registry();
  const { lines, logger } = captureLogs();
  const threads = { failPending: jest.fn().mockResolvedValue(0) } as unknown as PostThreadRepository;
  const repeats = { scheduleNext: jest.fn().mockResolvedValue(null) } as unknown as PostRepeatRepository;
  const activities = createPostLifecycleActivities({
    posts,
    threads,
    repeats,
    startWorkflow: jest.fn(),
    now: () => NOW,
    logger,
    metrics: new PublishMetrics(registry),
    notifyOutcome,
  });
  const env = new MockActivityEnvironment(
    { ...defaultActivityInfo, workflowExecution: { workflowId, runId: 'run_1' } },
    // The SDK logs each failed attempt itself; not in this test's output.
    { logger: new DefaultLogger('ERROR', () => undefined) },
  );
  const value = async (name: string, labels: Record<string, string>) =>
    sampleValue(parsePrometheusText(await registry.metrics()), name, labels);
  return { activities, env, lines, value, notifyOutcome, threads };
}

describe(createPostLifecycleActivities.name, () => {
  it('should write the post, its organization and its workflow on the line that records a publication', async () => {
    const { activities, env, lines } = setUp({ provider: 'facebook', publishAt: new Date('2026-12-24T09:00:00Z') });

    await env.run(activities.markPostPublished, { ...ref, releaseId: '1789', releaseUrl: 'https://facebook.com/1789' });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'post published', postId: 'post_1', organizationId: 'org_1', workflowId: 'post:post_1' });
  });

  it('should count a publication and its lateness once, when the post actually became PUBLISHED', async () => {
    const { activities, env, value } = setUp({ provider: 'instagram-standalone', publishAt: new Date('2026-12-24T09:00:00Z') });

    await env.run(activities.markPostPublished, { ...ref, releaseId: '1789' });

    expect(await value('herald_publish_outcomes_total', { network: 'instagram', outcome: 'published' })).toBe(1);
    expect(await value('herald_publish_lateness_seconds_sum', { network: 'instagram' })).toBe(7);
    expect(await value('herald_publish_lateness_seconds_bucket', { network: 'instagram', le: '10' })).toBe(1);
    expect(await value('herald_publish_lateness_seconds_bucket', { network: 'instagram', le: '5' })).toBe(0);
  });

  it('should not count again when a retried activity finds the post already recorded', async () => {
    const { activities, env, lines, value } = setUp(null);

    await env.run(activities.markPostPublished, { ...ref, releaseId: '1789' });
    await env.run(activities.markPostFailed, { ...ref, code: 'OUTCOME_UNKNOWN' as const, message: 'Check the page.' });

    expect(await value('herald_publish_outcomes_total', { network: 'facebook', outcome: 'published' })).toBe(0);
    expect(await value('herald_workflow_failures_total', { network: 'facebook' })).toBeUndefined();
    expect(lines.map((l) => l.recorded)).toEqual([false, false]);
  });

  it('should count a failure by network and Herald error code, with the three ids on its log line', async () => {
    const { activities, env, lines, value } = setUp({ provider: 'tiktok', publishAt: new Date('2026-12-24T09:00:00Z') });

    await env.run(activities.markPostFailed, { ...ref, code: 'IDENTITY_CHECKPOINT' as const, message: 'Confirm your identity.' });

    const failed = { network: 'tiktok', outcome: 'failed', error_code: 'IDENTITY_CHECKPOINT' };
    expect(await value('herald_publish_outcomes_total', failed)).toBe(1);
    expect(await value('herald_workflow_failures_total', { network: 'tiktok', error_code: 'IDENTITY_CHECKPOINT' })).toBe(1);
    expect(lines[0]).toMatchObject({ level: 40, postId: 'post_1', organizationId: 'org_1', workflowId: 'post:post_1', code: 'IDENTITY_CHECKPOINT' });
  });

  it("should count a post its organization's lateness policy failed, and keep the network out of the workflow's history", async () => {
    const { activities, env, value } = setUp({ provider: 'facebook', publishAt: new Date('2026-12-24T08:00:00Z') });

    const claim = await env.run(activities.claimPostForPublishing, { ...ref, claimToken: 'run_1/1' });

    expect(claim).toEqual({ kind: 'missed', message: 'Too late.' });
    expect(await value('herald_publish_outcomes_total', { network: 'facebook', outcome: 'failed', error_code: 'MISSED_TIME' })).toBe(1);
  });

  describe('webhooks', () => {
    const transition = { provider: 'facebook' as const, publishAt: new Date('2026-12-24T09:00:00Z') };

    it('should start the deliveries of a publication once, keyed by the run that recorded it', async () => {
      const { activities, env, notifyOutcome } = setUp(transition);

      await env.run(activities.markPostPublished, { ...ref, releaseId: '1789' });

      expect(notifyOutcome.mock.calls).toEqual([[{ ...ref, event: 'post.published', eventId: 'published-run_1' }]]);
    });

    it('should start nothing when a retry finds the outcome recorded already', async () => {
      const { activities, env, notifyOutcome } = setUp(null);

      await env.run(activities.markPostPublished, { ...ref, releaseId: '1789' });
      await env.run(activities.markPostFailed, { ...ref, code: 'OUTCOME_UNKNOWN' as const, message: 'Check the page.' });

      expect(notifyOutcome).not.toHaveBeenCalled();
    });

    it('should start the deliveries of a failure, and of a missed time', async () => {
      const { activities, env, notifyOutcome } = setUp(transition);

      await env.run(activities.markPostFailed, { ...ref, code: 'IDENTITY_CHECKPOINT' as const, message: 'Confirm your identity.' });
      await env.run(activities.claimPostForPublishing, { ...ref, claimToken: 'run_1/1' });

      expect(notifyOutcome.mock.calls).toEqual([
        [{ ...ref, event: 'post.failed', eventId: 'failed-run_1' }],
        [{ ...ref, event: 'post.failed', eventId: 'failed-run_1' }],
      ]);
    });

    it('should still start the deliveries of a failure when failing its comments throws', async () => {
      const { activities, env, notifyOutcome, threads } = setUp(transition);
      (threads.failPending as jest.Mock).mockRejectedValueOnce(new Error('connection terminated'));

      const run = env.run(activities.markPostFailed, { ...ref, code: 'RATE_LIMITED' as const, message: 'Later.' });

      await expect(run).rejects.toThrow('connection terminated');
      expect(notifyOutcome).toHaveBeenCalledTimes(1);
    });

    it('should record the outcome and log, without failing, when the deliveries cannot be started', async () => {
      const { activities, env, lines } = setUp(transition, jest.fn().mockRejectedValue(new Error('Deadline exceeded')));

      await env.run(activities.markPostPublished, { ...ref, releaseId: '1789' });

      expect(lines.at(-1)).toMatchObject({ level: 40, msg: expect.stringContaining('could not start the webhook deliveries'), err: 'Deadline exceeded', postId: 'post_1' });
    });

    it('should not notify for a comment of the thread', async () => {
      const { activities, env, notifyOutcome } = setUp(transition);

      await env.run(activities.markThreadItemPublished, { ...ref, releaseId: 'c-1' });
      await env.run(activities.markThreadItemFailed, { ...ref, code: 'VALIDATION' as const, message: 'Too long.' });

      expect(notifyOutcome).not.toHaveBeenCalled();
    });
  });
});
