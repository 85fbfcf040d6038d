import { proxyActivities, sleep } from '@temporalio/workflow';
import type { ClaimResume, DueAttempt, PostRef, ProviderPublishActivities, PublishTiming } from '@herald/contracts';
import type { CommitOutcome, PreparedPublish, PublishFailure, PublishedRef } from '@herald/domain';
import { ClaimLostError, WorkflowPublishError, publishFailureOf } from './publish-failure.util';

/** The step that publishes is tried again only when the network provably did not act on it. */
const MAX_COMMIT_ATTEMPTS = 3;
/** Media is prepared again at most this many times (an Instagram container expired, say). */
const MAX_PREPARATIONS = 3;

function proxiesFor(taskQueue: string, timing: PublishTiming) {
  // Preparation and reads are safe to retry; a classified failure marks itself non-retryable.
  const safe = proxyActivities<ProviderPublishActivities>({
    taskQueue,
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6 },
  });
  // The step that makes the post visible runs once per decision; the workflow decides any retry.
  // It may upload a large video (TikTok), so it is bounded by an hour but must heartbeat: a
  // worker that dies mid-publish is noticed after commitTimeoutMs, and the outcome reconciled.
  const once = proxyActivities<ProviderPublishActivities>({
    taskQueue,
    startToCloseTimeout: '1 hour',
    heartbeatTimeout: timing.commitTimeoutMs,
    retry: { maximumAttempts: 1 },
  });
  const bestEffort = proxyActivities<ProviderPublishActivities>({
    taskQueue,
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2s', maximumAttempts: 3 },
  });
  return { safe, once, bestEffort };
}

export interface PublishStepsInput {
  ref: PostRef;
  taskQueue: string;
  timing: PublishTiming;
  onStep: (step: string) => void;
  /** Taking over from a lost run: what it had prepared, and whether it had started publishing. */
  resume?: ClaimResume;
  /** What the staged step at the publish time already did; the steps carry on from there. */
  first?: Omit<DueAttempt, 'claim'>;
  /**
   * Records the attempt in Postgres just before the step that makes the post visible; false
   * when this attempt no longer holds the post (ClaimLostError: it must not publish).
   */
  beforeCommit: (prepared: PreparedPublish) => Promise<boolean>;
}

/**
 * prepare → wait until ready → commit → permalink, where a commit whose outcome is unknown is
 * reconciled with the network before anything else happens. Throws WorkflowPublishError with the
 * failure to record.
 */
export async function runPublishSteps(input: PublishStepsInput): Promise<PublishedRef> {
  const { ref, taskQueue, timing, onStep, resume, first, beforeCommit } = input;
  const { safe, once, bestEffort } = proxiesFor(taskQueue, timing);
  let prepared: PreparedPublish | undefined = resume?.prepared ?? first?.prepared;
  let preparations = first?.prepared || first?.prepareFailed ? 1 : 0;
  // Why the last preparation has to be made again: the next one waits as long as it asks.
  let prepareAgain: PublishFailure | undefined = first?.prepareFailed;
  let commits = 0;
  // The staged step's results stand for the first round of the loop below.
  let checked = first?.ready === true;
  let committed = first?.commit;
  if (first?.refused) throw new WorkflowPublishError(first.refused);

  // The lost run may have published already: ask the network before anything else. Its publish
  // call may still be in flight (a workflow terminated by hand leaves its activity running in a
  // live worker), so wait until it can no longer land: the same commitTimeoutMs after which a
  // silent attempt counts as lost.
  if (resume?.commitStartedAt) {
    onStep('settle');
    const settledAt = Date.parse(resume.commitStartedAt) + timing.commitTimeoutMs;
    if (Date.now() < settledAt) await sleep(settledAt - Date.now());
    onStep('reconcile');
    const truth = await reconcile(safe, ref, resume.prepared, resume.commitStartedAt, undefined);
    if (truth.status === 'published') return await withPermalink(bestEffort, ref, truth.ref, onStep);
    if (truth.status === 'accepted') {
      return await withPermalink(bestEffort, ref, await untilLive(safe, ref, { status: 'accepted', pending: truth.pending }, timing, onStep), onStep);
    }
    if (truth.status === 'unknown') throw new WorkflowPublishError(outcomeUnknown(truth.detail));
  }

  for (;;) {
    if (!prepared) {
      if (prepareAgain) {
        if (preparations >= MAX_PREPARATIONS) throw new WorkflowPublishError({ ...prepareAgain, retryable: false });
        if (prepareAgain.retryAfterMs) await sleep(prepareAgain.retryAfterMs);
      }
      preparations++;
      onStep('prepare');
      try {
        prepared = await safe.preparePublish(ref);
        prepareAgain = undefined;
      } catch (error) {
        const failure = failureFrom(error);
        if (!failure.prepareAgain) throw new WorkflowPublishError(failure);
        prepareAgain = failure;
        continue;
      }
    }

    if (!checked) {
      onStep('wait-ready');
      try {
        prepared = await waitUntilReady(safe, ref, prepared, timing);
      } catch (error) {
        const failure = failureFrom(error);
        if (!failure.prepareAgain) throw new WorkflowPublishError(failure);
        prepareAgain = failure;
        prepared = undefined;
        continue;
      }
    }
    checked = false;

    onStep('commit');
    commits++;
    const ready = prepared;
    const staged = committed;
    committed = undefined;
    if (!staged && !(await beforeCommit(ready))) throw new ClaimLostError();
    const commitStartedAt = staged?.startedAt ?? new Date(Date.now()).toISOString();
    let failure: PublishFailure;
    try {
      if (staged && 'failure' in staged) throw new WorkflowPublishError(staged.failure);
      const outcome = staged ? staged.outcome : await once.commitPublish({ ...ref, prepared: ready });
      const published = await untilLive(safe, ref, outcome, timing, onStep);
      return await withPermalink(bestEffort, ref, published, onStep);
    } catch (error) {
      failure = failureFrom(error, 'unknown');
    }

    if (failure.outcome === 'unknown') {
      onStep('reconcile');
      const truth = await reconcile(safe, ref, prepared, commitStartedAt, failure.commitProgress);
      if (truth.status === 'published') return await withPermalink(bestEffort, ref, truth.ref, onStep);
      if (truth.status === 'accepted') {
        const published = await untilLive(safe, ref, { status: 'accepted', pending: truth.pending }, timing, onStep);
        return await withPermalink(bestEffort, ref, published, onStep);
      }
      if (truth.status === 'unknown') throw new WorkflowPublishError(outcomeUnknown(truth.detail));
      // The network provably did not publish: trying again cannot duplicate the post.
      failure = {
        code: 'NETWORK_UNAVAILABLE',
        message: `The network failed ${commits} time(s) while publishing; it confirms nothing was published.`,
        retryable: true,
        outcome: 'not-applied',
      };
    }
    if (!failure.retryable || commits >= MAX_COMMIT_ATTEMPTS) {
      throw new WorkflowPublishError({ ...failure, retryable: false });
    }
    if (failure.prepareAgain) {
      if (preparations >= MAX_PREPARATIONS) throw new WorkflowPublishError({ ...failure, retryable: false });
      prepared = undefined;
    }
    await sleep(failure.retryAfterMs ?? 5_000 * commits);
  }
}

function outcomeUnknown(detail: string): PublishFailure {
  return {
    code: 'OUTCOME_UNKNOWN',
    message: `Herald could not confirm whether the network published this post (${detail}). Check the account before publishing it again.`,
    retryable: false,
    outcome: 'unknown',
  };
}

/** "5 seconds", "15 minutes": durations in the words a user reads. */
function duration(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} seconds`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} minutes`;
  return `${Math.round(ms / 3_600_000)} hours`;
}

async function attempt<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new WorkflowPublishError(publishFailureOf(error, 'not-applied'));
  }
}

function failureFrom(error: unknown, fallbackOutcome: PublishFailure['outcome'] = 'not-applied'): PublishFailure {
  return error instanceof WorkflowPublishError ? error.failure : publishFailureOf(error, fallbackOutcome);
}

/**
 * A post the network accepted but still processes (TikTok) is polled until it is live. The
 * network giving up on it is a failure that never published, so it may be tried again.
 */
async function untilLive(
  safe: ProviderPublishActivities,
  ref: PostRef,
  outcome: CommitOutcome,
  timing: PublishTiming,
  onStep: (step: string) => void,
): Promise<PublishedRef> {
  if (outcome.status === 'published') return outcome.ref;
  onStep('confirm');
  const deadline = Date.now() + timing.confirmDeadlineMs;
  for (;;) {
    const check = await attempt(() => safe.confirmPublished({ ...ref, pending: outcome.pending }));
    if (check.status === 'published') return check.ref;
    if (Date.now() >= deadline) {
      throw new WorkflowPublishError({
        code: 'OUTCOME_UNKNOWN',
        message: `The network accepted the post but had not finished publishing it after ${duration(timing.confirmDeadlineMs)}. Check the account before publishing it again.`,
        retryable: false,
        outcome: 'unknown',
      });
    }
    await sleep(timing.checkIntervalMs);
  }
}

async function waitUntilReady(
  safe: ProviderPublishActivities,
  ref: PostRef,
  prepared: PreparedPublish,
  timing: PublishTiming,
): Promise<PreparedPublish> {
  const deadline = Date.now() + timing.prepareDeadlineMs;
  for (;;) {
    const current = prepared;
    const check = await attempt(() => safe.checkPrepared({ ...ref, prepared: current }));
    if (check.status === 'ready') return check.prepared;
    if (check.prepared) prepared = check.prepared;
    if (Date.now() >= deadline) {
      throw new WorkflowPublishError({
        code: 'NETWORK_UNAVAILABLE',
        message: `The network was still processing the media after ${duration(timing.prepareDeadlineMs)}; nothing was published.`,
        retryable: false,
        outcome: 'not-applied',
      });
    }
    await sleep(timing.checkIntervalMs);
  }
}

async function reconcile(
  safe: ProviderPublishActivities,
  ref: PostRef,
  prepared: PreparedPublish,
  commitStartedAt: string,
  progress: Record<string, unknown> | undefined,
) {
  try {
    return await safe.reconcilePublish({ ...ref, prepared, commitStartedAt, progress });
  } catch (error) {
    return { status: 'unknown' as const, detail: publishFailureOf(error, 'unknown').message };
  }
}

/** The post is live; a missing link must not turn it into a failure. */
async function withPermalink(
  bestEffort: ProviderPublishActivities,
  ref: PostRef,
  published: PublishedRef,
  onStep: (step: string) => void,
): Promise<PublishedRef> {
  if (published.releaseUrl) return published;
  onStep('permalink');
  try {
    const url = await bestEffort.resolvePermalink({ ...ref, releaseId: published.releaseId });
    return url ? { ...published, releaseUrl: url } : published;
  } catch {
    return published;
  }
}
