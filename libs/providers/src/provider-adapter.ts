import type {
  CommitOutcome,
  ConfirmCheck,
  IntegrationCredentials,
  MediaRef,
  PreparedPublish,
  PrepareCheck,
  ProviderId,
  ReconcileResult,
} from '@herald/domain';

/** The connected account on the network (a Facebook Page, an Instagram business account, …). */
export interface ProviderAccount {
  provider: ProviderId;
  /** The network's id of the account (Page id, IG user id, TikTok open_id). */
  internalId: string;
}

/** Decrypted credentials, read only through IntegrationRepository.getCredentials. Never logged. */
export type ProviderCredentials = IntegrationCredentials;

export interface PublishContext {
  account: ProviderAccount;
  credentials: ProviderCredentials;
}

/** The post as the network will receive it. */
export interface PublishablePost {
  postId: string;
  /** Plain text, already converted from the composer's HTML. */
  content: string;
  media: MediaRef[];
  settings: Record<string, unknown>;
}

/** Where a thread item goes: a top-level comment on the published post. */
export interface CommentTarget {
  /** The network's id of the published post the thread hangs on (PublishedRef.releaseId). */
  rootReleaseId: string;
}

/**
 * Follow-up comments on a published post (thread items), for networks that take them. The same
 * split as publishing: `post` is the visible write, `find` the read-only reconciliation.
 */
export interface ProviderComments {
  /**
   * Publishes one comment on the post. The one visible write: never retried blindly. Throws
   * ProviderError with PublishFailure.outcome 'unknown' when it may have happened (timeout, reset,
   * 5xx after sending), 'not-applied' when it provably did not.
   */
  post(ctx: PublishContext, target: CommentTarget, text: string): Promise<{ commentId: string; url?: string }>;
  /**
   * Read-only: the account's comment with exactly this text on the target, made at or after
   * `since`, or null. Lets a workflow decide what an 'unknown' comment did.
   */
  find(ctx: PublishContext, target: CommentTarget, text: string, since: Date): Promise<{ commentId: string } | null>;
}

/**
 * One network's publishing steps. The split exists so that nothing is ever published twice:
 * `prepare` and `check` may be retried freely, `commit` is the one step that makes the post
 * visible and is never retried blindly, and `reconcile` asks the network, read-only, what a
 * commit with an unknown outcome did.
 *
 * Every method throws ProviderError (with a PublishFailure) for anything the network refuses or
 * fails at.
 */
export interface ProviderAdapter {
  readonly provider: ProviderId;
  prepare(ctx: PublishContext, post: PublishablePost): Promise<PreparedPublish>;
  check(ctx: PublishContext, prepared: PreparedPublish): Promise<PrepareCheck>;
  commit(ctx: PublishContext, post: PublishablePost, prepared: PreparedPublish): Promise<CommitOutcome>;
  /**
   * Read-only: has a post the network accepted (`commit` answered `accepted`) gone live? Throws
   * ProviderError when the network gave up on it (TikTok's FAILED); that never publishes twice.
   */
  confirm(ctx: PublishContext, pending: PreparedPublish): Promise<ConfirmCheck>;
  reconcile(
    ctx: PublishContext,
    post: PublishablePost,
    prepared: PreparedPublish,
    commitStartedAt: Date,
    /** The failed commit's PublishFailure.commitProgress, when it had any. */
    progress?: Record<string, unknown>,
  ): Promise<ReconcileResult>;
  /** The public URL of a published post, or null when the network will not say. */
  permalink(ctx: PublishContext, releaseId: string): Promise<string | null>;
  /**
   * Read-only: the account's latest posts, newest first, for a post sent to the creator's inbox
   * (release id 'missing') whose real post the user then picks. Absent where no post lacks its id.
   */
  recentPosts?(ctx: PublishContext): Promise<Array<{ id: string; url: string | null; createdAt: string | null; text: string | null }>>;
  /**
   * New credentials from the refresh token, for networks whose tokens refresh (TikTok). Throws
   * ProviderError RECONNECT_NEEDED (not retryable) when the network refuses the refresh token,
   * and a retryable one for transient failures. Absent when tokens do not refresh (Meta Pages).
   */
  refresh?(credentials: ProviderCredentials): Promise<ProviderCredentials>;
  /** Comments on published posts; absent where the network's API cannot comment (TikTok). */
  readonly comments?: ProviderComments;
}

/** Base URLs of the networks' APIs: the real hosts in production, the sandbox in tests and demos. */
export interface ProviderEndpoints {
  /** e.g. https://graph.facebook.com or http://127.0.0.1:3900/graph.facebook.com */
  facebookGraph: string;
  /** e.g. https://graph.instagram.com */
  instagramGraph: string;
  /** e.g. https://open.tiktokapis.com */
  tiktokApi: string;
  /** Graph API version path segment, e.g. v21.0 */
  graphVersion: string;
  /** Per-request timeout; past it the outcome of a write is unknown. */
  requestTimeoutMs: number;
  /** Connections open at once to each network host, per process (default 100); more calls wait their turn. */
  maxConnections?: number;
}
