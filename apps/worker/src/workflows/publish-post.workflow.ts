import {
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type ClaimResult,
  DEFAULT_PUBLISH_TIMING,
  type DueAttempt,
  type PostLifecycleActivities,
  type ProviderPublishActivities,
  type PublishPhase,
  type PublishPostInput,
  type PublishPostResult,
  type PublishTiming,
  SEARCH_ATTRIBUTES,
  publishNowSignal,
  publishQueueOf,
  publishStatusQuery,
  reschedulePostSignal,
} from '@herald/contracts';
import { type ProviderId, networkOf } from '@herald/domain';
import { ClaimLostError, WorkflowPublishError } from './publish-failure.util';
import { runPublishSteps } from './publish-steps';
import { publishThread } from './publish-thread';

// Herald's own bookkeeping in Postgres, as local activities: run by this worker within the
// workflow task, recorded as one marker each, with no task queue round trip. Retried without
// limit: a post that was published must be recorded as such, even if Postgres is down a while.
const lifecycle = proxyLocalActivities<PostLifecycleActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
});

/**
 * How soon a worker that died holding a post is noticed. Shorter costs Temporal more heartbeats
 * from every held post (the SDK sends one per 80% of it at most).
 */
const MAX_HELD_HEARTBEAT_TIMEOUT_MS = 30_000;

/** A staged attempt that claimed the post or found why not (not merely another time in Postgres). */
type AnsweredAttempt = DueAttempt & { claim: Exclude<ClaimResult, { kind: 'not-yet' }> };

/** Pause before staging again after a staged attempt was lost (its worker died, Postgres failed). */
const MAX_RESTAGE_BACKOFF_MS = 30_000;

/**
 * One post's publication. Started (delayed) to wake `leadMs` before the publish time; a signal
 * can move the time or cut the wait short. It then stages the post: one activity on the
 * network's queue that the worker holds until the publish time, claims the post in Postgres at
 * exactly that time (deleted, moved and drafted posts are not claimed) and publishes it at once,
 * so the Temporal work of waking is done before the instant. Whatever that step could not finish
 * (media still processing, a failure to reconcile) the workflow carries on with, step by step,
 * on the same queue, and records the result.
 */
export async function publishPost(input: PublishPostInput): Promise<PublishPostResult> {
  const timing: PublishTiming = { ...DEFAULT_PUBLISH_TIMING, ...input.timing };
  const ref = { organizationId: input.organizationId, postId: input.postId };
  const taskQueue = publishQueueOf(networkOf(input.provider));
  let publishAt = Date.parse(input.publishAt);
  let moved = false;
  let phase: PublishPhase = 'waiting';
  let step: string | undefined;
  const { runId } = workflowInfo();

  const moveTo = (at: number) => {
    if (Number.isNaN(at) || at === publishAt || (phase !== 'waiting' && phase !== 'staged')) return;
    publishAt = at;
    moved = true;
    // Operators search by it, and the sweep compares it with Postgres to resend a lost move.
    upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.PublishAt, value: new Date(at) }]);
  };
  setHandler(reschedulePostSignal, ({ publishAt: next }) => moveTo(Date.parse(next)));
  // The API moves the post to now in Postgres before signalling, and says to which instant.
  setHandler(publishNowSignal, (now) => moveTo(now?.publishAt ? Date.parse(now.publishAt) : Math.min(publishAt, Date.now())));
  setHandler(publishStatusQuery, () => ({ phase, publishAt: new Date(publishAt).toISOString(), step }));

  // The staged step is tried once per attempt; each attempt claims with a token of its own. Like
  // the publishing step, it may upload a large video, so it is bounded by an hour past the lead.
  const due = proxyActivities<ProviderPublishActivities>({
    taskQueue,
    startToCloseTimeout: timing.leadMs + 60 * 60_000,
    // A worker that dies while holding or publishing the post is noticed after this long, and the
    // post staged again (taking it over, and reconciling if the publishing call had begun).
    heartbeatTimeout: Math.min(timing.commitTimeoutMs, MAX_HELD_HEARTBEAT_TIMEOUT_MS),
    retry: { maximumAttempts: 1 },
  });

  let claimToken = '';
  let takeOver = input.takeOver === true;
  let stage = 0;
  let lost = 0;
  // Waits for the lead, stages the post and stages it again until an attempt answers.
  const stageUntilAnswered = async (): Promise<AnsweredAttempt> => {
    for (;;) {
      phase = 'waiting';
      moved = false;
      await waitUntil(() => publishAt - timing.leadMs, () => moved, () => (moved = false));
      phase = 'staged';
      claimToken = `${runId}/${++stage}`;
      const staged = await stageOnce(due, { ...ref, claimToken, publishAt: new Date(publishAt).toISOString(), takeOver }, () => moved);
      if (staged === 'moved') continue;
      if (staged === 'lost') {
        // Claim again with a new token: if the lost attempt had claimed, take the post over from
        // it (it can no longer record a commit), and ask the network if it had started publishing.
        takeOver = true;
        lost++;
        await sleep(Math.min(MAX_RESTAGE_BACKOFF_MS, 1_000 * 2 ** (lost - 1)));
        continue;
      }
      if (staged.claim.kind !== 'not-yet') return staged as AnsweredAttempt;
      // Postgres has another time (a move whose signal never arrived): wait for that one.
      const told = Date.parse(staged.claim.publishAt);
      if (told === publishAt) await sleep(1_000); // cannot happen with one clock; never spin if it does
      moveTo(told);
    }
  };

  let attempt: AnsweredAttempt;
  try {
    attempt = await stageUntilAnswered();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // The API cancels after drafting or deleting the post, but the user may have scheduled it
    // again since (draft, then publish now), and that signal can reach this run together with
    // the cancel: a run whose start is delayed sees both in its first task. Postgres says which
    // came last. A run cancelled once hears no further cancel, so from here on the claim alone
    // stops it (a post drafted or deleted again is not claimed at its time). Not continue-as-new:
    // the server carries the rest of the start delay over to the new run.
    const waiting = await CancellationScope.nonCancellable(() => lifecycle.waitingPublishAt(ref));
    if (waiting === null) throw error;
    moveTo(Date.parse(waiting));
    attempt = await CancellationScope.nonCancellable(stageUntilAnswered);
  }

  const claim = attempt.claim;
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
  const token = claimToken;
  // Once claimed, a cancellation must not interrupt the steps half way: the post is either
  // published and recorded, or recorded as failed.
  return CancellationScope.nonCancellable(async () => {
    try {
      const published = await runPublishSteps({
        ref,
        taskQueue,
        timing,
        onStep: (s) => (step = s),
        resume: claimed.resume,
        first: attempt,
        beforeCommit: (prepared) => lifecycle.recordCommitAttempt({ ...ref, claimToken: token, prepared }),
      });
      await lifecycle.markPostPublished({ ...ref, ...published });
      await lifecycle.scheduleNextOccurrence(ref);
      await thread(claimed.provider, published.releaseId);
      return { outcome: 'published' as const, ...published };
    } catch (error) {
      // Another attempt holds the post now (the sweep took it over): it records the outcome.
      if (error instanceof ClaimLostError) return { outcome: 'skipped' as const, reason: error.message };
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

/**
 * Runs one staged attempt, giving it up when the post is moved meanwhile ('moved': the attempt,
 * staged for the old time, can no longer claim it) and reporting 'lost' when the attempt failed
 * without an answer (its worker died, Postgres was down at the instant).
 */
async function stageOnce(
  due: ProviderPublishActivities,
  input: Parameters<ProviderPublishActivities['publishWhenDue']>[0],
  moved: () => boolean,
): Promise<DueAttempt | 'moved' | 'lost'> {
  const scope = new CancellationScope();
  let settled = false;
  const outcome = scope
    .run(() => due.publishWhenDue(input))
    .then(
      (attempt) => ({ attempt }),
      (error: unknown) => ({ error }),
    )
    .finally(() => (settled = true));
  await condition(() => settled || moved());
  if (!settled) scope.cancel();
  const result = await outcome;
  // Even when the post moved meanwhile, what an attempt that answered did stands.
  if ('attempt' in result) return result.attempt;
  return isCancellation(result.error) ? 'moved' : 'lost';
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
