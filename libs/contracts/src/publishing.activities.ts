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
  | { kind: 'missed'; message: string }
  /** Published already, but comments of its thread are still to go out (a lost run's, say). */
  | { kind: 'thread'; provider: ProviderId; releaseId: string };

/** A thread item waiting to go out as a comment, in order. */
export interface PendingThreadItem {
  postId: string;
  /** Minutes after the previous item (or the post) went out. */
  delayMinutes: number;
}

export type ThreadItemStart =
  /** `resumed`: an earlier run had started this comment; ask the network before commenting again. */
  | { kind: 'started'; commitStartedAt: string; resumed: boolean }
  | { kind: 'skip'; reason: string };

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
  /** Records the failure; the post's pending thread items fail with it. */
  markPostFailed(input: PostRef & { code: ErrorCode; message: string }): Promise<void>;
  /** The root post's thread items still to publish, in order. */
  pendingThread(input: PostRef): Promise<PendingThreadItem[]>;
  /** Claims one thread item (QUEUE to PUBLISHING) just before its comment is sent. */
  startThreadItem(input: PostRef & { runId: string }): Promise<ThreadItemStart>;
  markThreadItemPublished(input: PostRef & PublishedRef): Promise<void>;
  markThreadItemFailed(input: PostRef & { code: ErrorCode; message: string }): Promise<void>;
  /**
   * For an occurrence of a repeating post that has ended: creates the next occurrence and starts
   * its workflow (idempotent). Null when the post does not repeat, or the repeat is over.
   */
  scheduleNextOccurrence(input: PostRef): Promise<{ postId: string; publishAt: string } | null>;
  /** The root's thread items still waiting fail with this reason (a comment before them failed). */
  failPendingThread(input: PostRef & { code: ErrorCode; message: string }): Promise<void>;
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
  /** A thread item (`postId`) as a comment on the published root. The one visible write: never retried blindly. */
  publishComment(input: PostRef & { rootReleaseId: string }): Promise<PublishedRef>;
  /** Read-only: the channel's comment with the item's text on the root, made since `since`, or null. */
  findComment(input: PostRef & { rootReleaseId: string; since: string }): Promise<PublishedRef | null>;
}

/** Failure type names thrown by activities (ApplicationFailure.type). */
export const PUBLISH_FAILURE_TYPE = 'PublishFailure';
