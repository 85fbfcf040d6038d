import {
  CancellationScope,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  DEFAULT_PUBLISH_TIMING,
  type PostLifecycleActivities,
  type PublishPhase,
  type PublishPostInput,
  type PublishPostResult,
  SEARCH_ATTRIBUTES,
  TASK_QUEUES,
  publishNowSignal,
  publishQueueOf,
  publishStatusQuery,
  reschedulePostSignal,
} from '@herald/contracts';
import { type ProviderId, networkOf } from '@herald/domain';
import { WorkflowPublishError } from './publish-failure.util';
import { runPublishSteps } from './publish-steps';
import { publishThread } from './publish-thread';

// Herald's own bookkeeping in Postgres. Retried without limit: a post that was published must
// be recorded as such, even if Postgres is down for a while.
const lifecycle = proxyActivities<PostLifecycleActivities>({
  taskQueue: TASK_QUEUES.workflows,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
});

/**
 * One post's publication. It sleeps on a durable timer until the publish time (a signal can
 * move it), asks Postgres whether the post is still due (deleted, moved and drafted posts are
 * not), then runs the network's steps on that network's task queue and records the result.
 */
export async function publishPostWorkflow(input: PublishPostInput): Promise<PublishPostResult> {
  const timing = { ...DEFAULT_PUBLISH_TIMING, ...input.timing };
  const ref = { organizationId: input.organizationId, postId: input.postId };
  let publishAt = Date.parse(input.publishAt);
  let wake = false;
  let phase: PublishPhase = 'waiting';
  let step: string | undefined;
  const { runId } = workflowInfo();

  setHandler(reschedulePostSignal, ({ publishAt: next }) => {
    const at = Date.parse(next);
    if (Number.isNaN(at) || phase !== 'waiting') return;
    publishAt = at;
    wake = true;
    // Operators search by it, and the sweep compares it with Postgres to resend a lost move.
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.PublishAt, value: new Date(at) }]);
  });
  setHandler(publishNowSignal, () => {
    // The API moves the post to now in Postgres before signalling; this only cuts the wait short.
    publishAt = Math.min(publishAt, Date.now());
    wake = true;
  });
  setHandler(publishStatusQuery, () => ({ phase, publishAt: new Date(publishAt).toISOString(), step }));

  let claim;
  for (;;) {
    await waitUntil(() => publishAt, () => wake, () => (wake = false));
    claim = await lifecycle.claimPostForPublishing({ ...ref, runId, takeOver: input.takeOver });
    if (claim.kind !== 'not-yet') break;
    // Postgres says later than the timer did: a move whose signal never arrived. Wait again.
    publishAt = Date.parse(claim.publishAt);
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.PublishAt, value: new Date(publishAt) }]);
  }
  if (claim.kind === 'skip') {
    phase = 'done';
    return { outcome: 'skipped', reason: claim.reason };
  }
  if (claim.kind === 'missed') {
    phase = 'done';
    // A repeat goes on after a missed occurrence: the next one is still the user's intent.
    await lifecycle.scheduleNextOccurrence(ref);
    return { outcome: 'failed', code: 'MISSED_TIME', message: claim.message };
  }
  const thread = (provider: ProviderId, rootReleaseId: string) =>
    publishThread({ ref, runId, rootReleaseId, taskQueue: publishQueueOf(networkOf(provider)), timing, lifecycle, onStep: (s) => (step = s) });
  if (claim.kind === 'thread') {
    // Published by a run that was lost before its comments all went out.
    phase = 'publishing';
    const { provider, releaseId } = claim;
    await lifecycle.scheduleNextOccurrence(ref);
    await CancellationScope.nonCancellable(() => thread(provider, releaseId));
    phase = 'done';
    return { outcome: 'published', releaseId };
  }

  phase = 'publishing';
  const claimed = claim;
  // Once claimed, a cancellation must not interrupt the steps half way: the post is either
  // published and recorded, or recorded as failed.
  return CancellationScope.nonCancellable(async () => {
    try {
      const published = await runPublishSteps({
        ref,
        taskQueue: publishQueueOf(networkOf(claimed.provider)),
        timing,
        onStep: (s) => (step = s),
        resume: claimed.resume,
        beforeCommit: (prepared) => lifecycle.recordCommitAttempt({ ...ref, runId, prepared }),
      });
      await lifecycle.markPostPublished({ ...ref, ...published });
      await lifecycle.scheduleNextOccurrence(ref);
      await thread(claimed.provider, published.releaseId);
      return { outcome: 'published' as const, ...published };
    } catch (error) {
      if (!(error instanceof WorkflowPublishError)) throw error;
      const { code, message } = error.failure;
      await lifecycle.markPostFailed({ ...ref, code, message });
      await lifecycle.scheduleNextOccurrence(ref);
      return { outcome: 'failed' as const, code, message };
    } finally {
      phase = 'done';
    }
  });
}

/** Sleeps until `deadline()`, waking early when `woken()` turns true (then re-reads the deadline). */
async function waitUntil(deadline: () => number, woken: () => boolean, reset: () => void): Promise<void> {
  for (;;) {
    const remaining = deadline() - Date.now();
    if (remaining <= 0) return;
    reset();
    await condition(woken, remaining);
  }
}
