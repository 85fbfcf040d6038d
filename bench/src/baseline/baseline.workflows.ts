// The baseline's workflow code (bundled by the baseline worker at its start, which is not timed).
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { BaselineActivities, BaselineInput } from './baseline.types';

/**
 * Waits for the instant, then runs the network's steps as Herald's publish does (prepare, poll
 * until ready, commit, poll until live, permalink), with none of Herald's claim, bookkeeping,
 * validation or error handling.
 */
export async function baselinePublishWorkflow(input: BaselineInput): Promise<string> {
  const safe = proxyActivities<BaselineActivities>({
    taskQueue: input.activityQueue,
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 6 },
  });
  const once = proxyActivities<BaselineActivities>({ taskQueue: input.activityQueue, startToCloseTimeout: '1 hour', retry: { maximumAttempts: 1 } });
  const { ctx, post } = input;
  const wait = Date.parse(input.publishAt) - Date.now();
  if (wait > 0) await sleep(wait);

  let prepared = await safe.prepare({ ctx, post });
  for (;;) {
    const check = await safe.check({ ctx, post, prepared });
    if (check.status === 'ready') {
      prepared = check.prepared;
      break;
    }
    if (check.prepared) prepared = check.prepared;
    await sleep(input.checkIntervalMs);
  }
  const outcome = await once.commit({ ctx, post, prepared });
  let published;
  if (outcome.status === 'published') {
    published = outcome.ref;
  } else {
    for (;;) {
      const live = await safe.confirm({ ctx, post, pending: outcome.pending });
      if (live.status === 'published') {
        published = live.ref;
        break;
      }
      await sleep(input.checkIntervalMs);
    }
  }
  if (!published.releaseUrl) await safe.permalink({ ctx, post, releaseId: published.releaseId });
  return published.releaseId;
}

/** For the bare `workflow.start` rate: a workflow that never gets a worker in the bench. */
export async function benchIdleWorkflow(): Promise<void> {
  await sleep('30 days');
}
