import type {
  CommitOutcome,
  ConfirmCheck,
  ErrorCode,
  PreparedPublish,
  PrepareCheck,
  ProviderId,
  PublishedRef,
  ReconcileResult,
} from '@herald/domain';

export interface PostRef {
  organizationId: string;
  postId: string;
}

/** What a run that took over from a lost one knows of that run's progress. */
export interface ClaimResume {
  prepared: PreparedPublish;
  /** Set when the lost run had started the step that makes the post visible. */
  commitStartedAt?: string;
}

export type ClaimResult =
  | { kind: 'claimed'; provider: ProviderId; integrationId: string; resume?: ClaimResume }
  /** The post was moved later (perhaps the signal was lost): wait again until then. */
  | { kind: 'not-yet'; publishAt: string }
  | { kind: 'skip'; reason: string }
  /** Too late to publish under the organization's policy: recorded as ERROR MISSED_TIME. */
  | { kind: 'missed'; message: string };

/** Herald's own bookkeeping, on the workflow task queue. All of them are idempotent. */
export interface PostLifecycleActivities {
  /**
   * Atomically moves a due QUEUE post to PUBLISHING for this workflow run. Deleted, moved,
   * drafted or already-published posts are not claimed: Postgres decides, not the timer.
   */
  claimPostForPublishing(input: PostRef & { runId: string; takeOver?: boolean }): Promise<ClaimResult>;
  /** Records, before the publishing step, what a run taking over would need to reconcile. */
  recordCommitAttempt(input: PostRef & { runId: string; prepared: PreparedPublish }): Promise<void>;
  markPostPublished(input: PostRef & PublishedRef): Promise<void>;
  markPostFailed(input: PostRef & { code: ErrorCode; message: string }): Promise<void>;
}

/**
 * The network's steps, on the network's own task queue. The same names are registered on every
 * network's queue, each bound to that network's adapter.
 */
export interface ProviderPublishActivities {
  /** Retry-safe: creates only what is invisible until committed. */
  preparePublish(input: PostRef): Promise<PreparedPublish>;
  /** Read-only: is the prepared media ready to publish? */
  checkPrepared(input: PostRef & { prepared: PreparedPublish }): Promise<PrepareCheck>;
  /** The step that makes the post visible. Never retried blindly. */
  commitPublish(input: PostRef & { prepared: PreparedPublish }): Promise<CommitOutcome>;
  /** Read-only: has a post the network accepted gone live yet? */
  confirmPublished(input: PostRef & { pending: PreparedPublish }): Promise<ConfirmCheck>;
  /** Read-only: after a commit whose outcome is unknown, ask the network what happened. */
  reconcilePublish(
    input: PostRef & { prepared: PreparedPublish; commitStartedAt: string; progress?: Record<string, unknown> },
  ): Promise<ReconcileResult>;
  /** Best effort, after publishing: the public URL of the published post. */
  resolvePermalink(input: PostRef & { releaseId: string }): Promise<string | null>;
}

/** Failure type names thrown by activities (ApplicationFailure.type). */
export const PUBLISH_FAILURE_TYPE = 'PublishFailure';
