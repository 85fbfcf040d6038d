import { proxyActivities, sleep } from '@temporalio/workflow';
import type { PostLifecycleActivities, PostRef, ProviderPublishActivities, PublishTiming } from '@herald/contracts';
import type { PublishFailure, PublishedRef } from '@herald/domain';
import { WorkflowPublishError, publishFailureOf } from './publish-failure.util';

export interface PublishThreadInput {
  ref: PostRef;
  runId: string;
  rootReleaseId: string;
  taskQueue: string;
  timing: PublishTiming;
  lifecycle: PostLifecycleActivities;
  onStep: (step: string) => void;
}

/**
 * The root post is published; its thread items go out as comments on it, in order, each after
 * its delay (counted from the previous one). A comment is one visible write, tried once: when
 * its outcome is unknown the network is asked, and only a comment it provably lacks is sent
 * again. A comment that fails stops the thread (the rest would read out of order), and never
 * touches the root post, which stays published.
 */
export async function publishThread(input: PublishThreadInput): Promise<void> {
  const { ref, runId, rootReleaseId, taskQueue, timing, lifecycle, onStep } = input;
  const { safe, once } = proxiesFor(taskQueue, timing);
  const items = await lifecycle.pendingThread(ref);
  let previousAt = Date.now();
  for (const [i, item] of items.entries()) {
    const itemRef = { organizationId: ref.organizationId, postId: item.postId };
    const dueAt = previousAt + item.delayMinutes * 60_000;
    onStep(`comment ${i + 1} of ${items.length}`);
    if (dueAt > Date.now()) await sleep(dueAt - Date.now());
    const start = await lifecycle.startThreadItem({ ...itemRef, runId });
    if (start.kind === 'skip') continue;
    try {
      const comment = await commentOnce(safe, once, { ...itemRef, rootReleaseId }, start.commitStartedAt, start.resumed);
      await lifecycle.markThreadItemPublished({ ...itemRef, ...comment });
    } catch (error) {
      const failure = error instanceof WorkflowPublishError ? error.failure : publishFailureOf(error, 'unknown');
      await lifecycle.markThreadItemFailed({ ...itemRef, code: failure.code, message: failure.message });
      await lifecycle.failPendingThread({
        ...ref,
        code: failure.code,
        message: `Not published: comment ${i + 1} of the thread failed, and the ones after it would have been out of order.`,
      });
      return;
    }
    previousAt = Date.now();
  }
}

/** A comment is tried at most this many times, and again only when the network provably lacks it. */
const MAX_COMMENT_ATTEMPTS = 3;

async function commentOnce(
  safe: ProviderPublishActivities,
  once: ProviderPublishActivities,
  target: PostRef & { rootReleaseId: string },
  since: string,
  resumed: boolean,
): Promise<PublishedRef> {
  // A lost run (or this one, before a crash) may have sent it: look before sending.
  if (resumed) {
    const found = await safe.findComment({ ...target, since });
    if (found) return found;
  }
  for (let attempt = 1; ; attempt++) {
    let failure: PublishFailure;
    try {
      return await once.publishComment(target);
    } catch (error) {
      failure = publishFailureOf(error, 'unknown');
    }
    if (failure.outcome === 'unknown') {
      const found = await safe.findComment({ ...target, since });
      if (found) return found;
      // Not there: the network provably lacks it, so another try cannot make a second comment.
    } else if (!failure.retryable) {
      throw new WorkflowPublishError(failure);
    }
    if (attempt >= MAX_COMMENT_ATTEMPTS) throw new WorkflowPublishError({ ...failure, retryable: false });
    await sleep(failure.retryAfterMs ?? 5_000 * attempt);
  }
}

function proxiesFor(taskQueue: string, timing: PublishTiming) {
  const safe = proxyActivities<ProviderPublishActivities>({
    taskQueue,
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6 },
  });
  const once = proxyActivities<ProviderPublishActivities>({
    taskQueue,
    startToCloseTimeout: timing.commitTimeoutMs,
    retry: { maximumAttempts: 1 },
  });
  return { safe, once };
}
