import type {
  CommitOutcome,
  ConfirmCheck,
  ErrorCode,
  PreparedPublish,
  PrepareCheck,
  ProviderId,
  PublishFailure,
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
  /**
   * Postgres has another publish time than the one asked for (the post was moved; perhaps the
   * signal was lost): wait for that one, and claim it then.
   */
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

/**
 * What a claim asks for. `claimToken` names one attempt of a workflow run at publishing the post
 * (`<runId>/<attempt>`): the post holds it while PUBLISHING, and only its holder may record a
 * commit attempt, so an attempt the workflow gave up on can never publish behind its back.
 */
export interface ClaimInput extends PostRef {
  claimToken: string;
  /** Take the post over from another holder whose attempt is lost (PUBLISHING, not ours). */
  takeOver?: boolean;
  /**
   * Claim only if Postgres still has exactly this publish time (ISO): an attempt staged for a
   * time the user has since changed can never publish at the old one.
   */
  publishAt?: string;
}

/** Herald's own bookkeeping, run as local activities of the publish workflow. All of them are idempotent. */
export interface PostLifecycleActivities {
  /**
   * Atomically moves a due QUEUE post to PUBLISHING for this claim token. Deleted, moved,
   * drafted or already-published posts are not claimed: Postgres decides, not the timer. The
   * same token claiming again gets what its earlier attempt recorded (`resume`).
   */
  claimPostForPublishing(input: ClaimInput): Promise<ClaimResult>;
  /**
   * Records, before the publishing step, what a run taking over would need to reconcile. False
   * when the token no longer holds the post (another attempt took it over): do not publish.
   */
  recordCommitAttempt(input: PostRef & { claimToken: string; prepared: PreparedPublish }): Promise<boolean>;
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
  /**
   * The post's publish time (ISO) if it still waits to be published (QUEUE, not deleted), else
   * null. Asked when the workflow is cancelled, to tell a cancel that stands from one the user
   * has since undone (drafted, then scheduled again).
   */
  waitingPublishAt(input: PostRef): Promise<string | null>;
}

/**
 * What the step at the publish time got done (publishWhenDue) before handing back to the
 * workflow, which carries on from there with the ordinary steps.
 */
export interface DueAttempt {
  claim: ClaimResult;
  /** What was prepared; absent when nothing was (not claimed, or preparing failed in a way worth retrying). */
  prepared?: PreparedPublish;
  /** The network said the prepared media is ready to publish. */
  ready?: boolean;
  /** The network refused to prepare the post, for good: nothing was published. */
  refused?: PublishFailure;
  /**
   * Preparing failed in a way that preparing again, after the failure's retryAfterMs, may mend
   * (prepareAgain: Instagram could not fetch the media yet, say). Counts as one preparation.
   */
  prepareFailed?: PublishFailure;
  /** The publishing step was attempted (its attempt recorded in Postgres first), and what came of it. */
  commit?: { startedAt: string } & ({ outcome: CommitOutcome } | { failure: PublishFailure });
}

/**
 * The network's steps, on the network's own task queue. The same names are registered on every
 * network's queue, each bound to that network's adapter.
 */
export interface ProviderPublishActivities {
  /**
   * Started ahead of the publish time (PublishTiming.leadMs) and held in the worker until
   * `publishAt`; then claims the post (only at exactly that time) and, when it is claimed,
   * runs prepare, check, commit and permalink in one go while each succeeds. Never retried by
   * Temporal: the workflow takes over from whatever it reports, or, if it is lost, claims again.
   */
  publishWhenDue(input: ClaimInput & { publishAt: string }): Promise<DueAttempt>;
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
