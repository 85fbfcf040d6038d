import { defineSignal } from '@temporalio/workflow';

export const SWEEP_WORKFLOW = 'sweepStrandedPostsWorkflow';
/** One sweep per Temporal namespace. */
export const SWEEP_WORKFLOW_ID = 'herald-sweep-stranded-posts';

export interface SweepInput {
  /** Pause between two sweeps. */
  intervalMs: number;
  /**
   * The sweeps between full ones look only at posts due within this long (and at every post in
   * PUBLISHING or without a workflow): a post due later is looked at in time by a later sweep,
   * and a sweep costs the posts due soon rather than every post waiting. Full: none given.
   */
  horizonMs?: number;
}

export interface SweepReport {
  /** Posts in QUEUE or PUBLISHING that were looked at. */
  checked: number;
  /** Post ids whose workflow was missing or closed and was started again. */
  restarted: string[];
  /**
   * Posts too young to judge (the API may still be starting their workflow) and without one yet:
   * sweep again in this many milliseconds rather than a whole interval later.
   */
  recheckInMs?: number;
}

/**
 * Sweep now, fully (a worker that just reconnected to Temporal sends it: Temporal may have lost
 * its database), and from then on at the sender's interval and horizon: the sweep outlives the worker that started it, and the newest worker's
 * configuration is the one an operator last set.
 */
export const sweepNowSignal = defineSignal<[Partial<SweepInput>?]>('sweepNow');

export interface SweepActivities {
  /** `dueBefore` (ISO): only posts due before it, plus those PUBLISHING or without a workflow; absent: all. */
  sweepStrandedPosts(input?: { dueBefore?: string }): Promise<SweepReport>;
}
