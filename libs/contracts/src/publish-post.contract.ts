import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ErrorCode, ProviderId } from '@herald/domain';

export const PUBLISH_POST_WORKFLOW = 'publishPost';

/**
 * Workflow types of earlier Herald versions, whose code the workers no longer carry. Their
 * executions cannot replay against today's code, so the sweep replaces each one with a run of
 * PUBLISH_POST_WORKFLOW under the same id (Postgres knows what the post still needs).
 */
export const RETIRED_PUBLISH_WORKFLOWS: readonly string[] = ['publishPostWorkflow'];

/**
 * Durations the workflow uses, passed in at start so that tests can shorten them and so that
 * they never come from the worker's environment (workflow code must be deterministic).
 */
export interface PublishTiming {
  /** Pause between two reads of a network's processing status. */
  checkIntervalMs: number;
  /** Give up waiting for the network to finish processing media after this long. */
  prepareDeadlineMs: number;
  /** Longest single attempt of the step that publishes; past it the outcome is unknown. */
  commitTimeoutMs: number;
  /** How long a post the network accepted may take to go live (TikTok processes after accepting). */
  confirmDeadlineMs: number;
  /**
   * How long before the publish time the workflow wakes and hands the post to its network's
   * worker, which holds it until the publish time itself. Waking, workflow tasks and dispatch
   * then happen before the instant, so many posts due at once all reach the network on time.
   */
  leadMs: number;
}

export const DEFAULT_PUBLISH_TIMING: PublishTiming = {
  checkIntervalMs: 5_000,
  prepareDeadlineMs: 15 * 60_000,
  commitTimeoutMs: 2 * 60_000,
  confirmDeadlineMs: 30 * 60_000,
  leadMs: 60_000,
};

export interface PublishPostInput {
  organizationId: string;
  postId: string;
  /** The publish time when the workflow was started (ISO, UTC); the database has the last word. */
  publishAt: string;
  /** The channel's provider: which network's task queue publishes it. */
  provider: ProviderId;
  timing?: Partial<PublishTiming>;
  /**
   * Started by the sweep for a post left PUBLISHING by a run that is gone: take the claim over,
   * and if that run had reached the publishing step, ask the network what happened first.
   */
  takeOver?: boolean;
}

export type PublishPostResult =
  | { outcome: 'published'; releaseId: string; releaseUrl?: string }
  | { outcome: 'failed'; code: ErrorCode; message: string }
  | { outcome: 'skipped'; reason: string };

/** Move the pending publish; the API sends it after writing the new time to Postgres. */
export const reschedulePostSignal = defineSignal<[{ publishAt: string }]>('reschedulePost');

/** Publish without waiting for the remaining time: `publishAt` is the time the API wrote to Postgres. */
export const publishNowSignal = defineSignal<[{ publishAt: string }?]>('publishNow');

/** `staged`: handed to the network's worker, which holds it until the publish time. */
export type PublishPhase = 'waiting' | 'staged' | 'publishing' | 'done';

export interface PublishStatus {
  phase: PublishPhase;
  publishAt: string;
  step?: string;
}

export const publishStatusQuery = defineQuery<PublishStatus>('publishStatus');

export type PublishPostWorkflow = (input: PublishPostInput) => Promise<PublishPostResult>;
