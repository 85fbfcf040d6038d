import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import { type SweepActivities, type SweepInput, sweepNowSignal } from '@herald/contracts';

const { sweepStrandedPosts } = proxyActivities<SweepActivities>({
  // Sweeping many posts takes a while; the activity heartbeats per batch.
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

/** Sweeps before continuing as new, to keep the history short. */
const SWEEPS_PER_RUN = 100;

/**
 * Finds posts that should have a running publish workflow but do not (the workflow was
 * terminated by hand, the Temporal database was replaced, the API saved the post while Temporal
 * was down) and starts it again. Runs for as long as Herald does, one per namespace; a worker
 * that reconnects to Temporal signals it to sweep at once.
 */
export async function sweepStrandedPostsWorkflow(input: SweepInput): Promise<void> {
  let now = false;
  let { intervalMs } = input;
  setHandler(sweepNowSignal, (change) => {
    if (change?.intervalMs && change.intervalMs > 0) intervalMs = change.intervalMs;
    now = true;
  });
  for (let i = 0; i < SWEEPS_PER_RUN; i++) {
    now = false;
    const { recheckInMs } = await sweepStrandedPosts();
    await condition(() => now, Math.min(intervalMs, recheckInMs ?? intervalMs));
  }
  await continueAsNew<typeof sweepStrandedPostsWorkflow>({ ...input, intervalMs });
}
