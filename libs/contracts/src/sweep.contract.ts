import { defineSignal } from '@temporalio/workflow';

export const SWEEP_WORKFLOW = 'sweepStrandedPostsWorkflow';
/** One sweep per Temporal namespace. */
export const SWEEP_WORKFLOW_ID = 'herald-sweep-stranded-posts';

export interface SweepInput {
  /** Pause between two sweeps. */
  intervalMs: number;
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
 * Sweep now (a worker that just reconnected to Temporal sends it), and from then on at the
 * sender's interval: the sweep outlives the worker that started it, and the newest worker's
 * configuration is the one an operator last set.
 */
export const sweepNowSignal = defineSignal<[Partial<SweepInput>?]>('sweepNow');

export interface SweepActivities {
  sweepStrandedPosts(): Promise<SweepReport>;
}
