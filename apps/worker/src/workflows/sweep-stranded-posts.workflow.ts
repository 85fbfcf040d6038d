import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import { type SweepActivities, type SweepInput, sweepNowSignal } from '@herald/contracts';

const { sweepStrandedPosts } = proxyActivities<SweepActivities>({
  // Sweeping many posts takes a while; the activity heartbeats per batch.
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

/** Sweeps before continuing as new, to keep the history short (so one sweep in 100 is full). */
const SWEEPS_PER_RUN = 100;

/**
 * Finds posts that should have a running publish workflow but do not (the workflow was
 * terminated by hand, the Temporal database was replaced, the API saved the post while Temporal
 * was down) and starts it again. Runs for as long as Herald does, one per namespace; a worker
 * that reconnects to Temporal signals it to sweep at once.
 */
export async function sweepStrandedPostsWorkflow(input: SweepInput): Promise<void> {
  let now = false;
  // The first sweep of each run is full, and so is every one a reconnecting worker asks for.
  let full = true;
  let { intervalMs, horizonMs } = input;
  setHandler(sweepNowSignal, (change) => {
    if (change?.intervalMs && change.intervalMs > 0) intervalMs = change.intervalMs;
    if (change?.horizonMs && change.horizonMs > 0) horizonMs = change.horizonMs;
    now = true;
    full = true;
  });
  for (let i = 0; i < SWEEPS_PER_RUN; i++) {
    now = false;
    const dueBefore = full || !horizonMs ? undefined : new Date(Date.now() + horizonMs).toISOString();
    full = false;
    const { recheckInMs } = await sweepStrandedPosts({ dueBefore });
    await condition(() => now, Math.min(intervalMs, recheckInMs ?? intervalMs));
  }
  await continueAsNew<typeof sweepStrandedPostsWorkflow>({ ...input, intervalMs, horizonMs });
}
